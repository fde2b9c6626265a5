/**
 * Incremental state for one stream of values (a whole run, or one window),
 * and the k6 aggregations computed from it.
 *
 * Every aggregation is defined for every kind, so a threshold never depends
 * on a declaration arriving before its first point (k6 restricts the pairs;
 * the extra pairs are defined as below):
 *   count  counter: sum of values; other kinds: number of values
 *   rate   counter: sum per second over the elapsed time;
 *          other kinds: fraction of non-zero values (k6 `rate` metric)
 *   value  last value (by time)
 *   avg, min, max, med, p(N)   over all values (med = p(50))
 *   slope  least-squares slope of value over time, in units per hour
 */
import type { Aggregation, CompareOp } from '../plan/types';
import { SampleStore } from './samples';
import type { MetricKind } from './types';

const MS_PER_HOUR = 3_600_000;

export class AggState {
  count = 0;
  sum = 0;
  nonZero = 0;
  min = Infinity;
  max = -Infinity;
  last = NaN;
  lastTime = -Infinity;
  /** Time of the first value added; slope x is measured in hours from here. */
  firstTime = NaN;
  // Welford-style running moments for the slope: no large sums to cancel.
  private meanX = 0;
  private meanY = 0;
  private cXY = 0;
  private m2X = 0;
  readonly samples: SampleStore | null;

  constructor(keepSamples: boolean) {
    this.samples = keepSamples ? new SampleStore() : null;
  }

  add(time: number, value: number): void {
    if (this.count === 0) this.firstTime = time;
    this.count++;
    this.sum += value;
    if (value !== 0) this.nonZero++;
    if (value < this.min) this.min = value;
    if (value > this.max) this.max = value;
    if (time >= this.lastTime) {
      this.last = value;
      this.lastTime = time;
    }
    const x = (time - this.firstTime) / MS_PER_HOUR;
    const dx = x - this.meanX;
    this.meanX += dx / this.count;
    this.meanY += (value - this.meanY) / this.count;
    this.cXY += dx * (value - this.meanY);
    this.m2X += dx * (x - this.meanX);
    this.samples?.add(value);
  }

  /** Units per hour; null with fewer than two distinct times. */
  slopePerHour(): number | null {
    return this.count >= 2 && this.m2X > 0 ? this.cXY / this.m2X : null;
  }
}

export function aggregationNeedsSamples(agg: Aggregation): boolean {
  return agg.kind === 'med' || agg.kind === 'p';
}

/**
 * The aggregation's value, or null when it has none (no values, or a rate
 * over no elapsed time). An empty state still counts: `count` is 0 and a
 * counter's `rate` is 0/s, which is what a window without requests means.
 *
 * @param elapsedMs time the state covers, for a counter's `rate`
 */
export function aggregate(
  state: AggState,
  agg: Aggregation,
  kind: MetricKind,
  elapsedMs: number,
): number | null {
  switch (agg.kind) {
    case 'count':
      return kind === 'counter' ? state.sum : state.count;
    case 'rate':
      if (kind === 'counter') return elapsedMs > 0 ? state.sum / (elapsedMs / 1000) : null;
      return state.count > 0 ? state.nonZero / state.count : null;
    case 'slope':
      return state.slopePerHour();
  }
  if (state.count === 0) return null;
  switch (agg.kind) {
    case 'value':
      return state.last;
    case 'avg':
      return state.sum / state.count;
    case 'min':
      return state.min;
    case 'max':
      return state.max;
    case 'med':
      return quantile(state, 0.5);
    case 'p':
      return quantile(state, agg.p / 100);
  }
}

function quantile(state: AggState, q: number): number | null {
  if (!state.samples) throw new Error('internal: percentile asked of a state that keeps no samples');
  return state.samples.quantile(q);
}

/** `value op limit`, true when the threshold holds. */
export function compare(value: number, op: CompareOp, limit: number): boolean {
  switch (op) {
    case '<':
      return value < limit;
    case '<=':
      return value <= limit;
    case '>':
      return value > limit;
    case '>=':
      return value >= limit;
    case '==':
    case '===':
      return value === limit;
    case '!=':
      return value !== limit;
  }
}
