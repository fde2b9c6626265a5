/**
 * Identities on disk: `keys create/list/public`, passphrases from the
 * environment or a no-echo terminal prompt, and key files that never hold
 * the private key in the clear.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import * as pty from 'node-pty';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decryptKeyFile } from '../../../electron/core/signoff/key-file';
import { CLI, hasStackTrace, runCli, workspace, type Workspace } from '../../helpers/cli';

let ws: Workspace;
const PASS = 'keys test passphrase';
const env = () => ({ COCKPIT_DATA_DIR: join(ws.dir, 'data'), COCKPIT_PASSPHRASE: PASS });

beforeAll(() => {
  ws = workspace('cockpit-keys-');
});
afterAll(() => ws?.cleanup());

describe('keys', () => {
  it('create writes an encrypted, owner-only key file; the raw private key appears in no encoding', () => {
    const r = runCli(['keys', 'create', '--name', 'Ada Ops'], { env: env() });
    expect(r.code).toBe(0);
    const file = /file:\s+(.+)/.exec(r.stdout)![1].trim();
    const keyId = /key id:\s+([0-9a-f]{64})/.exec(r.stdout)![1];
    expect(file).toBe(join(ws.dir, 'data', 'keys', `${keyId}.key.json`));
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    const text = readFileSync(file, 'utf8');
    expect(JSON.parse(text).kdf).toMatchObject({ name: 'scrypt', N: 2 ** 17, r: 8, p: 1 });
    const id = decryptKeyFile(text, PASS);
    const der = id.privateKeyPkcs8;
    const seed = der.subarray(der.length - 32); // the raw Ed25519 private key
    for (const secret of [seed, der]) {
      for (const enc of ['hex', 'base64', 'base64url'] as const) {
        expect(text).not.toContain(secret.toString(enc));
        expect(text.toLowerCase()).not.toContain(secret.toString(enc).toLowerCase().slice(0, 24));
      }
      expect(Buffer.from(text).includes(secret)).toBe(false);
    }
  });

  it('list names each key with its id and file; public prints exactly one line', () => {
    const list = runCli(['keys', 'list', '--json'], { env: env() });
    const keys = JSON.parse(list.stdout);
    expect(keys).toEqual([expect.objectContaining({ name: 'Ada Ops', keyId: expect.stringMatching(/^[0-9a-f]{64}$/), file: expect.stringContaining('.key.json') })]);
    const pub = runCli(['keys', 'public', keys[0].file], { env: env() });
    expect(pub.code).toBe(0);
    expect(pub.stdout).toMatch(/^ed25519:[A-Za-z0-9+/]{43}=\n$/);
    expect(pub.stdout).toBe(`${keys[0].publicKey}\n`);
  });

  it('without COCKPIT_PASSPHRASE and without a terminal, it is bad input (exit 2) with a clear message', () => {
    const r = runCli(['keys', 'create', '--name', 'Nobody', '--out', join(ws.dir, 'n.key.json')], { env: { ...env(), COCKPIT_PASSPHRASE: '' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/a passphrase is needed: set COCKPIT_PASSPHRASE, or run in a terminal/);
    expect(hasStackTrace(r.stderr)).toBe(false);
  });

  it('refuses to overwrite a key file, short passphrases, and a wrong passphrase (exit 2)', () => {
    const out = join(ws.dir, 'b.key.json');
    expect(runCli(['keys', 'create', '--name', 'B', '--out', out], { env: env() }).code).toBe(0);
    const again = runCli(['keys', 'create', '--name', 'B', '--out', out], { env: env() });
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already exists; a key file is never overwritten/);
    const short = runCli(['keys', 'create', '--name', 'C', '--out', join(ws.dir, 'c.key.json')], { env: { ...env(), COCKPIT_PASSPHRASE: 'short' } });
    expect(short.code).toBe(2);
    const plan = ws.write('p.yaml', 'version: 1\nrelease: r\ncandidate: c\ngates:\n  - id: g\n    run: "true"\n');
    const wrong = runCli(['run', plan, '--db', ws.db, '--key', out], { env: { ...env(), COCKPIT_PASSPHRASE: 'not the passphrase' } });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/wrong passphrase, or the key file was modified/);
  });

  it('prompts on a terminal without echoing the passphrase', async () => {
    const out = join(ws.dir, 'tty.key.json');
    const secret = 'typed-on-a-tty-9';
    const term = pty.spawn(process.execPath, [CLI, 'keys', 'create', '--name', 'Tty User', '--out', out], {
      env: { ...process.env, COCKPIT_DATA_DIR: join(ws.dir, 'data'), COCKPIT_PASSPHRASE: '', NO_COLOR: '1' } as Record<string, string>,
      cols: 120, rows: 30,
    });
    let screen = '';
    let answered = 0;
    const code = await new Promise<number>((resolve) => {
      term.onData((d) => {
        screen += d;
        const prompts = (screen.match(/passphrase/gi) ?? []).length;
        if (prompts > answered && answered < 2) {
          answered++;
          term.write(`${secret}\r`);
        }
      });
      term.onExit((e) => resolve(e.exitCode));
    });
    expect(code).toBe(0);
    expect(screen).not.toContain(secret);
    expect(decryptKeyFile(readFileSync(out, 'utf8'), secret).name).toBe('Tty User');
  });
});
