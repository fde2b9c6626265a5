import { createRequire } from 'node:module';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { root, start, stop, type Started } from './start-process';

const require = createRequire(import.meta.url);
const { electronBinary } = require('../../../bin/start/electron-binary.cjs') as { electronBinary(root: string): string | null };
const version = (require('electron/package.json') as { version: string }).version;
const hasBinary = electronBinary(root) !== null;

/** `npm start` with Electron's mirror on loopback. */
function startWith(mirror: string, dir: string): Started {
  return start({
    ELECTRON_MIRROR: mirror,
    electron_config_cache: join(dir, 'cache'),
    force_no_cache: 'true',
    COCKPIT_DATA_DIR: join(dir, 'data'),
    ELECTRON_GET_NO_PROGRESS: '1',
  });
}

describe.skipIf(hasBinary)(`npm start without Electron's binary${hasBinary ? ' (skipped: this machine has the binary)' : ''}`, () => {
  const dir = mkdtempSync(join(tmpdir(), 'cockpit-start-'));
  const requests: string[] = [];
  let mode: 'missing' | 'garbage' = 'missing';
  let server: Server;
  let mirror = '';

  beforeAll(async () => {
    server = createServer((req, res) => {
      requests.push(req.url ?? '');
      if (mode === 'missing') res.writeHead(404).end('not here');
      else res.writeHead(200, { 'content-type': 'application/zip' }).end(Buffer.alloc(4096, 7));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    mirror = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(() => {
    server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("runs Electron's installer against ELECTRON_MIRROR, then says in one line why it serves the browser version", async () => {
    mode = 'missing';
    requests.length = 0;
    const { child, lines } = startWith(mirror, dir);
    try {
      const out = await lines;
      const artifact = `electron-v${version}-${process.platform}-${process.arch}.zip`;
      expect(requests).toContain(`/v${version}/${artifact}`);
      expect(out[0]).toBe(`Electron ${version} is not installed; fetching it with its installer from ${mirror} (about 100 MB)...`);
      const reason = out.filter((l) => l.startsWith('No Electron binary'));
      expect(reason).toEqual([`No Electron binary: HTTPError: Response code 404 (Not Found) for ${mirror}v${version}/${artifact}. Starting the browser version instead.`]);
      expect(out.some((l) => /^\s+at /.test(l))).toBe(false); // no stack trace
    } finally {
      await stop(child);
    }
  }, 45_000);

  it('refuses a download that does not match the checksums Electron ships, and says so', async () => {
    mode = 'garbage';
    requests.length = 0;
    const { child, lines } = startWith(mirror, dir);
    try {
      const out = await lines;
      expect(requests.length).toBeGreaterThan(0);
      const reason = out.find((l) => l.startsWith('No Electron binary'));
      expect(reason).toMatch(/checksum/i);
      expect(electronBinary(root)).toBeNull();
    } finally {
      await stop(child);
    }
  }, 45_000);
});
