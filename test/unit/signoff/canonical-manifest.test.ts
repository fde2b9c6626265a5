import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson, evidenceManifest, manifestSubject } from '../../../electron/core/signoff/evidence-manifest';

const H = (c: string) => c.repeat(64);

describe('canonicalJson', () => {
  it('sorts keys at every level and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: 'x' } })).toBe(
      '{"a":{"c":"x","d":[3,{"y":2,"z":1}]},"b":1}',
    );
  });

  it('gives the same text whatever order the object was built in', () => {
    expect(canonicalJson({ x: 1, y: 2 })).toBe(canonicalJson({ y: 2, x: 1 }));
  });

  it('leaves out undefined properties but rejects values JSON cannot hold', () => {
    expect(canonicalJson({ a: undefined, b: null })).toBe('{"b":null}');
    expect(() => canonicalJson({ n: NaN })).toThrow(/finite/);
    expect(() => canonicalJson([undefined])).toThrow(/undefined/);
    expect(() => canonicalJson({ d: new Date(0) })).toThrow(/plain object/);
    const loop: Record<string, unknown> = {};
    loop.self = loop;
    expect(() => canonicalJson(loop)).toThrow(/circular/);
  });
});

describe('evidenceManifest', () => {
  const files = [
    { path: 'reports/b.xml', sha256: H('b'), size: 20 },
    { path: 'a.log', sha256: H('a'), size: 10 },
  ];
  const base = { gate: 'perf', runNo: 3, planDigest: H('c'), files };

  it('hashes exactly its canonical JSON text', () => {
    const m = evidenceManifest(base);
    expect(m.sha256).toBe(createHash('sha256').update(m.json, 'utf8').digest('hex'));
    expect(JSON.parse(m.json).files.map((f: { path: string }) => f.path)).toEqual(['a.log', 'reports/b.xml']);
    expect(m.json).not.toMatch(/\s/);
  });

  it('does not depend on collection order but changes with any byte of evidence', () => {
    const m = evidenceManifest(base);
    expect(evidenceManifest({ ...base, files: [...files].reverse() }).sha256).toBe(m.sha256);
    const changed = [{ ...files[0], sha256: H('d') }, files[1]];
    expect(evidenceManifest({ ...base, files: changed }).sha256).not.toBe(m.sha256);
    expect(evidenceManifest({ ...base, runNo: 4 }).sha256).not.toBe(m.sha256);
    expect(evidenceManifest({ ...base, gate: 'other' }).sha256).not.toBe(m.sha256);
  });

  it('rejects paths that escape, duplicates and bad hashes', () => {
    const one = (path: string, sha256 = H('a'), size = 1) => ({ ...base, files: [{ path, sha256, size }] });
    expect(() => evidenceManifest(one('../secret'))).toThrow(/"\.\."/);
    expect(() => evidenceManifest(one('/etc/passwd'))).toThrow(/relative/);
    expect(() => evidenceManifest(one('a\\b'))).toThrow(/forward slashes/);
    expect(() => evidenceManifest(one('a', 'ABC'))).toThrow(/sha256/);
    expect(() => evidenceManifest(one('a', H('a'), -1))).toThrow(/size/);
    expect(() => evidenceManifest({ ...base, files: [files[0], files[0]] })).toThrow(/twice/);
  });

  it('names a manifest as an in-toto subject by digest', () => {
    expect(manifestSubject('perf', 3, H('e'))).toEqual({ name: 'gates/perf/run-3.manifest.json', digest: { sha256: H('e') } });
  });
});
