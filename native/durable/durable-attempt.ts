/**
 * One durable attempt: launched detached on its target under the wrapper (or
 * found there again after a restart), then followed by byte offset until its
 * exit code appears. A dropped connection is retried with backoff (1 s up to
 * 30 s) and reported as a notice, never as a failure. `detach()` stops
 * following and leaves the run to the next cockpit.
 */
import type { AttemptOutcome, AttemptSpec } from '../../electron/core/runs/ports';
import { AttemptLifecycle } from '../exec/attempt-lifecycle';
import type { ShellTransport } from '../ssh/shell-transport';
import { exportLines } from '../ssh/shell-quote';
import { CopyState } from './copy-state';
import type { DurableRow, DurableStore } from './durable-store';
import { LocalFollowSource, ShellFollowSource, type FollowSource, type SourceEnd } from './follow-source';
import { CANCEL, REMOVE_STATE_DIR } from './target-scripts';
import { launcherScript, maskHex } from './wrapper-script';

export interface DurableContext {
  store: DurableStore;
  shellFor(row: DurableRow): ShellTransport;
  /** Creates this attempt's row (state dir, start time, metrics base) the first time. */
  createRow(spec: AttemptSpec): DurableRow;
  onSettled(a: DurableAttempt): void;
  /** Keep state directories after the attempt is stored (COCKPIT_KEEP_RUN_DIRS=1, for debugging). */
  keepStateDirs: boolean;
}

export const MAX_BACKOFF_MS = 30_000;
const COMMIT_MS = 1000;
const never = new Promise<never>(() => undefined);

export class DurableAttempt extends AttemptLifecycle {
  readonly pid = 0;
  private row: DurableRow | null = null;
  private shell: ShellTransport | null = null;
  private copy: CopyState | null = null;
  private source: FollowSource | null = null;
  private timers: NodeJS.Timeout[] = [];
  private launched: Promise<void> | null = null;
  private detached = false;
  private wake: (() => void) | null = null;

  constructor(spec: AttemptSpec, private readonly ctx: DurableContext) {
    super(spec);
    this.done = this.run().finally(() => ctx.onSettled(this));
  }

  protected canStop(): boolean {
    return this.row !== null && !this.detached;
  }

  detach(): void {
    if (this.finished || this.detached) return;
    this.detached = true;
    this.settle();
    for (const t of this.timers) clearInterval(t);
    this.source?.stop();
    this.wake?.();
    void this.copy?.close();
  }

  private get where(): string {
    const h = this.row?.hostDef;
    return h ? `host "${h.name}" (${h.ssh})` : 'this machine';
  }

  private async run(): Promise<AttemptOutcome> {
    const target = this.spec.target!;
    let row = this.ctx.store.get(target.runId, target.attempt);
    const fresh = row === null;
    row ??= this.ctx.createRow(this.spec);
    this.row = row;
    this.shell = this.ctx.shellFor(row);
    // Stored completely before a crash (its exit recorded after the last byte): nothing left to follow.
    if (row.exitCode !== null && row.endedAt !== null) return this.stored(row);
    this.copy = new CopyState(this.ctx.store, row, this.spec.logPath, this.spec.secrets, row.hostDef ? target.metricsPath : null);
    if (fresh) {
      this.launched = this.launch();
      const problem = await this.launched.then(() => null, (err: Error) => err.message);
      if (problem) return this.end({ kind: 'missing', message: problem }, row.hostDef ? 255 : 127);
    }
    if (this.detached) return never;
    this.timers.push(setInterval(() => this.commitSafely(), COMMIT_MS));
    this.armTimeout(row.startedAt);
    this.stopIfAsked();
    const end = await this.follow();
    if (this.detached || end.kind === 'stopped') return never;
    return this.end(end, null);
  }

  private async launch(): Promise<void> {
    const target = this.spec.target!;
    const remote = !!this.row!.hostDef;
    let r;
    if (remote) {
      // A host learns only the gate's own environment and the secrets in it; every other secret is masked here.
      const env = { ...target.env };
      delete env.COCKPIT_METRICS;
      const own = this.spec.secrets.filter((s) => Object.values(env).some((v) => v.includes(s.replace(/\r\n/g, '\n'))));
      const envSh = exportLines(env, { COCKPIT_METRICS: '"$__c_d"/metrics.jsonl' });
      const script = launcherScript({ dir: this.row!.stateDir, command: this.spec.command, cwd: this.spec.cwd, remote: { envSh, secrets: own } });
      r = await this.shell!.run('exec sh -s', [], { stdin: script, timeoutMs: 60_000 });
    } else {
      // This machine: the launcher, and the detached wrapper, start with exactly the gate's environment.
      const script = launcherScript({ dir: this.row!.stateDir, command: this.spec.command, cwd: this.spec.cwd, remote: null });
      const env = { ...this.spec.env, COCKPIT_MASK_HEX: maskHex(this.spec.secrets) };
      r = await this.shell!.run('exec sh -s', [], { stdin: script, timeoutMs: 60_000, env });
    }
    if (r.code === 0 && r.stdout.includes('cockpit-started')) return;
    const why = (await this.shell!.failure(r)) ?? (r.stdout.toString().trim() || r.stderr.trim() || `exit ${r.code}`);
    throw new Error(`cannot start the durable run on ${this.where}: ${why}`);
  }

