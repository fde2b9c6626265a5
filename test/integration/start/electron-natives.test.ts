// `npm start` with an Electron binary: it hands the app better-sqlite3's
// Electron build (bin/start/electron-natives.cjs), or, where that build
// cannot be had, says why in one line and serves the browser version. The
// Electron here is a test double named by ELECTRON_OVERRIDE_DIST_PATH (the
// variable Electron's own package honours) that prints what it was given.
import { createRequire } from 'node:module';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { root, start, stop } from './start-process';

const require = createRequire(import.meta.url);
const { nativeCacheDir, bindingIn, STAMP } = require('../../../bin/start/electron-natives.cjs') as {
  nativeCacheDir(root: string, electronVersion: string, env: NodeJS.ProcessEnv): string;
  bindingIn(dir: string): string;
  STAMP: string;
};
const version = (require('electron/package.json') as { version: string }).version;

/** Where Electron's package looks under the override: path.txt's name, else `electron`. */
function binaryName(): string {
  const file = join(root, 'node_modules', 'electron', 'path.txt');
  return existsSync(file) ? readFileSync(file, 'utf8').trim() : 'electron';
}

describe.skipIf(process.platform === 'win32')('npm start hands the desktop app an Electron build of better-sqlite3 (a POSIX shell script stands in for Electron)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cockpit-natives-'));
  const dist = join(dir, 'dist');
  const record = join(dir, 'electron-was-given.txt');
  const requests: string[] = [];
  let server: Server;
  let headers = '';

  beforeAll(async () => {
    const fake = join(dist, binaryName());
    mkdirSync(dirname(fake), { recursive: true });
    writeFileSync(fake, `#!/bin/sh\nprintf 'argv=%s\\nbinding=%s\\nrunAsNode=%s\\n' "$*" "$COCKPIT_SQLITE_BINDING" "\${ELECTRON_RUN_AS_NODE-unset}" > "${record}"\necho fake electron ran\n`);
    chmodSync(fake, 0o755);
    server = createServer((req, res) => {
      requests.push(req.url ?? '');
      res.writeHead(404).end('no headers here');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    headers = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const env = (cache: string) => ({
    ELECTRON_OVERRIDE_DIST_PATH: dist,
    COCKPIT_NATIVE_CACHE: cache,
    ELECTRON_REBUILD_DIST_URL: headers,
    ELECTRON_RUN_AS_NODE: '1',
    COCKPIT_DATA_DIR: join(dir, 'data'),
    // As npm passes on Debian's config under `npm start`: node-gyp must still fetch Electron's headers, not build against Node's.
    npm_config_nodedir: '/usr',
  });

  it('opens Electron on the shell with the cached build named in COCKPIT_SQLITE_BINDING', async () => {
    const cache = join(dir, 'built');
    const built = nativeCacheDir(root, version, { COCKPIT_NATIVE_CACHE: cache });
    // A finished build in the cache (Node's addon copied in its place: this test checks the hand-over, not the ABI).
    mkdirSync(dirname(bindingIn(built)), { recursive: true });
    copyFileSync(require.resolve('better-sqlite3/build/Release/better_sqlite3.node'), bindingIn(built));
    writeFileSync(join(built, STAMP), '{}');
    const { child, lines } = start(env(cache));
    try {
      const out = await lines;
      expect(out).toEqual(['fake electron ran']);
      const given = readFileSync(record, 'utf8');
      expect(given).toContain(`argv=${join(root, 'dist', 'shell', 'main.cjs')}`);
      expect(given).toContain(`binding=${bindingIn(built)}`);
      expect(given).toContain('runAsNode=unset');
      expect(requests).toEqual([]); // nothing built again
    } finally {
      await stop(child);
    }
  }, 45_000);

  it('builds when the cache has none, and where the build cannot be had says why in one line and serves', async () => {
    const cache = join(dir, 'empty');
    rmSync(record, { force: true });
    const { child, lines } = start(env(cache));
    try {
      const out = await lines;
      expect(out[0]).toBe(`Building better-sqlite3 for Electron ${version} once (about 2 minutes)...`);
      expect(requests.some((u) => u.includes(`v${version}`))).toBe(true); // it asked our loopback server for Electron's headers
      const reason = out.filter((l) => l.startsWith('No desktop app'));
      expect(reason).toHaveLength(1);
      expect(reason[0]).toMatch(new RegExp(`^No desktop app: better-sqlite3 could not be built for Electron: .*\\(Electron's headers come from ${headers}\\)\\. Starting the browser version instead\\.$`));
      expect(out.some((l) => /^\s+at /.test(l))).toBe(false);
      expect(out.at(-1)).toMatch(/^Release Cockpit at http:\/\/127\.0\.0\.1:\d+\/\?token=/);
      expect(existsSync(record)).toBe(false); // Electron never opened on a store it cannot load
      // Nothing half-built is left to be taken for a build next time.
      expect(existsSync(cache) ? readdirSync(cache) : []).toEqual([]);
    } finally {
      await stop(child);
    }
  }, 60_000);
});
