import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePlan } from '../../../electron/core/plan/parse-plan';

const VALID = readFileSync(path.resolve(__dirname, '../../fixtures/plans/valid-design.yaml'), 'utf8');

/** Small deterministic PRNG, so a failure can be replayed. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NOISE = ['\t', ' ', '  ', ':', '- ', '{', '}', '[', ']', '"', "'", '\n', '#', '&a ', '*a', '!!str ', '|', '>', ',', '?', '0', '-1', 'p(', '%', '\u0000', 'é', '\r\n'];

function mutate(text: string, rnd: () => number): string {
  let out = text;
  const edits = 1 + Math.floor(rnd() * 4);
  for (let i = 0; i < edits; i++) {
    const at = Math.floor(rnd() * (out.length + 1));
    const lines = out.split('\n');
    switch (Math.floor(rnd() * 6)) {
      case 0: out = out.slice(0, at) + out.slice(at + 1 + Math.floor(rnd() * 8)); break;
      case 1: out = out.slice(0, at) + NOISE[Math.floor(rnd() * NOISE.length)] + out.slice(at); break;
      case 2: out = out.slice(0, at); break;
      case 3: {
        const l = Math.floor(rnd() * lines.length);
        lines.splice(l, 0, lines[Math.floor(rnd() * lines.length)]);
        out = lines.join('\n');
        break;
      }
      case 4: {
        const a = Math.floor(rnd() * lines.length);
        const b = Math.floor(rnd() * lines.length);
        [lines[a], lines[b]] = [lines[b], lines[a]];
        out = lines.join('\n');
        break;
      }
      default: out = out.slice(0, at) + out.slice(Math.floor(rnd() * out.length)); break;
    }
  }
  return out;
}

describe('parsePlan never throws', () => {
  it('on 1500 random mutations of a valid plan', () => {
    const rnd = rng(20240601);
    let rejected = 0;
    for (let i = 0; i < 1500; i++) {
      const text = mutate(VALID, rnd);
      let r: ReturnType<typeof parsePlan> | undefined;
      expect(() => (r = parsePlan(text, 'fuzz.yaml')), `mutation ${i}:\n${text}`).not.toThrow();
      if (r && !r.ok) {
        rejected++;
        expect(r.diagnostics.length).toBeGreaterThan(0);
        for (const d of r.diagnostics) {
          expect(d.line).toBeGreaterThanOrEqual(1);
          expect(d.col).toBeGreaterThanOrEqual(1);
          expect(d.message).not.toMatch(/internal error/);
        }
      }
    }
    expect(rejected).toBeGreaterThan(300);
  });

  it('on odd whole documents', () => {
    const odd = ['', '---', '[]', '42', '"text"', 'null', '~', 'a: *nope', '&x [*x]', 'gates: &g [ *g ]', '- - -', '{', '\uFEFFversion: 1',
      'version: 1\nrelease: r\ncandidate: c\ngates: [{ id: a, run: x, needs: &n [a, *n] }]', 'a: 1\n---\nb: 2\n'];
    for (const text of odd) {
      const r = parsePlan(text, 'odd.yaml');
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.diagnostics.every((d) => !/internal error/.test(d.message))).toBe(true);
    }
  });
});
