/**
 * Where a durable attempt's bytes come from: its state directory, read from
 * given byte offsets until the attempt ends. On a host, the FOLLOW script
 * streams frames over one ssh connection; on this machine, plain fs reads
 * with the same rules. A dropped connection ends a read with `lost`; the
 * caller reconnects from the offsets it has.
 */
import type { ChildProcess } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ShellTransport } from '../ssh/shell-transport';
import { FrameParser, type Frame } from './frames';
import { FOLLOW } from './target-scripts';
import { isAlive } from '../exec/pid-alive';

export type SourceEnd =
  | { kind: 'exit'; code: number | null }
  | { kind: 'dead' }
  | { kind: 'missing'; message: string }
  | { kind: 'lost'; reason: string }
  | { kind: 'stopped' };

export interface FollowFrom {
  log: number;
  /** null: do not read metrics.jsonl (a local run writes the run's metrics file itself). */
  metrics: number | null;
  /** A missing pid file means "not started yet" rather than "gone" (a non-durable ssh attempt). */
  waitForPid: boolean;
}

export type DataSink = (stream: 'log' | 'metrics', offset: number, bytes: Buffer) => void;

export interface FollowSource {
  /** `onLive`: the target answered (first bytes of this read). */
  read(from: FollowFrom, onData: DataSink, onLive?: () => void): Promise<SourceEnd>;
  stop(): void;
}

/** No frame at all (heartbeats come every ~2 s) for this long: the link is dead. */
export const SILENCE_MS = 20_000;

export class ShellFollowSource implements FollowSource {
  private child: ChildProcess | null = null;
  private stopped = false;

  constructor(private readonly shell: ShellTransport, private readonly dir: string) {}

  read(from: FollowFrom, onData: DataSink, onLive?: () => void): Promise<SourceEnd> {
    if (this.stopped) return Promise.resolve({ kind: 'stopped' });
    const args = [this.dir, String(from.log), String(from.metrics ?? 0), '1', from.waitForPid ? '1' : '0'];
    const child = this.shell.spawn(FOLLOW, args, { keepAlive: true });
    this.child = child;
    return new Promise<SourceEnd>((resolve) => {
      let end: SourceEnd | null = null;
      let stderr = '';
      let watchdog: NodeJS.Timeout;
      const arm = () => {
        clearTimeout(watchdog);
        watchdog = setTimeout(() => child.kill('SIGKILL'), SILENCE_MS);
      };
      const parser = new FrameParser((f: Frame) => {
        if (f.kind === 'data') onData(f.stream, f.offset, f.bytes);
        else if (f.kind === 'exit') end = { kind: 'exit', code: f.code };
        else if (f.kind === 'dead') end = { kind: 'dead' };
        else if (f.kind === 'error') end = { kind: 'missing', message: f.message };
      });
      arm();
      child.stdout?.on('data', (b: Buffer) => {
        arm();
        onLive?.();
        try {
          parser.push(b);
        } catch (err) {
          end = { kind: 'lost', reason: (err as Error).message };
          child.kill('SIGKILL');
        }
      });
      child.stderr?.on('data', (b: Buffer) => {
        if (stderr.length < 16_384) stderr += b.toString('utf8');
      });
      child.stdin?.on('error', () => undefined);
      child.stdin?.end();
      child.on('error', (e) => (stderr += e.message));
      child.on('close', (code) => {
        clearTimeout(watchdog);
        this.child = null;
        if (this.stopped) return resolve({ kind: 'stopped' });
        if (end && !parser.partial) return resolve(end);
        void this.lostReason(code, stderr).then((reason) => resolve({ kind: 'lost', reason }));
      });
    });
  }

  private async lostReason(code: number | null, stderr: string): Promise<string> {
    const known = code === 255 ? await this.shell.failure({ code, stdout: Buffer.alloc(0), stderr }) : null;
    const last = stderr.trim().split('\n').pop();
    return known ?? (code === null ? 'the connection went silent' : `the connection ended (exit ${code}${last ? `: ${last}` : ''})`);
  }

  stop(): void {
    this.stopped = true;
    this.child?.kill('SIGKILL');
  }
}

const SLICE = 4 * 1024 * 1024;
const POLL_MS = 200;

/** The same protocol on this machine, by fs reads (no helper process). */
export class LocalFollowSource implements FollowSource {
  private stopped = false;
  private wake: (() => void) | null = null;

  constructor(private readonly dir: string) {}

  async read(from: FollowFrom, onData: DataSink, onLive?: () => void): Promise<SourceEnd> {
    if (!existsSync(this.dir)) return { kind: 'missing', message: `no run directory ${this.dir}` };
    onLive?.();
    const at = { log: from.log, metrics: from.metrics };
    for (;;) {
      if (this.stopped) return { kind: 'stopped' };
      const fin = existsSync(join(this.dir, 'exit_code'));
      const dead = !fin && this.gone(from.waitForPid);
      let moved = this.pull('output.log', at.log, (b) => onData('log', at.log, b), (n) => (at.log += n));
      if (at.metrics !== null) {
        const m = at.metrics;
        moved = this.pull('metrics.jsonl', m, (b) => onData('metrics', m, b), (n) => (at.metrics = m + n)) || moved;
      }
      if (moved) {
        await new Promise<void>((r) => setImmediate(r));
        continue;
      }
      if (fin) return { kind: 'exit', code: this.exitCode() };
      if (dead && !existsSync(join(this.dir, 'exit_code'))) return { kind: 'dead' };
      await new Promise<void>((r) => {
        this.wake = r;
        setTimeout(r, POLL_MS);
      });
    }
  }

  private gone(waitForPid: boolean): boolean {
    let text: string;
    try {
      text = readFileSync(join(this.dir, 'pid'), 'utf8').trim();
    } catch {
      return !waitForPid;
    }
    return !/^\d+$/.test(text) || !isAlive(Number(text));
  }

  private exitCode(): number | null {
    const n = Number(readFileSync(join(this.dir, 'exit_code'), 'utf8').trim());
    return Number.isInteger(n) ? n : null;
  }

  /** Reads up to SLICE bytes from `offset`; true when anything was read. */
  private pull(name: string, offset: number, deliver: (b: Buffer) => void, advance: (n: number) => void): boolean {
    const file = join(this.dir, name);
    let size: number;
    try {
      size = statSync(file).size;
    } catch {
      return false;
    }
    if (size <= offset) return false;
    const buf = Buffer.allocUnsafe(Math.min(SLICE, size - offset));
    const fd = openSync(file, 'r');
    try {
      const n = readSync(fd, buf, 0, buf.length, offset);
      if (n === 0) return false;
      deliver(buf.subarray(0, n));
      advance(n);
      return true;
    } finally {
      closeSync(fd);
    }
  }

  stop(): void {
    this.stopped = true;
    this.wake?.();
  }
}
