import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BlobStore } from '../../../native/fs/blob-store';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cockpit-blobs-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

function write(name: string, content: Buffer | string): string {
  const p = path.join(dir, 'src', name);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, content);
  return p;
}

describe('BlobStore', () => {
  it('stores a file under its SHA-256 and reads back the same bytes', async () => {
    const blobs = new BlobStore(path.join(dir, 'blobs'));
    const big = Buffer.alloc(3 * 1024 * 1024 + 17, 0x5a); // several stream chunks
    big.write('head', 0);
    const ref = await blobs.put(write('big.bin', big));
    expect(ref).toEqual({ sha256: sha(big), size: big.length });
    expect(blobs.path(ref.sha256)).toBe(path.join(dir, 'blobs', ref.sha256.slice(0, 2), ref.sha256.slice(2)));
    expect(blobs.has(ref.sha256)).toBe(true);
    expect(fs.readFileSync(blobs.path(ref.sha256)).equals(big)).toBe(true);
  });

  it('stores identical content once and leaves no temp files', async () => {
    const blobs = new BlobStore(path.join(dir, 'blobs'));
    const refs = await Promise.all([
      blobs.put(write('a.txt', 'same\n')),
      blobs.put(write('b.txt', 'same\n')),
      blobs.put(write('c.txt', 'other\n')),
    ]);
    expect(refs[0]).toEqual(refs[1]);
    const stored = fs
      .readdirSync(path.join(dir, 'blobs'), { recursive: true, withFileTypes: true })
      .filter((d) => d.isFile());
    expect(stored).toHaveLength(2);
    expect(fs.readdirSync(path.join(dir, 'blobs', '.tmp'))).toEqual([]);
  });

  it('handles empty files, unknown digests and missing files', async () => {
    const blobs = new BlobStore(path.join(dir, 'blobs'));
    expect(await blobs.put(write('empty', ''))).toEqual({ sha256: sha(''), size: 0 });
    expect(blobs.has('0'.repeat(64))).toBe(false);
    expect(blobs.has('../../etc/passwd')).toBe(false);
    expect(() => blobs.path('nope')).toThrow(/not a sha256/);
    await expect(blobs.put(path.join(dir, 'missing'))).rejects.toThrow(/ENOENT/);
    expect(fs.readdirSync(path.join(dir, 'blobs', '.tmp'))).toEqual([]);
  });
});
