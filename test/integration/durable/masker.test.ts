/**
 * mask.pl, the masker a durable run's wrapper puts between the command and
 * output.log, against the cockpit's own streaming masker: the same bytes out
 * for random input written in random pieces (secrets split across writes,
 * overlapping secrets, binary bytes), and nothing held back at the end.
 * It takes the secrets from its environment (never a file) and drops them.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createSecretMasker } from '../../../electron/core/runs/secret-mask';
import { MASKER, maskHex } from '../../../native/durable/wrapper-script';

const perl = ['/usr/bin/perl', '/bin/perl'].find((p) => existsSync(p));
const dir = mkdtempSync(join(tmpdir(), 'cockpit-masker-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

async function perlMask(secrets: string[], pieces: Buffer[]): Promise<Buffer> {
  const script = join(dir, 'mask.pl');
  writeFileSync(script, `${MASKER}\nprint STDERR "left in env: ", (exists $ENV{__C_MASK} ? 1 : 0), "\\n";\n`);
  const child = spawn(perl!, [script], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, __C_MASK: maskHex(secrets) } });
  let err = '';
  child.stderr.on('data', (b: Buffer) => (err += b.toString()));
  const out: Buffer[] = [];
  child.stdout.on('data', (b: Buffer) => out.push(b));
  for (const p of pieces) {
    child.stdin.write(p);
    await new Promise((r) => setTimeout(r, 1)); // separate reads on the other side
  }
  child.stdin.end();
  await new Promise((r) => child.on('close', r));
  expect(err).toBe('left in env: 0\n'); // it drops the secrets from its environment once read
  return Buffer.concat(out);
}

function jsMask(secrets: string[], pieces: Buffer[]): Buffer {
  const m = createSecretMasker(secrets);
  return Buffer.concat([...pieces.map((p) => m.push(p)), m.flush()]);
}

describe.skipIf(!perl)('mask.pl', () => {
  it('masks a secret split across writes, and passes everything else byte for byte', async () => {
    const pieces = ['token is s3c', 'r3t-va', 'lue; bytes \u00ff\u0000 kept\r\n'].map((s) => Buffer.from(s, 'latin1'));
    const out = await perlMask(['s3cr3t-value'], pieces);
    expect(out.toString('latin1')).toBe('token is ***; bytes \u00ff\u0000 kept\r\n');
  });

  it('agrees with the cockpit\'s masker on 60 random streams', async () => {
    const next = rng(42);
    const alphabet = 'ab*\r\n\u00e9';
    for (let c = 0; c < 60; c++) {
      const word = (n: number) => Array.from({ length: n }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');
      const secrets = Array.from({ length: 1 + Math.floor(next() * 3) }, () => word(2 + Math.floor(next() * 4)));
      const text = Buffer.from(Array.from({ length: 20 }, () => (next() < 0.3 ? secrets[Math.floor(next() * secrets.length)] : word(3))).join(''));
      const pieces: Buffer[] = [];
      for (let at = 0; at < text.length;) {
        const n = 1 + Math.floor(next() * 7);
        pieces.push(text.subarray(at, at + n));
        at += n;
      }
      expect((await perlMask(secrets, pieces)).toString('hex'), JSON.stringify({ secrets, text: text.toString() })).toBe(jsMask(secrets, pieces).toString('hex'));
    }
  }, 60_000);
});
