/**
 * The pass/fail bookkeeping of one threshold, fed aggregated values by the
 * evaluator.
 *
 * With `over` (windows): a closed window whose value breaks the threshold
 * extends the breach streak, one that holds resets it, one without a value
 * (no data, e.g. no samples for a trend) leaves it alone. The threshold fails
 * for good once the streak reaches `consecutive` (default 1): the run did
 * break it, whatever comes later.
 *
 * Without `over`: the value is the whole run's aggregate. Live, `consecutive`
 * debounces: the threshold counts as failed only after that many successive
 * live evaluations (at distinct times) breach, and it recovers when the
 * aggregate holds again, as in k6. The final verdict is the end-of-run
 * aggregate alone: a whole-run value at the end is not a transient.
 */
import type { Threshold } from '../plan/types';
import { compare } from './aggregators';
import type { ThresholdVerdict } from './metric-types';

export type { ThresholdVerdict } from './metric-types';

export class ThresholdTracker {
  private streak = 0;
  private lastEvalAt = -Infinity;
  private failed = false;
  private value: number | null = null;
  private windowStart: number | undefined;
  private breachedAt: number | undefined;
  /** What the host was last told, to report each new breach once. */
  reportedOk = true;

  constructor(readonly threshold: Threshold) {}

  private get consecutive(): number {
    return Math.max(1, Math.floor(this.threshold.consecutive) || 1);
  }

  private holds(value: number): boolean {
    const e = this.threshold.expr;
    return compare(value, e.op, e.value);
  }

  /**
   * `count` consecutive closed windows of length `windowMs` that share one
   * value (count > 1 only for runs of empty windows); the first starts at
   * `firstStart`, the last ends at `lastEnd` (earlier than a full window for
   * the partial last window of a run).
   */
  onWindows(value: number | null, firstStart: number, count: number, windowMs: number, lastEnd: number): void {
    if (value === null || count <= 0) return;
    if (this.failed) return; // keep showing the window that broke it
    this.value = value;
    this.windowStart = firstStart + (count - 1) * windowMs;
    if (this.holds(value)) {
      this.streak = 0;
      return;
    }
    const need = Math.max(this.consecutive - this.streak, 1);
    this.streak += count;
    if (count >= need) {
      const idx = need - 1;
      this.failed = true;
      this.windowStart = firstStart + idx * windowMs;
      this.breachedAt = idx === count - 1 ? lastEnd : this.windowStart + windowMs;
    }
  }

  /** One live evaluation of a whole-run threshold at data time `at`. */
  onLive(value: number | null, at: number): void {
    this.value = value;
    const breach = value !== null && !this.holds(value);
    if (at > this.lastEvalAt) {
      this.streak = breach ? this.streak + 1 : 0;
      this.lastEvalAt = at;
    }
    const failed = this.streak >= this.consecutive;
    if (failed && !this.failed) this.breachedAt = at;
    if (!failed) this.breachedAt = undefined;
    this.failed = failed;
  }

  /** The end-of-run evaluation of a whole-run threshold. */
  onFinal(value: number | null, at: number): void {
    this.value = value;
    const failed = value !== null && !this.holds(value);
    if (failed && this.breachedAt === undefined) this.breachedAt = at;
    if (!failed) this.breachedAt = undefined;
    this.failed = failed;
  }

  verdict(abortAllowed: boolean): ThresholdVerdict {
    const t = this.threshold;
    const v: ThresholdVerdict = {
      metric: t.metric,
      key: t.key,
      expr: t.expr.source,
      ok: !this.failed,
      value: this.value,
      abort: abortAllowed && t.abortOnFail && this.failed,
    };
    if (this.failed && this.breachedAt !== undefined) v.breachedAt = this.breachedAt;
    if (this.windowStart !== undefined) v.windowStart = this.windowStart;
    return v;
  }
}
