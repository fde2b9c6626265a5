/**
 * The local side of a durable attempt's copy: its masked log and (for remote
 * runs) the run's metrics file, with the offsets that tie them to the
 * target's files. Commit = flush + fsync the local files, then store the
 * offsets in one transaction; a crash between the two only loses a commit,
 * and the next follower cuts the log back and re-reads from the last one.
 */
import { closeSync, fdatasyncSync, ftruncateSync, openSync, statSync, writeSync } from 'node:fs';
import { createSecretMasker, type SecretMasker } from '../../electron/core/runs/secret-mask';
import { PRIVATE_FILE } from '../fs/private-files';
import { LogAppender } from '../pty/log-appender';
import type { DurableRow, DurableStore } from './durable-store';

function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

export class CopyState {
  /** Bytes of the target's output.log pushed into the masker. */
  consumed: number;
  /** Bytes of the target's metrics.jsonl appended to the local metrics file. */
  metricsAt: number;
  private readonly masker: SecretMasker;
  private readonly log: LogAppender;
  private readonly logBase: number;
  private readonly syncFd: number;
  private metricsFd = -1;
  private last = { offset: -1, bytes: -1 };
  private closed = false;

  constructor(
    private readonly store: DurableStore,
    private readonly row: DurableRow,
    logPath: string,
    secrets: string[],
    /** Where remote metrics are appended; null for a local run (it writes there itself). */
    metricsPath: string | null,
  ) {
    this.masker = createSecretMasker(secrets);
    // Cut the log back to the last commit; if it is shorter (damaged, removed), copy everything again.
    const have = sizeOf(logPath);
    const keep = have >= row.logBytes ? row.logBytes : 0;
    this.consumed = keep === row.logBytes ? row.logOffset : 0;
    this.log = LogAppender.open(logPath);
    this.syncFd = openSync(logPath, 'r+');
    if (have !== keep) ftruncateSync(this.syncFd, keep);
    this.logBase = keep;
    // Metrics are copied verbatim, so the local file's length says how far the copy got.
    this.metricsAt = 0;
    if (metricsPath) {
      this.metricsFd = openSync(metricsPath, 'a', PRIVATE_FILE);
      this.metricsAt = Math.max(0, sizeOf(metricsPath) - row.metricsBase);
    }
  }

  /** Target log bytes at `offset`; returns what is new, masked, ready for the log and the view. */
  takeLog(offset: number, bytes: Buffer): Buffer {
    const fresh = this.slice(offset, bytes, this.consumed, 'output.log');
    this.consumed += fresh.length;
    const masked = this.masker.push(fresh);
    if (masked.length > 0) this.log.append(masked);
    return masked;
  }

  takeMetrics(offset: number, bytes: Buffer): void {
    const fresh = this.slice(offset, bytes, this.metricsAt, 'metrics.jsonl');
    let done = 0;
    while (done < fresh.length) done += writeSync(this.metricsFd, fresh, done);
    this.metricsAt += fresh.length;
  }

  /** Already-copied bytes are dropped; a gap means the follower and we disagree: read again. */
  private slice(offset: number, bytes: Buffer, have: number, name: string): Buffer {
    if (offset > have) throw new Error(`${name}: got bytes from ${offset}, expected ${have}`);
    return bytes.subarray(Math.min(bytes.length, have - offset));
  }

  /** End of the output: whatever the masker held back. */
  flushMasker(): Buffer {
    const rest = this.masker.flush();
    if (rest.length > 0) this.log.append(rest);
    return rest;
  }

  /** A line of the cockpit's own (not from the target) at the end of the log. */
  takeNote(line: Buffer): Buffer {
    this.log.append(line);
    return line;
  }

  get logBytes(): number {
    return this.logBase + this.log.bytesWritten;
  }

  commit(): void {
    if (this.closed) return;
    this.log.flush();
    if (this.log.error) return; // keep the last good commit; a reattach copies again from there
    const offset = this.consumed - this.masker.pending();
    const bytes = this.logBytes;
    if (offset === this.last.offset && bytes === this.last.bytes) return;
    try {
      fdatasyncSync(this.syncFd);
      if (this.metricsFd >= 0) fdatasyncSync(this.metricsFd);
    } catch {
      /* fsync is for power loss; an app crash keeps the page cache */
    }
    this.store.commit(this.row.runId, this.row.n, offset, bytes);
    this.last = { offset, bytes };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.commit();
    this.closed = true;
    await this.log.close();
    for (const fd of [this.syncFd, this.metricsFd]) {
      if (fd < 0) continue;
      try {
        closeSync(fd);
      } catch {
        /* already closed */
      }
    }
  }
}
