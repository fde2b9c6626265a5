/**
 * What every gate attempt has in common, whether it runs in a local pty, over
 * `ssh -tt`, or detached (durable): one live view of the masked output, its
 * notices, one stop (a cancel or the timeout, whichever comes first, once),
 * and one timeout rule. Each executor adds only what differs: how it starts,
 * how it stops its process tree, and how it reads the end.
 */
import type { AttemptHandle, AttemptNotice, AttemptOutcome, AttemptSpec, Disposable } from '../../electron/core/runs/ports';
import { LiveView } from '../pty/live-view';

/** setTimeout fires at once past 2^31-1 ms (~24.8 days); re-arm until the real deadline. */
export function longTimeout(ms: number, fn: () => void): { clear(): void } {
  const MAX = 2 ** 31 - 1;
  let timer: NodeJS.Timeout;
  const arm = (left: number) => {
    timer = setTimeout(() => (left > MAX ? arm(left - MAX) : fn()), Math.min(left, MAX));
  };
  arm(Math.max(0, ms));
  return { clear: () => clearTimeout(timer) };
}

export abstract class AttemptLifecycle implements AttemptHandle {
  abstract readonly pid: number;
  /** Set by the subclass's constructor to its run. */
  done!: Promise<AttemptOutcome>;
  protected readonly view = new LiveView();
  protected cancelled = false;
  protected timedOut = false;
  /** Over (or never started): a stop request does nothing any more. */
  protected finished = false;
  private stopping: Promise<void> | null = null;
  private deadline: { clear(): void } | null = null;
  private readonly noticeListeners = new Set<(n: AttemptNotice) => void>();

  constructor(protected readonly spec: AttemptSpec) {}

  onData(listener: (chunk: Buffer) => void): Disposable {
    return this.view.subscribe(listener);
  }

  onNotice(listener: (n: AttemptNotice) => void): Disposable {
    this.noticeListeners.add(listener);
    return { dispose: () => void this.noticeListeners.delete(listener) };
  }

  cancel(): void {
    this.requestStop('cancel');
  }

  protected notify(n: AttemptNotice): void {
    for (const l of this.noticeListeners) l(n);
  }

  /**
   * The one timeout rule: `spec.timeoutMs` after the attempt started. A
   * durable attempt found again after a restart passes its stored start, so
   * the time it ran while no cockpit watched counts too.
   */
  protected armTimeout(startedAt: number): void {
    const ms = this.spec.timeoutMs;
    if (ms === undefined || ms <= 0) return;
    this.deadline = longTimeout(startedAt + ms - Date.now(), () => this.requestStop('timeout'));
  }

  /** The attempt is over: no more stops, no timeout. */
  protected settle(): void {
    this.finished = true;
    this.deadline?.clear();
  }

  /** Whether the process tree can be stopped right now (it has started and is ours to stop). */
  protected abstract canStop(): boolean;

  /** TERM the attempt's whole process tree, KILL after the grace period. */
  protected abstract stopTree(): Promise<void>;

  /** A stop asked for before the attempt could be stopped is carried out now (call once it can be). */
  protected stopIfAsked(): void {
    if ((this.cancelled || this.timedOut) && !this.stopping && !this.finished && this.canStop()) this.stopping = this.stopTree();
  }

  private requestStop(why: 'cancel' | 'timeout'): void {
    if (this.finished || this.stopping || this.cancelled || this.timedOut) return;
    if (why === 'timeout') this.timedOut = true;
    else this.cancelled = true;
    this.stopIfAsked();
  }
}
