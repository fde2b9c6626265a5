import { describe, expect, it } from 'vitest';
import { createSecretMasker } from '../../electron/core/runs/secret-mask';

/** Reference: whole buffer, left to right, longest secret at each position. */
function referenceMask(data: Buffer, secrets: string[]): Buffer {
  const pats = [...new Set(secrets.filter((s) => s))]
    .map((s) => Buffer.from(s))
    .sort((a, b) => b.length - a.length);
  const out: number[] = [];
  let i = 0;
  outer: while (i < data.length) {
    for (const p of pats) {
      if (i + p.length <= data.length && data.subarray(i, i + p.length).equals(p)) {
        out.push(0x2a, 0x2a, 0x2a);
        i += p.length;
        continue outer;
      }
    }
    out.push(data[i++]);
  }
  return Buffer.from(out);
}

function runChunks(secrets: string[], chunks: Buffer[]): { out: Buffer } {
  const m = createSecretMasker(secrets);
  const parts: Buffer[] = chunks.map((c) => Buffer.from(m.push(c)));
  parts.push(m.flush());
  return { out: Buffer.concat(parts) };
}

function splitAt(buf: Buffer, cuts: number[]): Buffer[] {
  const chunks: Buffer[] = [];
  let prev = 0;
  for (const c of [...cuts, buf.length]) {
    chunks.push(buf.subarray(prev, c));
    prev = c;
  }
  return chunks;
}

/** Small deterministic PRNG so failures reproduce. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('createSecretMasker', () => {
  const secrets = ['hunter2-XYZ', 'pass', 'password1', 'é€secret'];
  const text = Buffer.from('user=admin password1=hunter2-XYZ pass pas hunter2-XY é€secret! passpassword1');

  it('matches the whole-buffer reference in one chunk', () => {
    const { out } = runChunks(secrets, [text]);
    expect(out.toString()).toBe('user=admin ***=*** *** pas hunter2-XY ***! ******');
    expect(out.equals(referenceMask(text, secrets))).toBe(true);
  });

  it('matches the reference at every single split point', () => {
    const expected = referenceMask(text, secrets);
    for (let cut = 0; cut <= text.length; cut++) {
      expect(runChunks(secrets, splitAt(text, [cut])).out.equals(expected), `cut ${cut}`).toBe(true);
    }
  });

  it('matches the reference at every pair of split points', () => {
    const expected = referenceMask(text, secrets);
    for (let a = 0; a <= text.length; a++) {
      for (let b = a; b <= text.length; b++) {
        expect(runChunks(secrets, splitAt(text, [a, b])).out.equals(expected), `cuts ${a},${b}`).toBe(true);
      }
    }
  });

  it('matches the reference byte by byte', () => {
    const chunks = [...text].map((b) => Buffer.from([b]));
    expect(runChunks(secrets, chunks).out.equals(referenceMask(text, secrets))).toBe(true);
  });

  it('random data and random chunking agree with the reference (property)', () => {
    const rand = rng(42);
    const alphabet = 'abcdab-';
    for (let round = 0; round < 1500; round++) {
      const nSecrets = 1 + Math.floor(rand() * 4);
      const secs: string[] = [];
      for (let i = 0; i < nSecrets; i++) {
        const len = Math.floor(rand() * 6); // includes empty secrets, which are ignored
        secs.push(Array.from({ length: len }, () => alphabet[Math.floor(rand() * alphabet.length)]).join(''));
      }
      const len = Math.floor(rand() * 120);
      const data = Buffer.from(Array.from({ length: len }, () => alphabet.charCodeAt(Math.floor(rand() * alphabet.length))));
      const cuts: number[] = [];
      for (let p = 0; p < len; p += 1 + Math.floor(rand() * 9)) cuts.push(p);
      const { out } = runChunks(secs, splitAt(data, cuts));
      expect(out.toString(), JSON.stringify({ secs, data: data.toString(), cuts })).toBe(
        referenceMask(data, secs).toString(),
      );
    }
  });

  it('prefers the longest secret where secrets overlap at the same position', () => {
    expect(runChunks(['ab', 'abcd'], [Buffer.from('xabcdx')]).out.toString()).toBe('x***x');
    expect(runChunks(['ab', 'abcd'], [Buffer.from('xab'), Buffer.from('cdx')]).out.toString()).toBe('x***x');
    expect(runChunks(['ab', 'abcd'], [Buffer.from('xab'), Buffer.from('cx')]).out.toString()).toBe('x***cx');
  });

  it('passes data through untouched when there are no (non-empty) secrets', () => {
    const m = createSecretMasker(['', '']);
    const chunk = Buffer.from('hello');
    expect(m.push(chunk)).toBe(chunk);
    expect(m.flush().length).toBe(0);
  });

  it('holds back only a pending prefix, never more than maxLen - 1 bytes', () => {
    const m = createSecretMasker(['hunter2-XYZ', 'ab']);
    // No prefix of any secret at the end: everything is released at once.
    expect(m.push(Buffer.from('plain text ')).toString()).toBe('plain text ');
    // "hunt" may become the secret: held; the rest is released.
    expect(m.push(Buffer.from('say hunt')).toString()).toBe('say ');
    expect(m.push(Buffer.from('er2-XY')).toString()).toBe(''); // 10 bytes held = maxLen - 1
    expect(m.push(Buffer.from('!')).toString()).toBe('hunter2-XY!');
    expect(m.push(Buffer.from('a')).toString()).toBe('');
    expect(m.flush().toString()).toBe('a');
    // Holding never exceeds maxLen - 1 for any chunking of a long, prefix-rich input.
    const m2 = createSecretMasker(['aaaaab']);
    let held = 0;
    for (let i = 0; i < 100; i++) {
      const out = m2.push(Buffer.from('a'));
      held += 1 - out.length;
      expect(held).toBeLessThanOrEqual(5);
    }
  });

  it('does not keep a reference to the caller\'s chunk for held bytes', () => {
    const m = createSecretMasker(['secret']);
    const chunk = Buffer.from('xx sec');
    m.push(chunk);
    chunk.fill(0x21);
    expect(Buffer.concat([m.push(Buffer.from('ret')), m.flush()]).toString()).toBe('***');
  });

  it('masks multi-byte UTF-8 secrets split inside a character', () => {
    const secret = 'ключ€';
    const data = Buffer.from(`a ${secret} b`);
    for (let cut = 0; cut <= data.length; cut++) {
      expect(runChunks([secret], splitAt(data, [cut])).out.toString()).toBe('a *** b');
    }
  });
});
