/**
 * Downsampling for charts (recharts slows down past a few thousand points).
 * Input times must be ascending.
 *
 * - `lttb`: Largest-Triangle-Three-Buckets (Steinarsson 2013). Keeps the
 *   visual shape, but may drop a single-point spike.
 * - `minMaxBuckets`: per time bucket keep the min and the max: spikes always
 *   survive; one pass, O(n).
 * - `minMaxLttb`: min/max preselection to `ratio`x the target, then LTTB: the
 *   LTTB look at a fraction of its cost.
 *
 * The query API uses `downsampleForWidth` = min/max per pixel column. That is
 * what a line drawn at that width shows anyway (every column spans its min to
 * its max), it guarantees the global min and max are present, which LTTB
 * does not, and it is the cheapest of the three.
 */

export interface Series {
  t: Float64Array;
  v: Float64Array;
}

export interface TimedValue {
  t: number;
  v: number;
}

function gather(ts: Float64Array, vs: Float64Array, idx: ArrayLike<number>, n: number): Series {
  const t = new Float64Array(n);
  const v = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    t[i] = ts[idx[i]];
    v[i] = vs[idx[i]];
  }
  return { t, v };
}

function copy(ts: Float64Array, vs: Float64Array): Series {
  return { t: ts.slice(), v: vs.slice() };
}

export function lttb(points: TimedValue[], threshold: number): TimedValue[];
export function lttb(ts: Float64Array, vs: Float64Array, threshold: number): Series;
export function lttb(
  a: TimedValue[] | Float64Array,
  b: Float64Array | number,
  c?: number,
): TimedValue[] | Series {
  if (!(a instanceof Float64Array)) {
    const pts = a;
    const s = lttbArrays(
      Float64Array.from(pts, (p) => p.t),
      Float64Array.from(pts, (p) => p.v),
      b as number,
    );
    return Array.from(s.t, (t, i) => ({ t, v: s.v[i] }));
  }
  return lttbArrays(a, b as Float64Array, c as number);
}

function lttbArrays(ts: Float64Array, vs: Float64Array, threshold: number): Series {
  const n = ts.length;
  if (threshold >= n || threshold < 3) return copy(ts, vs);
  const out = new Int32Array(threshold);
  let k = 0;
  out[k++] = 0;
  const every = (n - 2) / (threshold - 2);
  let a = 0;
  for (let i = 0; i < threshold - 2; i++) {
    // Average of the next bucket: the third corner of the triangle.
    const nextStart = Math.floor((i + 1) * every) + 1;
    const nextEnd = Math.min(Math.floor((i + 2) * every) + 1, n);
    let avgT = 0;
    let avgV = 0;
    for (let j = nextStart; j < nextEnd; j++) {
      avgT += ts[j];
      avgV += vs[j];
    }
    const len = nextEnd - nextStart || 1;
    avgT /= len;
    avgV /= len;
    const from = Math.floor(i * every) + 1;
    const to = Math.floor((i + 1) * every) + 1;
    const at = ts[a];
    const av = vs[a];
    let best = from;
    let bestArea = -1;
    for (let j = from; j < to; j++) {
      const area = Math.abs((at - avgT) * (vs[j] - av) - (at - ts[j]) * (avgV - av));
      if (area > bestArea) {
        bestArea = area;
        best = j;
      }
    }
    out[k++] = best;
    a = best;
  }
  out[k++] = n - 1;
  return gather(ts, vs, out, k);
}

/**
 * The first and last points, plus the min and the max of each of `buckets`
 * equal time spans, in time order: at most 2 * buckets + 2 points.
 */
export function minMaxBuckets(ts: Float64Array, vs: Float64Array, buckets: number): Series {
  const n = ts.length;
  buckets = Math.max(1, Math.floor(buckets));
  if (n <= 2 * buckets + 2) return copy(ts, vs);
  const minIdx = new Int32Array(buckets).fill(-1);
  const maxIdx = new Int32Array(buckets).fill(-1);
  const t0 = ts[0];
  const span = ts[n - 1] - t0;
  const scale = span > 0 ? buckets / span : 0;
  for (let i = 0; i < n; i++) {
    let b = Math.floor((ts[i] - t0) * scale);
    if (b >= buckets) b = buckets - 1;
    else if (b < 0) b = 0;
    const lo = minIdx[b];
    if (lo === -1) {
      minIdx[b] = i;
      maxIdx[b] = i;
      continue;
    }
    if (vs[i] < vs[lo]) minIdx[b] = i;
    if (vs[i] > vs[maxIdx[b]]) maxIdx[b] = i;
  }
  const idx = new Int32Array(2 * buckets + 2);
  let k = 0;
  const push = (i: number) => {
    if (k === 0 || idx[k - 1] !== i) idx[k++] = i;
  };
  push(0);
  for (let b = 0; b < buckets; b++) {
    const lo = minIdx[b];
    if (lo === -1) continue;
    const hi = maxIdx[b];
    push(Math.min(lo, hi));
    push(Math.max(lo, hi));
  }
  push(n - 1);
  return gather(ts, vs, idx, k);
}

/** MinMax preselection (`ratio` x threshold points), then LTTB down to `threshold`. */
export function minMaxLttb(ts: Float64Array, vs: Float64Array, threshold: number, ratio = 4): Series {
  if (ts.length <= threshold) return copy(ts, vs);
  const pre = minMaxBuckets(ts, vs, Math.max(1, Math.floor((threshold * ratio) / 2)));
  return lttbArrays(pre.t, pre.v, threshold);
}

/**
 * What the chart query returns: at most 2 * pixelWidth points, including the
 * first, the last, and the global min and max.
 */
export function downsampleForWidth(ts: Float64Array, vs: Float64Array, pixelWidth: number): Series {
  const width = Math.max(2, Math.floor(pixelWidth));
  if (ts.length <= 2 * width) return copy(ts, vs);
  return minMaxBuckets(ts, vs, width - 1);
}
