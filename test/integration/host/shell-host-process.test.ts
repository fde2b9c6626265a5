/**
 * The host out of Electron's main process (fake Electron, as in
 * shell-wiring.test.ts; the fake's utilityProcess is a Node child): the
 * shell starts it, relays the contract over the port, and when it is killed
 * tells the window, starts it again, and the new host follows a durable run
 * to its end with nothing lost.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IPC_EVENT_CHANNEL, ipcChannelOf } from '../../../electron/contract/channels';
import { ROOT } from '../../helpers/cli';
import { fakeElectron } from './fake-electron';

process.env.ELECTRON_OVERRIDE_DIST_PATH = join(tmpdir(), 'no-electron-here');
process.env.ELECTRON_SKIP_BINARY_DOWNLOAD = '1';

const LINES = 40;
const fake = fakeElectron();
const dataDir = mkdtempSync(join(tmpdir(), 'cockpit-shell-host-'));

async function until<T>(what: string, check: () => T | undefined | false | Promise<T | undefined | false>, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const call = (channel: string, input: unknown) => {
  const wc = fake.windows[0].webContents;
  return fake.ipcHandlers.get(ipcChannelOf(channel as never))!({ sender: wc, senderFrame: wc.mainFrame }, input);
};

beforeAll(async () => {
  process.env.COCKPIT_DATA_DIR = dataDir;
  createRequire(import.meta.url)(join(ROOT, 'dist', 'shell', 'main.cjs'));
  await until('the IPC handlers', () => fake.ipcHandlers.size > 0);
});
afterAll(async () => {
  for (const fn of fake.appHandlers.get('before-quit') ?? []) fn({ preventDefault: () => undefined });
  await until('the quit', () => fake.calls.includes('quit'), 30_000).catch(() => undefined);
  fake.restore();
  delete process.env.COCKPIT_DATA_DIR;
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the host process', () => {
  it('is a utility process of its own, and the contract is relayed to it over the port', async () => {
    expect(fake.calls).toContain(`utilityProcess:${join(ROOT, 'dist', 'host', 'host.cjs')}`);
    expect(fake.hosts[0].pid).not.toBe(process.pid);
    const settings = await call('settings.get', {});
    expect(settings).toMatchObject({ ok: true, result: { dbPath: join(dataDir, 'cockpit.db'), mode: 'desktop' } });
    // The shell process itself never opened the store: the host did.
    expect(Object.keys(require.cache).some((m) => /better-sqlite3|node-pty/.test(m))).toBe(false);
  });

  it('killed, it is reported in the window and restarts; the new host reattaches the durable run, nothing lost', async () => {
    const plan = join(dataDir, 'durable.yaml');
    writeFileSync(plan, [
      'version: 1', 'release: host-crash', 'candidate: rc1', 'gates:', '  - id: soak', '    durable: true', '    run: |-',
      `      i=1; while [ $i -le ${LINES} ]; do echo "line $i"; i=$((i+1)); sleep 0.1; done`, '',
    ].join('\n'));
    expect(await call('plan.open', { path: plan })).toMatchObject({ ok: true });
    const started = await call('gate.run', { gateId: 'soak' });
    expect(started).toMatchObject({ ok: true, result: { status: 'running' } });
    const runId = started.result.runId as number;
    const lines = async () => {
      const r = await call('run.log', { runId, attempt: 1 });
      return r.ok ? [...Buffer.from(r.result.data, 'base64').toString('utf8').matchAll(/^line (\d+)\r?$/gm)].map((m) => Number(m[1])) : [];
    };
    await until('5 lines before the kill', async () => (await lines()).length >= 5);

    const first = fake.hosts[0];
    first.kill('SIGKILL');
    const wc = fake.windows[0].webContents;
    const told = await until('the notice in the window', () =>
      wc.sent.find((m) => m.channel === IPC_EVENT_CHANNEL && (m.msg as { event: string; payload: { title: string } }).payload?.title === 'The cockpit host stopped'));
    expect((told.msg as { payload: { body: string } }).payload.body).toMatch(/is restarting; durable runs keep going/);
    await until('a second host', () => fake.hosts.length === 2);
    expect(fake.hosts[1].pid).not.toBe(first.pid);

    const done = await until('the run to end under the new host', async () => {
      const r = await call('run.get', { runId });
      return r.ok && r.result.run.status !== 'running' ? r.result : undefined;
    }, 60_000);
    expect(done.run.status).toBe('passed');
    expect(await lines()).toEqual(Array.from({ length: LINES }, (_, i) => i + 1));
    expect((await call('plan.current', {})).result.file).toBe(plan); // the plan that was open is open again
  }, 90_000);
});
