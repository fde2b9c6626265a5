/**
 * The Electron shell, loaded from its bundle under Node with a fake
 * `electron` module (there is no Electron binary here). Checks the wiring the
 * security checklist cares about; test/electron/smoke.spec.ts drives the
 * real app where a binary exists.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REQUEST_CHANNELS, ipcChannelOf } from '../../../electron/contract/channels';
import { decryptKeyFile, decryptKeyFileWithOs } from '../../../electron/core/signoff/key-file';
import { ROOT } from '../../helpers/cli';
import { fakeElectron } from './fake-electron';

// Belt and braces: if the real `electron` package were ever loaded here, its
// index.js must not try to download a binary (our machines are offline).
process.env.ELECTRON_OVERRIDE_DIST_PATH = join(tmpdir(), 'no-electron-here');
process.env.ELECTRON_SKIP_BINARY_DOWNLOAD = '1';

const MAIN = join(ROOT, 'dist', 'shell', 'main.cjs');
const PRELOAD = join(ROOT, 'dist', 'shell', 'preload.cjs');
const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 25));
};

// One fake for the whole file: the shell's main and preload bundles both require('electron').
const fake = fakeElectron();
const load = createRequire(import.meta.url);
afterAll(() => fake.restore());

describe('electron shell wiring (fake electron)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'cockpit-shell-'));

  beforeAll(async () => {
    expect(existsSync(MAIN), 'run `node build/bundle.mjs` first').toBe(true);
    process.env.COCKPIT_DATA_DIR = dataDir;
    load(MAIN);
    await until(() => fake.ipcHandlers.size > 0);
  });
  afterAll(async () => {
    for (const fn of fake.appHandlers.get('before-quit') ?? []) fn({ preventDefault: () => undefined });
    await until(() => fake.calls.includes('quit'));
    delete process.env.COCKPIT_DATA_DIR;
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('registers app:// as privileged before ready and loads the page from it', () => {
    expect(fake.calls.find((c) => c.includes('privileged'))).toMatch(/^early-privileged:.*"scheme":"app".*"secure":true/);
    expect(fake.calls).toContain('protocol:app');
    expect(fake.calls).not.toContain('window-before-ready');
    expect(fake.windows[0].loaded).toBe('app://cockpit/');
  });

  it('creates the window isolated, sandboxed, without Node', () => {
    const prefs = fake.windows[0].options.webPreferences;
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false });
    expect(prefs.preload).toBe(PRELOAD);
  });

  it('denies navigation, new windows and permissions; opens clicked web links externally', () => {
    const wc = fake.windows[0].webContents;
    let prevented = 0;
    for (const fn of wc.handlers.get('will-navigate') ?? []) fn({ preventDefault: () => prevented++ });
    expect(prevented).toBe(1);
    expect(wc.openHandler!({ url: 'https://example.com/', disposition: 'foreground-tab' })).toEqual({ action: 'deny' });
    expect(wc.openHandler!({ url: 'file:///etc/passwd', disposition: 'foreground-tab' })).toEqual({ action: 'deny' });
    expect(wc.openHandler!({ url: 'https://popup.example/', disposition: 'new-window' })).toEqual({ action: 'deny' });
    expect(fake.calls.filter((c) => c.startsWith('external:'))).toEqual(['external:https://example.com/']);
    let granted: boolean | null = null;
    (wc as any).permission(null, 'media', (ok: boolean) => (granted = ok));
    expect(granted).toBe(false);
  });

  it('handles every request channel, only from the main frame of the app:// page', async () => {
    expect([...fake.ipcHandlers.keys()].sort()).toEqual(REQUEST_CHANNELS.map(ipcChannelOf).sort());
    const wc = fake.windows[0].webContents;
    const handler = fake.ipcHandlers.get(ipcChannelOf('plan.current'))!;
    const trusted = { sender: wc, senderFrame: wc.mainFrame };
    const reply = await handler(trusted, {});
    expect(reply.ok).toBe(true);
    expect(reply.result.release).toBe('cockpit-demo'); // the example plan, copied on first start
    expect(reply.result.file).toBe(join(dataDir, 'examples', 'plans', 'example.yaml'));
    const subframe = { sender: wc, senderFrame: { ...wc.mainFrame, routingId: 2 } };
    const otherOrigin = { sender: wc, senderFrame: { ...wc.mainFrame, url: 'https://evil.example/' } };
    const noFrame = { sender: wc, senderFrame: null };
    for (const event of [subframe, otherOrigin, noFrame]) expect(() => handler(event, {})).toThrow(/Refused/);
    const bad = await fake.ipcHandlers.get(ipcChannelOf('run.get'))!(trusted, { runId: 'x' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });

  it('seals a new identity with the OS key store (safeStorage): no passphrase, nothing readable on disk', async () => {
    const wc = fake.windows[0].webContents;
    const trusted = { sender: wc, senderFrame: wc.mainFrame };
    const reply = await fake.ipcHandlers.get(ipcChannelOf('identity.create'))!(trusted, { name: 'Olga Operator' });
    expect(reply.ok, JSON.stringify(reply.error)).toBe(true);
    expect(reply.result.protection).toBe('os');
    expect(reply.result.current).toMatchObject({ name: 'Olga Operator' });
    expect(fake.calls).toContain('safeStorage:encrypt');
    const file = JSON.parse(readFileSync(join(reply.result.keysDir, `${reply.result.current.keyId}.key.json`), 'utf8'));
    expect(file.wrapping).toBe('os');
    // Only this account's key store opens it, and what it seals is the identity listed.
    const text = readFileSync(join(reply.result.keysDir, `${reply.result.current.keyId}.key.json`), 'utf8');
    expect(() => decryptKeyFile(text, 'any passphrase at all')).toThrow();
    const store = fake.electron.safeStorage;
    const identity = await decryptKeyFileWithOs(text, {
      encrypt: async (plain) => store.encryptString(plain.toString('base64')),
      decrypt: async (sealed) => Buffer.from(store.decryptString(sealed), 'base64'),
    });
    expect(identity.keyId).toBe(reply.result.current.keyId);
  });

  it('serves the renderer with the desktop CSP and nothing outside it', async () => {
    const handle = fake.protocol()!;
    const res: Response = await handle(new Request('app://cockpit/%2e%2e/cli.cjs'));
    expect(res.status).toBe(404);
    const page: Response = await handle(new Request('app://cockpit/'));
    expect(page.headers.get('content-security-policy')).toMatch(/default-src 'self'; script-src 'self'/);
    expect(page.headers.get('content-security-policy')).toMatch(/connect-src 'self'(;|$)/);
  });
});

describe('preload (fake electron)', () => {
  it('exposes only window.cockpit, which rejects with a plain {code, message} and delivers events', async () => {
    load(PRELOAD);
    expect(Object.keys(fake.exposed)).toEqual(['cockpit']);
    const api = fake.exposed.cockpit as any;
    expect(Object.keys(api).sort()).toEqual(['on', 'request']);
    fake.setInvoke(async (channel: string, input: any) =>
      channel === 'cockpit:run.get' ? { ok: false, error: { code: 'not-found', message: `No run with id ${input.runId}.` } } : { ok: true, result: [channel] },
    );
    expect(await api.request('plan.recent', {})).toEqual(['cockpit:plan.recent']);
    await expect(api.request('run.get', { runId: 3 })).rejects.toEqual({ name: 'ApiCallError', code: 'not-found', message: 'No run with id 3.' });
    await expect(api.request('fs.read', {})).rejects.toMatchObject({ code: 'unknown-channel' });
    const seen: unknown[] = [];
    api.on('notice', (p: unknown) => seen.push(p));
    fake.rendererListeners.get('cockpit:event')!(null, { event: 'notice', payload: { title: 't' } });
    fake.rendererListeners.get('cockpit:event')!(null, { event: 'bogus', payload: {} });
    expect(seen).toEqual([{ title: 't' }]);
  });
});
