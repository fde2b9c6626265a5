import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BlobStore } from '../../../native/fs/blob-store';
import { collectEvidence } from '../../../native/fs/collect-evidence';

let root: string;
let cwd: string;
let blobs: BlobStore;
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'cockpit-evidence-'));
  cwd = path.join(root, 'gate');
  fs.mkdirSync(cwd);
  blobs = new BlobStore(path.join(root, 'blobs'));
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

function put(rel: string, content: string): void {
  const p = path.join(cwd, rel);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, content);
}

const sha = (rel: string) => createHash('sha256').update(fs.readFileSync(path.join(cwd, rel))).digest('hex');
const paths = (r: { items: { path: string }[] }) => r.items.map((i) => i.path);

describe('collectEvidence', () => {
  it('collects an exact path with the sha256 of its bytes', async () => {
    put('artifacts/go-no-go-summary.json', '{"cycles":10,"zombies":0}\n');
    const r = await collectEvidence(cwd, ['artifacts/go-no-go-summary.json'], blobs);
    expect(r.errors).toEqual([]);
    expect(r.items).toEqual([
      { path: 'artifacts/go-no-go-summary.json', sha256: sha('artifacts/go-no-go-summary.json'), size: 26 },
    ]);
    expect(fs.readFileSync(blobs.path(r.items[0].sha256), 'utf8')).toBe('{"cycles":10,"zombies":0}\n');
  });

  it('matches globs, sorted by path, each file once', async () => {
    put('reports/b.xml', '<b/>');
    put('reports/a.xml', '<a/>');
    put('reports/nested/c.xml', '<c/>');
    put('reports/notes.txt', 'no');
    const r = await collectEvidence(cwd, ['reports/*.xml', 'reports/**/*.xml'], blobs);
    expect(r.errors).toEqual([]);
    expect(paths(r)).toEqual(['reports/a.xml', 'reports/b.xml', 'reports/nested/c.xml']);
    for (const item of r.items) expect(item.sha256).toBe(sha(item.path));
  });

  it('includes dot files only when the glob names them', async () => {
    put('out/.hidden.json', 'h');
    put('out/shown.json', 's');
    expect(paths(await collectEvidence(cwd, ['out/*.json'], blobs))).toEqual(['out/shown.json']);
    expect(paths(await collectEvidence(cwd, ['out/.*.json'], blobs))).toEqual(['out/.hidden.json']);
  });

  it('reports a missing exact file and a glob that matched nothing', async () => {
    put('reports/readme.txt', 'x');
    const r = await collectEvidence(cwd, ['artifacts/x.json', 'reports/*.xml', 'missing-dir/*.xml'], blobs);
    expect(r.items).toEqual([]);
    expect(r.errors).toEqual([
      'evidence file not found: artifacts/x.json',
      'no evidence matched reports/*.xml',
      'no evidence matched missing-dir/*.xml (missing-dir does not exist)',
    ]);
  });

  it('rejects patterns that leave the working directory, without touching the files', async () => {
    fs.writeFileSync(path.join(root, 'secret'), 'top secret');
    const r = await collectEvidence(cwd, ['../secret', '/etc/passwd'], blobs);
    expect(r.items).toEqual([]);
    expect(r.errors).toHaveLength(2);
    expect(r.errors[0]).toMatch(/\.\.\/secret contains '\.\.'/);
    expect(r.errors[1]).toMatch(/\/etc\/passwd is absolute/);
    expect(fs.existsSync(path.join(root, 'blobs'))).toBe(false);
  });

  it('rejects a symlink that points outside, naming it and its target', async () => {
    put('artifacts/ok.json', '{}');
    fs.symlinkSync('/etc/passwd', path.join(cwd, 'artifacts', 'passwd.json'));
    const byGlob = await collectEvidence(cwd, ['artifacts/*.json'], blobs);
    expect(paths(byGlob)).toEqual(['artifacts/ok.json']);
    expect(byGlob.errors).toEqual([
      'evidence symlink artifacts/passwd.json points outside the working directory (to /etc/passwd)',
    ]);
    const exact = await collectEvidence(cwd, ['artifacts/passwd.json'], blobs);
    expect(exact.items).toEqual([]);
    expect(exact.errors[0]).toContain('artifacts/passwd.json points outside the working directory (to /etc/passwd)');
  });

  it('rejects a path through a symlinked directory that leaves cwd', async () => {
    const outside = path.join(root, 'outside');
    fs.mkdirSync(outside);
    fs.writeFileSync(path.join(outside, 'leak.xml'), '<leak/>');
    fs.symlinkSync(outside, path.join(cwd, 'reports'));
    const r = await collectEvidence(cwd, ['reports/leak.xml', 'reports/*.xml', '**/*.xml'], blobs);
    expect(r.items).toEqual([]);
    expect(r.errors[0]).toBe(`evidence reports/leak.xml resolves outside the working directory (to ${path.join(outside, 'leak.xml')})`);
    expect(r.errors[1]).toBe(`evidence pattern reports/*.xml: reports points outside the working directory (to ${outside})`);
    // The walk does not follow the directory symlink, so nothing leaks through **.
    expect(r.errors[2]).toBe('no evidence matched **/*.xml');
  });

  it('accepts a symlink to a file inside cwd, stored under the link name', async () => {
    put('build/report.json', '{"ok":true}');
    fs.mkdirSync(path.join(cwd, 'artifacts'));
    fs.symlinkSync('../build/report.json', path.join(cwd, 'artifacts', 'link.json'));
    const r = await collectEvidence(cwd, ['artifacts/link.json', 'artifacts/*.json'], blobs);
    expect(r.errors).toEqual([]);
    expect(r.items).toEqual([{ path: 'artifacts/link.json', sha256: sha('build/report.json'), size: 11 }]);
  });

  it('rejects a relative symlink that climbs out of cwd', async () => {
    fs.writeFileSync(path.join(root, 'secret.json'), '{"key":1}');
    fs.symlinkSync('../secret.json', path.join(cwd, 'innocent.json'));
    const r = await collectEvidence(cwd, ['*.json'], blobs);
    expect(r.items).toEqual([]);
    expect(r.errors).toEqual([
      `evidence symlink innocent.json points outside the working directory (to ${fs.realpathSync(path.join(root, 'secret.json'))})`,
    ]);
  });

  it('reports a broken symlink', async () => {
    fs.symlinkSync('nowhere.json', path.join(cwd, 'dangling.json'));
    const r = await collectEvidence(cwd, ['dangling.json'], blobs);
    expect(r.errors).toEqual(['evidence symlink dangling.json is broken (points to nowhere.json)']);
  });

  it('stores identical contents once', async () => {
    put('a/one.txt', 'same bytes');
    put('b/two.txt', 'same bytes');
    const r = await collectEvidence(cwd, ['**/*.txt'], blobs);
    expect(paths(r)).toEqual(['a/one.txt', 'b/two.txt']);
    expect(r.items[0].sha256).toBe(r.items[1].sha256);
    const shards = fs.readdirSync(blobs.blobsDir).filter((d) => d !== '.tmp');
    expect(shards).toHaveLength(1);
    expect(fs.readdirSync(path.join(blobs.blobsDir, shards[0]))).toHaveLength(1);
  });

  it('skips node_modules and .git unless the glob names them', async () => {
    put('node_modules/dep/report.json', 'dep');
    put('.git/x.json', 'git');
    put('src/report.json', 'mine');
    expect(paths(await collectEvidence(cwd, ['**/report.json'], blobs))).toEqual(['src/report.json']);
    expect(paths(await collectEvidence(cwd, ['node_modules/**/report.json'], blobs))).toEqual([
      'node_modules/dep/report.json',
    ]);
  });

  it('refuses a directory named exactly, and never reads a FIFO', async () => {
    put('reports/a.xml', '<a/>');
    const dirErr = await collectEvidence(cwd, ['reports'], blobs);
    expect(dirErr.errors).toEqual(['evidence reports is not a regular file (a directory; use a pattern such as reports/**)']);
    if (process.platform !== 'win32') {
      const { execFileSync } = await import('node:child_process');
      execFileSync('mkfifo', [path.join(cwd, 'reports', 'pipe.xml')]);
      const r = await collectEvidence(cwd, ['reports/*.xml', 'reports/pipe.xml'], blobs);
      expect(paths(r)).toEqual(['reports/a.xml']);
      expect(r.errors).toEqual(['evidence reports/pipe.xml is not a regular file']);
    }
  });

  it('stops a runaway walk with an error instead of hanging', async () => {
    for (let i = 0; i < 30; i++) put(`many/d${i}/f.log`, String(i));
    const r = await collectEvidence(cwd, ['**/*.xml'], blobs, { maxEntries: 20 });
    expect(r.items).toEqual([]);
    expect(r.errors).toEqual([`evidence search for **/*.xml stopped after 20 entries under ${cwd}; use a narrower pattern`]);
  });

  it('reports a missing working directory', async () => {
    const r = await collectEvidence(path.join(root, 'nope'), ['x.json'], blobs);
    expect(r.errors[0]).toMatch(/working directory .*nope is missing/);
  });
});
