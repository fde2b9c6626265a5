/**
 * Follows a file that another process appends to, by byte offset.
 *
 * - Polls every `pollMs` (250 ms); an `fs.watch` on the directory is only a
 *   hint that makes the next read immediate (watch events are lossy and not
 *   available everywhere, polling is the guarantee).
 * - Bytes are handed over as they are read; splitting lines (and holding a
 *   partial last line) is the consumer's job. The offset only moves forward,
 *   so no byte is delivered twice.
 * - A file that shrinks was truncated: that is reported, and reading goes on
 *   from its new end (the bytes before it were already delivered). A file
 *   replaced by another (new inode) is reported and read from its start.
 * - A large backlog is read in slices of `sliceBytes`, yielding to the event
 *   loop between slices.
 */
import { closeSync, fstatSync, openSync, readSync, statSync, watch, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';

export interface TailerEvents {
  /** Synchronous: the buffer is reused after the call returns. */
  onBytes(chunk: Buffer): void;
  onProblem(kind: 'truncated' | 'replaced' | 'read-error', message: string): void;
}

export interface TailerOptions {
  pollMs?: number;
  sliceBytes?: number;
  readBytes?: number;
  /** Backpressure: reading waits while this says no (the consumer calls `kick()` when it can take more). */
  ready?: () => boolean;
}

const yieldNow = () => new Promise<void>((r) => setImmediate(r));

export class FileTailer {
  offset = 0;
  private fd: number | null = null;
  private ino = 0;
  private timer: NodeJS.Timeout | null = null;
  private watcher: FSWatcher | null = null;
  private stopped = false;
  private busy = false;
  private lastError = '';
  private readonly buf: Buffer;
  private readonly pollMs: number;
  private readonly sliceBytes: number;
  private readonly ready: () => boolean;

  constructor(
    readonly path: string,
    private readonly events: TailerEvents,
    opts: TailerOptions = {},
  ) {
    this.pollMs = opts.pollMs ?? 250;
    this.sliceBytes = opts.sliceBytes ?? 8 * 1024 * 1024;
    this.buf = Buffer.allocUnsafe(opts.readBytes ?? 1024 * 1024);
    this.ready = opts.ready ?? (() => true);
  }

  start(): void {
    try {
      const name = basename(this.path);
      this.watcher = watch(dirname(this.path), (_event, file) => {
        if (file === null || file.toString() === name) this.kick();
      });
      this.watcher.on('error', () => this.closeWatcher());
    } catch {
      this.watcher = null; // polling alone still works
    }
    this.schedule(0);
  }

  /** Reads to the end of the file once more, then stops. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.closeWatcher();
    await this.drain();
  }

  /** Reads to the end of the file (waiting for the consumer as needed); after `stop`, closes it again. */
  async drain(): Promise<void> {
    while (this.busy) await yieldNow();
    for (;;) {
      while (!this.ready()) await new Promise((r) => setTimeout(r, 1));
      if (this.readSlice() < this.sliceBytes) break;
      await yieldNow();
    }
    if (this.stopped && this.fd !== null) {
      closeSync(this.fd);
      this.fd = null;
    }
  }

  private closeWatcher(): void {
    this.watcher?.close();
    this.watcher = null;
  }

  /** Read now rather than at the next poll (a watch event, or the consumer caught up). */
  kick(): void {
    if (this.stopped || this.busy) return;
    this.schedule(0);
  }

  /** Reads again from `offset` (an earlier consumer lost what it had after it). */
  rewind(offset: number): void {
    this.offset = Math.min(this.offset, offset);
    this.kick();
  }

  private schedule(ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.tick(), ms);
  }

  private tick(): void {
    this.timer = null;
    if (this.stopped) return;
    if (!this.ready()) return this.schedule(this.pollMs); // the consumer kicks when it has room
    this.busy = true;
    let read = 0;
    try {
      read = this.readSlice();
    } finally {
      this.busy = false;
    }
    if (!this.stopped) this.schedule(read === this.sliceBytes ? 0 : this.pollMs);
  }

  /** Reads at most one slice; returns the bytes delivered. */
  private readSlice(): number {
    if (!this.open()) return 0;
    try {
      const size = fstatSync(this.fd!).size;
      if (size < this.offset) {
        this.events.onProblem('truncated', `metrics file truncated from ${this.offset} to ${size} bytes; reading on from byte ${size}`);
        this.offset = size;
      }
      let done = 0;
      while (this.offset < size && done < this.sliceBytes) {
        const want = Math.min(this.buf.length, size - this.offset, this.sliceBytes - done);
        const n = readSync(this.fd!, this.buf, 0, want, this.offset);
        if (n <= 0) break;
        this.offset += n;
        done += n;
        this.events.onBytes(this.buf.subarray(0, n));
      }
      this.lastError = '';
      return done;
    } catch (err) {
      this.problem('read-error', `cannot read the metrics file: ${(err as Error).message}`);
      return 0;
    }
  }

  /** Opens the file once it exists; notices a replaced file. */
  private open(): boolean {
    let ino: number;
    try {
      ino = statSync(this.path).ino;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') this.problem('read-error', `cannot stat the metrics file: ${(err as Error).message}`);
      return this.fd !== null; // deleted while open: finish what the open fd holds
    }
    if (this.fd !== null && ino === this.ino) return true;
    if (this.fd !== null) {
      // Drain the old file before switching: it may still hold unread lines.
      while (this.readOld()) {
        // each call reads one more chunk of the old file; nothing else to do between them
      }
      closeSync(this.fd);
      this.events.onProblem('replaced', 'metrics file was replaced by another file; reading the new one from its start');
      this.offset = 0;
    }
    try {
      this.fd = openSync(this.path, 'r');
      this.ino = fstatSync(this.fd).ino;
      return true;
    } catch (err) {
      this.fd = null;
      this.problem('read-error', `cannot open the metrics file: ${(err as Error).message}`);
      return false;
    }
  }

  private readOld(): boolean {
    const n = readSync(this.fd!, this.buf, 0, this.buf.length, this.offset);
    if (n <= 0) return false;
    this.offset += n;
    this.events.onBytes(this.buf.subarray(0, n));
    return true;
  }

  /** Reports a read problem once until reading works again. */
  private problem(kind: 'read-error', message: string): void {
    if (message === this.lastError) return;
    this.lastError = message;
    this.events.onProblem(kind, message);
  }
}
