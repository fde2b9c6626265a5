/**
 * The shell, loaded with a remote-debugging switch (fake Electron, as in
 * shell-wiring.test.ts): it exits before it opens the store, a window or a key.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../helpers/cli';
import { fakeElectron } from './fake-electron';

describe('electron shell with a debugging switch (fake electron)', () => {
  const fake = fakeElectron();
  const dataDir = mkdtempSync(join(tmpdir(), 'cockpit-shell-debug-'));
  const argv = process.argv;
  afterAll(() => {
    process.argv = argv;
    fake.restore();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses --remote-debugging-port: exits at once, with no window, no IPC and no store', async () => {
    process.env.COCKPIT_DATA_DIR = dataDir;
    process.argv = [...argv, '--remote-debugging-port=9222'];
    const errors: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string) => (errors.push(String(chunk)), true)) as typeof process.stderr.write;
    try {
      createRequire(import.meta.url)(join(ROOT, 'dist', 'shell', 'main.cjs'));
      await new Promise((r) => setTimeout(r, 200));
    } finally {
      process.stderr.write = write;
      delete process.env.COCKPIT_DATA_DIR;
    }
    expect(fake.calls).toContain('exit');
    expect(fake.windows).toHaveLength(0);
    expect(fake.ipcHandlers.size).toBe(0);
    expect(readdirSync(dataDir)).toEqual([]);
    expect(errors.join('')).toMatch(/does not start with --remote-debugging-port=9222/);
  });
});
