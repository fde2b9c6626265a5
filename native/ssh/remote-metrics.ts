/**
 * Copies a non-durable ssh attempt's metrics file (in its state directory on
 * the host) into the run's local metrics file while the attempt runs, by byte
 * offset over a second ssh connection, so the local metrics tailer sees the
 * points live. Reconnects on a dropped link; `finish` drains what is left.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { PRIVATE_FILE } from '../fs/private-files';
import { ShellFollowSource } from '../durable/follow-source';
import type { ShellTransport } from './shell-transport';

/** A wait that never holds the process open on its own. */
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms).unref());

export class RemoteMetricsCopy {
  private at = 0;
  private readonly fd: number;
  private source: ShellFollowSource | null = null;
  private ended = false;
  private stopping = false;
  private readonly loop: Promise<void>;
  private wake: () => void = () => undefined;
  private readonly woken = new Promise<void>((r) => (this.wake = r));

  constructor(private readonly shell: ShellTransport, private readonly dir: string, localPath: string) {
    this.fd = openSync(localPath, 'a', PRIVATE_FILE);
    this.loop = this.follow();
  }

  private take(offset: number, bytes: Buffer): void {
    if (offset > this.at) throw new Error(`metrics.jsonl: got bytes from ${offset}, expected ${this.at}`);
    const fresh = bytes.subarray(Math.min(bytes.length, this.at - offset));
    let done = 0;
    while (done < fresh.length) done += writeSync(this.fd, fresh, done);
    this.at += fresh.length;
  }

  private async follow(): Promise<void> {
    let delay = 1000;
    while (!this.stopping) {
      this.source = new ShellFollowSource(this.shell, this.dir);
      const end = await this.source.read({ log: 0, metrics: this.at, waitForPid: true }, (stream, offset, bytes) => {
        if (stream === 'metrics') this.take(offset, bytes);
      });
      if (end.kind !== 'lost') {
        this.ended = end.kind === 'exit' || end.kind === 'dead';
        return;
      }
      await Promise.race([sleep(delay), this.woken]);
      delay = Math.min(delay * 2, 30_000);
    }
  }

  /** After the attempt: wait (bounded) for the follower to see the end, then read what is left once more. */
  async finish(waitMs = 5000): Promise<void> {
    await Promise.race([this.loop, sleep(waitMs)]);
    this.stopping = true;
    this.wake();
    this.source?.stop();
    await this.loop;
    if (!this.ended) {
      const r = await this.shell.run('cd && cd "$1" 2>/dev/null && [ -f metrics.jsonl ] && tail -c +"$2" metrics.jsonl', [
        this.dir,
        String(this.at + 1),
      ], { timeoutMs: 30_000 });
      if (r.code === 0 && r.stdout.length > 0) this.take(this.at, r.stdout);
    }
    closeSync(this.fd);
  }
}
