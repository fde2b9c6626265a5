/**
 * Chart queries over stored metrics: which resolution to read (raw points,
 * per-minute or per-hour rollups) and how to turn what was read into at most
 * ~2 points per pixel without losing spikes. Pure: the store reads rows, this
 * shapes them.
 *
 * - `minmax` (gauges, trends): each rollup bucket contributes its min and its
 *   max, then `downsampleForWidth` keeps each pixel column's min and max, so
 *   a one-sample spike survives every zoom level.
 * - `avg` (rates such as http_req_failed, whose raw points are 0/1): the mean
 *   per pixel column, from sums and counts, which rollups keep exactly.
 */
import { downsampleForWidth, type Series } from './downsample';
import type { ChartMode, Resolution } from './metric-types';
import type { MetricKind } from './types';

export type { ChartMode, ChartQueryResult, ChartSeries, MetricSeriesInfo, Resolution } from './metric-types';

export const BUCKET_MS: Record<Exclude<Resolution, 'raw'>, number> = { '1m': 60_000, '1h': 3_600_000 };

/** Raw points read per series at most (about): beyond this, rollups are read. */
export function rowBudget(width: number): number {
  return Math.max(8 * width, 4000);
}

/**
 * Raw points while they fit the budget (`rawPoints`, an estimate, is the
 * number in the window); else the coarsest rollup that still has a bucket
 * for every pixel column: hours for months-long windows, minutes below.
 */
export function chooseResolution(spanMs: number, rawPoints: number, width: number): Resolution {
  if (rawPoints <= rowBudget(width)) return 'raw';
  return spanMs / BUCKET_MS['1h'] >= width ? '1h' : '1m';
}

export function defaultMode(kind: MetricKind): ChartMode {
  return kind === 'rate' ? 'avg' : 'minmax';
}

/**
 * Entries (a raw point: min = max = value; a rollup bucket at its middle
 * time) as their min and max at the same time, one point when they are
 * equal. Times must be ascending.
 */
export function minMaxPairs(t: ArrayLike<number>, min: ArrayLike<number>, max: ArrayLike<number>): Series {
  const ot = new Float64Array(t.length * 2);
  const ov = new Float64Array(t.length * 2);
  let k = 0;
  for (let i = 0; i < t.length; i++) {
    ot[k] = t[i];
    ov[k++] = min[i];
    if (max[i] !== min[i]) {
      ot[k] = t[i];
      ov[k++] = max[i];
    }
  }
  return { t: ot.subarray(0, k), v: ov.subarray(0, k) };
}

/**
 * Mean per pixel column over [from, to]: `times` with per-entry `sums` and
 * `counts` (a raw point is sum = value, count = 1). One point per non-empty
 * column, at the column's middle.
 */
export function columnAverages(
  times: ArrayLike<number>,
  sums: ArrayLike<number>,
  counts: ArrayLike<number>,
  from: number,
  to: number,
  width: number,
): Series {
  const cols = Math.max(1, Math.floor(width));
  const span = Math.max(to - from, 1);
  const s = new Float64Array(cols);
  const c = new Float64Array(cols);
  for (let i = 0; i < times.length; i++) {
    let col = Math.floor(((times[i] - from) / span) * cols);
    if (col < 0) col = 0;
    else if (col >= cols) col = cols - 1;
    s[col] += sums[i];
    c[col] += counts[i];
  }
  const t: number[] = [];
  const v: number[] = [];
  for (let col = 0; col < cols; col++) {
    if (c[col] === 0) continue;
    t.push(from + ((col + 0.5) / cols) * span);
    v.push(s[col] / c[col]);
  }
  return { t: Float64Array.from(t), v: Float64Array.from(v) };
}

/** min/max mode: at most 2 × width points, spikes kept. */
export function minMaxForWidth(series: Series, width: number): Series {
  return downsampleForWidth(series.t, series.v, width);
}