  private async follow(): Promise<SourceEnd> {
    let delay = 1000;
    let lost = false;
    for (;;) {
      const row = this.row!;
      this.source = row.hostDef ? new ShellFollowSource(this.shell!, row.stateDir) : new LocalFollowSource(row.stateDir);
      if (this.detached) return { kind: 'stopped' };
      let end: SourceEnd;
      try {
        end = await this.source.read(
          { log: this.copy!.consumed, metrics: row.hostDef ? this.copy!.metricsAt : null, waitForPid: false },
          (stream, offset, bytes) => this.take(stream, offset, bytes),
          () => {
            if (!lost) return;
            lost = false;
            delay = 1000;
            this.notify({ state: 'connected', message: `reconnected to ${this.where}` });
          },
        );
      } catch (err) {
        end = { kind: 'lost', reason: (err as Error).message };
      }
      // A crash between recording the attempt and launching it leaves no state directory: launch it now
      // (the launcher does nothing if the wrapper already runs), but never once bytes were copied.
      if (end.kind === 'missing' && !this.launched && this.copy!.consumed === 0 && !this.detached) {
        this.launched = this.launch();
        const failed = await this.launched.then(() => null, (err: Error) => err.message);
        if (failed === null) continue;
        this.launched = null;
        end = { kind: 'lost', reason: failed };
      }
      if (end.kind !== 'lost' || this.detached) return end;
      lost = true;
      this.notify({ state: 'reconnecting', message: `reconnecting to ${this.where} in ${delay / 1000}s: ${end.reason}` });
      await this.sleep(delay);
      delay = Math.min(delay * 2, MAX_BACKOFF_MS);
    }
  }

  private take(stream: 'log' | 'metrics', offset: number, bytes: Buffer): void {
    if (stream === 'metrics') return this.copy!.takeMetrics(offset, bytes);
    this.view.emit(this.copy!.takeLog(offset, bytes));
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(t);
        resolve();
      };
    });
  }

  private commitSafely(): void {
    try {
      this.copy?.commit();
    } catch {
      /* the store is busy or closing: the next commit catches up */
    }
  }

  /** TERM the wrapper's group and descendants, KILL after the grace period; retried until the target answers. */
  protected async stopTree(): Promise<void> {
    await this.launched?.catch(() => undefined);
    const grace = String(Math.max(1, Math.ceil(this.spec.graceMs / 1000)));
    let delay = 1000;
    while (!this.finished && !this.detached && this.row && this.shell) {
      const r = await this.shell.run(CANCEL, [this.row.stateDir, grace], { timeoutMs: Number(grace) * 1000 + 60_000 });
      if (r.code === 0) return;
      const why = (await this.shell.failure(r)) ?? (r.stderr.trim() || `exit ${r.code}`);
      this.notify({ state: 'reconnecting', message: `cannot reach ${this.where} to stop the run (${why}); retrying in ${delay / 1000}s` });
      await new Promise((res) => setTimeout(res, delay));
      delay = Math.min(delay * 2, MAX_BACKOFF_MS);
    }
  }

  /** The outcome of an attempt the store already holds whole; its state directory is removed if a crash left it. */
  private async stored(row: DurableRow): Promise<AttemptOutcome> {
    this.settle();
    await this.removeStateDir();
    return {
      exitCode: row.exitCode, signal: null, timedOut: false, cancelled: false, logBytes: row.logBytes,
      durationMs: row.endedAt! - row.startedAt, startedAt: row.startedAt, endedAt: row.endedAt!,
    };
  }

  /** Once stored, the target's copy goes (it holds masked output, metrics and the wrapper's state). */
  private async removeStateDir(): Promise<void> {
    if (this.ctx.keepStateDirs) return;
    const r = await this.shell!.run(REMOVE_STATE_DIR, [this.row!.stateDir], { timeoutMs: 30_000 });
    if (r.code !== 0) {
      const why = (await this.shell!.failure(r)) ?? (r.stderr.trim() || `exit ${r.code}`);
      this.notify({ state: 'connected', message: `could not remove the run directory ${this.row!.stateDir} on ${this.where}: ${why}` });
    }
  }

  private async end(end: SourceEnd, exitOverride: number | null): Promise<AttemptOutcome> {
    this.settle();
    for (const t of this.timers) clearInterval(t);
    const copy = this.copy!;
    this.view.emit(copy.flushMasker());
    let reason: string | undefined;
    if (end.kind === 'missing') reason = end.message;
    else if (end.kind === 'dead' && !this.cancelled && !this.timedOut) {
      reason = `the durable run on ${this.where} stopped without an exit code (its wrapper was killed, or the host restarted)`;
    }
    if (reason && end.kind === 'missing') {
      const line = Buffer.from(`cockpit: ${reason}\r\n`);
      this.view.emit(copy.takeNote(line));
    }
    await copy.close();
    const exitCode = exitOverride ?? (end.kind === 'exit' ? end.code : null);
    const endedAt = Date.now();
    this.ctx.store.finish(this.row!.runId, this.row!.n, exitCode, endedAt);
    await this.removeStateDir();
    return {
      exitCode,
      signal: end.kind === 'dead' && (this.cancelled || this.timedOut) ? 'SIGKILL' : null,
      timedOut: this.timedOut,
      cancelled: this.cancelled,
      logBytes: copy.logBytes,
      durationMs: endedAt - this.row!.startedAt,
      startedAt: this.row!.startedAt,
      endedAt,
      ...(reason ? { reason } : {}),
    };
  }
}
