import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extractAll } from '@electron/asar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asarFiles, type AsarFile } from '../../../build/release/asar-files';
import { writeEvidence } from '../../../build/release/evidence';
import { PLACEHOLDER_TAG } from '../../../build/release/placeholder-electron';
import { packagePathOf, purlOf, sbomSchemaErrors } from '../../../build/release/sbom';
import { verifyEvidence } from '../../../build/release/verify-evidence';
import { generateIdentity } from '../../../electron/core/signoff/keys';

const root = join(__dirname, '..', '..', '..');
const require = createRequire(import.meta.url);
const lock = require(join(root, 'package-lock.json')) as { packages: Record<string, { version: string; integrity?: string; dev?: boolean }> };
const EPOCH = 1_767_225_600; // 2026-01-01T00:00:00Z
const quiet = () => undefined;

describe('npm run release:evidence (offline, PLACEHOLDER Electron)', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'cockpit-release-'));
  const first = join(tmp, 'first');
  const second = join(tmp, 'second');
  let files: string[] = [];
  let asar: AsarFile[] = [];
  const named = (dir: string, pattern: RegExp) => join(dir, files.find((f) => pattern.test(f))!);

  beforeAll(async () => {
    // Two builds from the same tree and SOURCE_DATE_EPOCH, in different scratch directories.
    ({ files } = await writeEvidence({ root, outDir: first, workDir: join(tmp, 'work-1'), sourceDateEpoch: EPOCH, log: quiet }));
    await writeEvidence({ root, outDir: second, workDir: join(tmp, 'work-2'), sourceDateEpoch: EPOCH, log: quiet, key: generateIdentity('other run') });
    asar = asarFiles(named(first, /\.asar$/));
  }, 120_000);
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('writes the artifacts, SHA256SUMS, the SBOM, the provenance and its key; the artifacts say they are placeholders', () => {
    expect(files).toEqual([
      'SHA256SUMS',
      'provenance.dsse.json',
      'provenance.pub',
      `release-cockpit-0.1.0-app.${PLACEHOLDER_TAG}.asar`,
      `release-cockpit-0.1.0-linux-x64-app-payload.${PLACEHOLDER_TAG}.tar.gz`,
      'sbom.cdx.json',
    ]);
    expect(readFileSync(join(first, 'provenance.pub'), 'utf8')).toMatch(/^ed25519:[A-Za-z0-9+/]{43}=\n$/);
  });

  it('app.asar holds the bundles and the natives, and no tests, TypeScript, source maps or dev dependencies', () => {
    const paths = asar.map((f) => f.path);
    for (const p of ['package.json', 'dist/shell/main.cjs', 'dist/shell/preload.cjs', 'dist/host/host.cjs', 'dist/metrics-worker.cjs', 'dist/renderer/index.html', 'dist/renderer/main.js']) {
      expect(paths).toContain(p);
    }
    expect(paths.filter((p) => /\.(ts|tsx|map)$/.test(p) || /(^|\/)(test|tests|__tests__)\//.test(p) || /\.test\.js$/.test(p))).toEqual([]);
    expect(paths.filter((p) => /^(electron|native|renderer|test|build)\//.test(p))).toEqual([]);
    const packages = [...new Set(paths.map(packagePathOf).filter((p): p is string => p !== null))].sort();
    expect(packages).toEqual(['node_modules/better-sqlite3', 'node_modules/bindings', 'node_modules/file-uri-to-path', 'node_modules/node-pty']);
    for (const p of packages) expect(lock.packages[p].dev, `${p} is a dev dependency`).toBeUndefined();
    // Native code is unpacked (Electron loads .node files from app.asar.unpacked), with the rest of its package.
    const natives = asar.filter((f) => f.path.endsWith('.node'));
    expect(natives.map((f) => f.path).sort()).toEqual([
      'node_modules/better-sqlite3/build/Release/better_sqlite3.node',
      'node_modules/node-pty/build/Release/pty.node',
    ]);
    expect(asar.filter((f) => /^node_modules\/(node-pty|better-sqlite3)\//.test(f.path) && !f.unpacked)).toEqual([]);
    expect(asar.filter((f) => f.path.startsWith('dist/') && f.unpacked)).toEqual([]);
  });

  it('the natives load, and a pty runs, from the payload as Electron lays it out', () => {
    // From the published tar.gz: app.asar with app.asar.unpacked beside it, read the way Electron reads them.
    const resources = join(tmp, 'untarred');
    mkdirSync(resources);
    expect(spawnSync('tar', ['-xzf', named(first, /\.tar\.gz$/), '-C', resources]).status).toBe(0);
    const app = join(tmp, 'extracted');
    extractAll(join(resources, 'app.asar'), app);
    const script = `
      const db = new (require(${JSON.stringify(join(app, 'node_modules/better-sqlite3'))}))(':memory:');
      const v = db.prepare('select sqlite_version() v').get().v; db.close();
      const p = require(${JSON.stringify(join(app, 'node_modules/node-pty'))}).spawn('/bin/sh', ['-c', 'printf pty-ok'], {});
      let out = ''; p.onData((d) => (out += d)); p.onExit(() => { console.log(v, out.trim()); });`;
    const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 20_000 });
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^3\.\d+\.\d+ pty-ok\n$/);
  });

  it('two builds of the same commit and SOURCE_DATE_EPOCH are byte-identical', () => {
    for (const f of files.filter((n) => !n.startsWith('provenance'))) {
      expect(readFileSync(join(second, f)).equals(readFileSync(join(first, f))), f).toBe(true);
    }
  });

  it('SHA256SUMS checks with sha256sum -c and lists every artifact and the SBOM', () => {
    const r = spawnSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: first, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout.trim().split('\n').sort()).toEqual(files.filter((f) => !/^(SHA256SUMS|provenance)/.test(f)).map((f) => `${f}: OK`));
  });

  it('the payload tar.gz holds app.asar, app.asar.unpacked and the example resources, owned by 0, at SOURCE_DATE_EPOCH', () => {
    const r = spawnSync('tar', ['-tvzf', named(first, /\.tar\.gz$/), '--numeric-owner'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines.some((l) => / app\.asar$/.test(l))).toBe(true);
    expect(lines.some((l) => / app\.asar\.unpacked\/node_modules\/better-sqlite3\/build\/Release\/better_sqlite3\.node$/.test(l))).toBe(true);
    expect(lines.some((l) => / resources\/plans\/example\.yaml$/.test(l))).toBe(true);
    expect(lines.every((l) => / 0\/0 /.test(l) && / 2026-01-01 00:00 /.test(l))).toBe(true);
  });

  it('the SBOM is valid CycloneDX 1.6 and covers every package in app.asar and in the bundles the app ships, with the lockfile hash', async () => {
    const text = readFileSync(join(first, 'sbom.cdx.json'), 'utf8');
    expect(await sbomSchemaErrors(text)).toEqual([]);
    const bom = JSON.parse(text) as { specVersion: string; components: { purl: string; hashes?: { alg: string; content: string }[]; type: string; externalReferences?: unknown[] }[] };
    expect(bom.specVersion).toBe('1.6');
    const byPurl = new Map(bom.components.map((c) => [c.purl, c]));
    // What ships, found independently of sbom.ts: the packages in app.asar, and esbuild's inputs of every bundle in it.
    const inputs = require(join(root, 'out', 'bundle-inputs.json')) as Record<string, string[]>;
    const inAsar = new Set(asar.map((f) => f.path));
    const shipped = new Set<string>(['node_modules/electron']);
    for (const f of asar) if (packagePathOf(f.path)) shipped.add(packagePathOf(f.path)!);
    for (const [output, list] of Object.entries(inputs)) if (inAsar.has(output)) for (const i of list) if (packagePathOf(i)) shipped.add(packagePathOf(i)!);
    for (const name of ['react', 'react-dom', 'recharts', 'zustand', '@xterm/xterm', 'zod']) expect(shipped).toContain(`node_modules/${name}`);
    for (const pkg of shipped) {
      const entry = lock.packages[pkg];
      const name = pkg.slice(pkg.lastIndexOf('node_modules/') + 13);
      const c = byPurl.get(purlOf(name, entry.version));
      expect(c, `${pkg} is missing from the SBOM`).toBeDefined();
      const sha512 = Buffer.from(entry.integrity!.slice('sha512-'.length), 'base64').toString('hex');
      expect(c!.hashes).toEqual([{ alg: 'SHA-512', content: sha512 }]);
    }
    expect(bom.components).toHaveLength(shipped.size);
    const electron = byPurl.get(purlOf('electron', lock.packages['node_modules/electron'].version))!;
    expect(electron.type).toBe('framework');
    expect(electron.externalReferences).toHaveLength(5); // the platform zips the installers are made from, with their SHA-256
  });

  it('the provenance verifies, and fails after one byte of an artifact changes, or against another key', async () => {
    expect(await verifyEvidence(first)).toMatchObject({ ok: true, problems: [], files: 3 });
    expect((await verifyEvidence(first, readFileSync(join(second, 'provenance.pub'), 'utf8'))).ok).toBe(false);

    const tampered = join(tmp, 'tampered');
    cpSync(first, tampered, { recursive: true });
    const tarball = files.find((f) => f.endsWith('.tar.gz'))!;
    const bytes = readFileSync(join(tampered, tarball));
    bytes[bytes.length >> 1] ^= 0x01;
    writeFileSync(join(tampered, tarball), bytes);
    const report = await verifyEvidence(tampered);
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([`${tarball} does not match its SHA-256 in SHA256SUMS`]);

    // Rewriting SHA256SUMS to match does not help: the signed provenance still names the old digest.
    const sum = spawnSync('sha256sum', [tarball], { cwd: tampered, encoding: 'utf8' }).stdout.split(' ')[0];
    const sums = readFileSync(join(tampered, 'SHA256SUMS'), 'utf8').replace(/^[0-9a-f]{64}(?= {2}.*\.tar\.gz$)/m, sum);
    writeFileSync(join(tampered, 'SHA256SUMS'), sums);
    const again = await verifyEvidence(tampered);
    expect(again.problems).toHaveLength(1);
    expect(again.problems[0]).toMatch(new RegExp(`^${tarball.replace(/\./g, '\\.')}: SHA256SUMS says ${sum}, the signed provenance [0-9a-f]{64}$`));

    // An artifact slipped in beside the others is named.
    copyFileSync(join(first, tarball), join(tampered, 'extra.tar.gz'));
    expect((await verifyEvidence(tampered)).problems).toContain('extra.tar.gz is in the release but not in SHA256SUMS');
    expect(readdirSync(first)).toEqual(files);
  });

  it('npm run release:verify says OK, and exits 1 naming the file on a tampered release', () => {
    const run = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', join(root, 'build/release/verify-evidence.ts'), ...args], { cwd: root, encoding: 'utf8' });
    const ok = run(first, '--key', join(first, 'provenance.pub'));
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/OK: 3 files match SHA256SUMS/);
    const bad = run(join(tmp, 'tampered'));
    expect(bad.status).toBe(1);
    expect(bad.stdout).toMatch(/FAILS\n/);
    expect(run('--key').status).toBe(2);
  });
});
