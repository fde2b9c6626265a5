/**
 * Runs a local gate attempt in a pty: output is masked, appended to the log, and only then
 * shown to live viewers; the exit is reported after the output is drained and the gate's
 * whole session is gone.
 */
import { statSync } from 'node:fs';
import { constants as osConstants } from 'node:os';
import type { AttemptExecutor, AttemptHandle, AttemptOutcome, AttemptSpec } from '../../electron/core/runs/ports';
import { createSecretMasker, type SecretMasker } from '../../electron/core/runs/secret-mask';
import { DrainedPty, type PtyExit } from './drained-pty';
import { AttemptLifecycle } from '../exec/attempt-lifecycle';
import { LogAppender } from './log-appender';
import { terminateTree } from './process-tree';

export const DEFAULT_COLS = 120;
export const DEFAULT_ROWS = 32;
/** VS Code's DataFlushTimeout: after the exit, output is complete once it was quiet this long. */
export const DATA_FLUSH_TIMEOUT_MS = 250;
/** A stray writer outside our reach (it left the session) must not hold the attempt forever. */
export const MAX_DRAIN_MS = 5000;
/** Exit code reported when the command could not be started at all (as a shell would). */
export const CANNOT_START_EXIT_CODE = 127;

export class LocalPtyExecutor implements AttemptExecutor {
  start(spec: AttemptSpec): AttemptHandle {
    return new LocalAttempt(spec);
  }
}

function shellCommand(command: string): { file: string; args: string[] | string } {
  if (process.platform === 'win32') return { file: 'cmd.exe', args: `/d /s /c "${command}"` };
  return { file: '/bin/sh', args: ['-c', command] };
}

function signalName(signal: number): string {
  const entry = Object.entries(osConstants.signals).find(([, n]) => n === signal);
  return entry ? entry[0] : `SIG${signal}`;
}

function missingDirectory(cwd: string): string | null {
  try {
    return statSync(cwd).isDirectory() ? null : `working directory ${cwd} is not a directory`;
  } catch {
    return `working directory ${cwd} does not exist`;
  }
}

class LocalAttempt extends AttemptLifecycle {
  /** 0 when the command could not be started. */
  readonly pid: number = 0;
  private readonly masker: SecretMasker;
  private readonly startedAt = Date.now();
  private readonly t0 = performance.now();
  private log: LogAppender | null = null;
  private pty: DrainedPty | null = null;
  private termination: Promise<unknown> | null = null;

  constructor(spec: AttemptSpec) {
    super(spec);
    this.masker = createSecretMasker(spec.secrets);
    try {
      this.log = LogAppender.open(spec.logPath);
    } catch (err) {
      this.done = this.cannotStart(`cannot open the log ${spec.logPath}: ${(err as Error).message}`);
      return;
    }
    const problem = missingDirectory(spec.cwd);
    if (problem) {
      this.done = this.cannotStart(problem);
      return;
    }
    try {
      const { file, args } = shellCommand(spec.command);
      this.pty = new DrainedPty(
        {
          file,
          args,
          cwd: spec.cwd,
          env: spec.env,
          cols: spec.cols ?? DEFAULT_COLS,
          rows: spec.rows ?? DEFAULT_ROWS,
          name: 'xterm-256color',
        },
        (chunk) => this.write(this.masker.push(chunk)),
      );
    } catch (err) {
      this.done = this.cannotStart((err as Error).message);
      return;
    }
    this.pid = this.pty.pid;
    this.armTimeout(this.startedAt);
    this.done = this.finish(this.pty);
  }

  protected canStop(): boolean {
    return this.pty !== null;
  }

  protected async stopTree(): Promise<void> {
    await this.killTree();
  }

  /** Log first, view second: the view may lag or skip, the log may not. */
  private write(masked: Buffer): void {
    if (masked.length === 0) return;
    this.log?.append(masked);
    this.view.emit(masked);
  }

  /** TERM the whole session, KILL after the grace period; joins a kill already under way. */
  private killTree(): Promise<unknown> {
    this.termination ??= terminateTree(this.pid, this.spec.graceMs).catch(() => null);
    return this.termination;
  }

  private async finish(pty: DrainedPty): Promise<AttemptOutcome> {
    await pty.childExited;
    this.settle();
    const endedAt = Date.now();
    const durationMs = performance.now() - this.t0;
    // The gate is over: its stray background processes must not outlive it. Output they
    // write meanwhile is still read and logged.
    await this.killTree();
    await pty.waitQuiet(DATA_FLUSH_TIMEOUT_MS, MAX_DRAIN_MS);
    const exit = await pty.close();
    this.write(this.masker.flush());
    return this.outcome(exit, endedAt, durationMs);
  }

  private async outcome(exit: PtyExit, endedAt: number, durationMs: number): Promise<AttemptOutcome> {
    await this.log?.close();
    const bySignal = exit.signal !== 0;
    return {
      exitCode: bySignal ? null : exit.exitCode,
      signal: bySignal ? signalName(exit.signal) : null,
      timedOut: this.timedOut,
      cancelled: this.cancelled,
      logBytes: this.log?.bytesWritten ?? 0,
      durationMs,
      startedAt: this.startedAt,
      endedAt,
    };
  }

  private async cannotStart(reason: string): Promise<AttemptOutcome> {
    this.settle();
    const line = Buffer.from(`cockpit: cannot start: ${reason}\r\n`);
    this.log?.append(line);
    // Let the caller attach its listeners before it hears about the failure.
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.view.emit(line);
    const durationMs = performance.now() - this.t0;
    return this.outcome({ exitCode: CANNOT_START_EXIT_CODE, signal: 0 }, Date.now(), durationMs);
  }
}
