/**
 * Append-only log writer for an attempt's terminal output.
 *
 * Copies output into a 256 KiB staging buffer and writes it when full or at least once a
 * second, then fsyncs on close. Copying makes the log immune to anyone later mutating a chunk
 * they were also handed (live listeners). Writes are synchronous on purpose: they reach the
 * page cache in well under a millisecond, keep the order trivially, and stall the pty read
 * loop (so the kernel pushes back on the child) instead of growing an unbounded queue when
 * the disk is slow.
 */
import { closeSync, fsync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { PRIVATE_DIR, PRIVATE_FILE } from '../fs/private-files';

export const FLUSH_BYTES = 256 * 1024;
export const FLUSH_INTERVAL_MS = 1000;

export class LogAppender {
  private readonly staging = Buffer.allocUnsafe(FLUSH_BYTES);
  private staged = 0;
  private written = 0;
  private failure: Error | null = null;
  private closed = false;
  private readonly timer: NodeJS.Timeout;

  private constructor(private readonly fd: number) {
    this.timer = setInterval(() => this.flush(), FLUSH_INTERVAL_MS);
    this.timer.unref();
  }

  /** Creates the parent directories and opens the file for appending. Throws on failure. */
  static open(path: string): LogAppender {
    mkdirSync(dirname(path), { recursive: true, mode: PRIVATE_DIR });
    return new LogAppender(openSync(path, 'a', PRIVATE_FILE));
  }

  /** Bytes that reached the file. */
  get bytesWritten(): number {
    return this.written;
  }

  /** The first write error, if any; later output is dropped rather than written with a gap. */
  get error(): Error | null {
    return this.failure;
  }

  append(chunk: Buffer): void {
    if (this.closed) return;
    let offset = 0;
    while (offset < chunk.length) {
      const n = chunk.copy(this.staging, this.staged, offset);
      this.staged += n;
      offset += n;
      if (this.staged === FLUSH_BYTES) this.flush();
    }
  }

  flush(): void {
    if (this.staged === 0) return;
    const length = this.staged;
    this.staged = 0;
    if (this.failure) return;
    try {
      let offset = 0;
      while (offset < length) {
        const n = writeSync(this.fd, this.staging, offset, length - offset);
        offset += n;
        this.written += n;
      }
    } catch (err) {
      this.failure = err as Error;
    }
  }

  /** Writes what is pending, fsyncs and closes the file. Safe to call twice. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.flush();
    this.closed = true;
    clearInterval(this.timer);
    await new Promise<void>((resolve) => fsync(this.fd, () => resolve()));
    try {
      closeSync(this.fd);
    } catch {
      /* already closed: nothing left to do */
    }
  }
}
