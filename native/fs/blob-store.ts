/**
 * Content-addressed file store: `blobsDir/ab/cdef…` named by SHA-256.
 * Writes go to a temp file in the same directory tree, are fsynced, then
 * renamed into place, so a blob is either absent or complete.
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { PRIVATE_DIR, PRIVATE_FILE } from './private-files';

export interface BlobRef {
  sha256: string;
  size: number;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

export class BlobStore {
  constructor(readonly blobsDir: string) {}

  /** Where the blob with this digest lives (whether or not it exists). */
  path(sha256: string): string {
    if (!SHA256_HEX.test(sha256)) throw new Error(`not a sha256 digest: ${sha256}`);
    return path.join(this.blobsDir, sha256.slice(0, 2), sha256.slice(2));
  }

  has(sha256: string): boolean {
    return SHA256_HEX.test(sha256) && fs.existsSync(this.path(sha256));
  }

  /** Stores a copy of the file; identical content is stored once. */
  async put(filePath: string): Promise<BlobRef> {
    const tmpDir = path.join(this.blobsDir, '.tmp');
    await fsp.mkdir(tmpDir, { recursive: true, mode: PRIVATE_DIR });
    const tmp = path.join(tmpDir, `${process.pid}-${randomBytes(8).toString('hex')}`);
    const hash = createHash('sha256');
    let size = 0;
    const out = await fsp.open(tmp, 'wx', PRIVATE_FILE);
    try {
      for await (const chunk of fs.createReadStream(filePath)) {
        const buf = chunk as Buffer;
        hash.update(buf);
        size += buf.length;
        await out.write(buf);
      }
      await out.sync();
    } catch (err) {
      await out.close();
      await fsp.rm(tmp, { force: true });
      throw err;
    }
    await out.close();
    const sha256 = hash.digest('hex');
    await this.commit(tmp, sha256);
    return { sha256, size };
  }

  private async commit(tmp: string, sha256: string): Promise<void> {
    const dest = this.path(sha256);
    if (fs.existsSync(dest)) {
      await fsp.rm(tmp, { force: true });
      return;
    }
    await fsp.mkdir(path.dirname(dest), { recursive: true, mode: PRIVATE_DIR });
    try {
      await fsp.rename(tmp, dest);
    } catch (err) {
      await fsp.rm(tmp, { force: true });
      // Windows refuses to rename over a file another writer just put there; same content, so done.
      if (!fs.existsSync(dest)) throw err;
    }
  }
}
