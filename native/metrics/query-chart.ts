/**
 * Chart reads: for each requested series, the rows of the finest resolution
 * that fits the pixel budget (raw points for small windows, per-minute or
 * per-hour rollups for wide ones), shaped to at most 2 points per pixel.
 * With `merge`, the requested series become one line (k6 splits a metric by
 * tags such as status; an error rate is over all of them).
 */
import type { Database, Statement } from 'better-sqlite3';
import {
  BUCKET_MS, chooseResolution, columnAverages, defaultMode, minMaxForWidth, minMaxPairs,
  type ChartMode, type ChartQueryResult, type ChartSeries, type MetricSeriesInfo, type Resolution,
} from '../../electron/core/metrics/chart-query';
import type { Series } from '../../electron/core/metrics/downsample';

export interface ChartQuery {
  /** Series ids (from `series`) or keys; all of the run's series when empty. */
  series?: (number | string)[];
  from?: number;
  to?: number;
  width: number;
  mode?: ChartMode;
  /** Merge the requested series into one line. */
  merge?: boolean;
}

/** What was read for one series: times, and per entry a sum and a count (raw: value, 1), min and max. */
interface Read {
  t: Float64Array;
  min: Float64Array;
  max: Float64Array;
  sum: Float64Array;
  count: Float64Array;
}

const stmts = new WeakMap<Database, Record<Resolution, Statement>>();

function statements(db: Database): Record<Resolution, Statement> {
  let s = stmts.get(db);
  if (!s) {
    const rollup = (table: string) =>
      db.prepare(`SELECT (first_ts + last_ts) / 2.0, min, max, sum, count FROM ${table}
                  WHERE series_id = ? AND bucket >= ? AND bucket <= ? AND last_ts >= ? AND first_ts <= ? ORDER BY bucket`).raw();
    s = {
      raw: db.prepare('SELECT ts, value, value, value, 1 FROM metric_points WHERE series_id = ? AND ts >= ? AND ts <= ? ORDER BY ts, seq').raw(),
      '1m': rollup('metric_rollup_1m'),
      '1h': rollup('metric_rollup_1h'),
    };
    stmts.set(db, s);
  }
  return s;
}

function read(st: Record<Resolution, Statement>, res: Resolution, id: number, from: number, to: number): Read {
  const rows = (res === 'raw'
    ? st.raw.all(id, from, to)
    : st[res].all(id, from - (from % BUCKET_MS[res]), to, from, to)) as number[][];
  const n = rows.length;
  const out: Read = { t: new Float64Array(n), min: new Float64Array(n), max: new Float64Array(n), sum: new Float64Array(n), count: new Float64Array(n) };
  for (let i = 0; i < n; i++) {
    const r = rows[i];
    out.t[i] = r[0];
    out.min[i] = r[1];
    out.max[i] = r[2];
    out.sum[i] = r[3];
    out.count[i] = r[4];
  }
  return out;
}

/** Concatenates reads and orders them by time. */
function mergeReads(reads: Read[]): Read {
  if (reads.length === 1) return reads[0];
  const n = reads.reduce((a, r) => a + r.t.length, 0);
  const order = new Uint32Array(n);
  const all: Read = { t: new Float64Array(n), min: new Float64Array(n), max: new Float64Array(n), sum: new Float64Array(n), count: new Float64Array(n) };
  let k = 0;
  for (const r of reads) {
    for (const f of ['t', 'min', 'max', 'sum', 'count'] as const) all[f].set(r[f], k);
    k += r.t.length;
  }
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => all.t[a] - all.t[b]);
  const sorted: Read = { t: new Float64Array(n), min: new Float64Array(n), max: new Float64Array(n), sum: new Float64Array(n), count: new Float64Array(n) };
  for (const f of ['t', 'min', 'max', 'sum', 'count'] as const) for (let i = 0; i < n; i++) sorted[f][i] = all[f][order[i]];
  return sorted;
}

function shape(r: Read, mode: ChartMode, from: number, to: number, width: number): Series {
  if (mode === 'avg') return columnAverages(r.t, r.sum, r.count, from, to, width);
  return minMaxForWidth(minMaxPairs(r.t, r.min, r.max), width);
}

function chart(info: Omit<ChartSeries, 't' | 'v'>, s: Series): ChartSeries {
  return { ...info, t: Array.from(s.t), v: Array.from(s.v) };
}

export function queryChart(db: Database, all: MetricSeriesInfo[], q: ChartQuery): ChartQueryResult {
  const wanted = q.series && q.series.length > 0 ? new Set(q.series) : null;
  const infos = wanted ? all.filter((s) => wanted.has(s.id) || wanted.has(s.key)) : all;
  const width = Math.max(2, Math.floor(q.width));
  const firsts = infos.map((s) => s.firstTs).filter((x): x is number => x !== null);
  const lasts = infos.map((s) => s.lastTs).filter((x): x is number => x !== null);
  const from = q.from ?? (firsts.length ? Math.min(...firsts) : null);
  const to = q.to ?? (lasts.length ? Math.max(...lasts) : null);
  const st = statements(db);
  const empty: Series = { t: new Float64Array(0), v: new Float64Array(0) };
  const meta = (i: MetricSeriesInfo, res: Resolution, mode: ChartMode) =>
    ({ id: i.id, key: i.key, metric: i.metric, tags: i.tags, kind: i.kind, resolution: res, mode });
  if (from === null || to === null || to < from) {
    return { from, to, width, series: infos.map((i) => chart(meta(i, 'raw', q.mode ?? defaultMode(i.kind)), empty)) };
  }
  if (q.merge && infos.length > 0) {
    const mode = q.mode ?? defaultMode(infos[0].kind);
    const rawPoints = infos.reduce((a, i) => a + estimateRaw(i, from, to), 0);
    const res = chooseResolution(to - from, rawPoints, width);
    const merged = mergeReads(infos.map((i) => read(st, res, i.id, from, to)));
    const first = infos[0];
    const same = infos.every((i) => i.metric === first.metric);
    const info = { ...meta(first, res, mode), id: 0, key: same ? first.metric : infos.map((i) => i.key).join(' + '), tags: {} };
    return { from, to, width, series: [chart(info, shape(merged, mode, from, to, width))] };
  }
  const series = infos.map((info) => {
    const mode = q.mode ?? defaultMode(info.kind);
    const res = chooseResolution(to - from, estimateRaw(info, from, to), width);
    return chart(meta(info, res, mode), shape(read(st, res, info.id, from, to), mode, from, to, width));
  });
  return { from, to, width, series };
}

/** Raw points of a series in [from, to], assuming an even rate over its lifetime. */
function estimateRaw(info: MetricSeriesInfo, from: number, to: number): number {
  if (info.firstTs === null || info.lastTs === null || info.count === 0) return 0;
  const lo = Math.max(from, info.firstTs);
  const hi = Math.min(to, info.lastTs);
  if (hi < lo) return 0;
  const life = info.lastTs - info.firstTs;
  return life <= 0 ? info.count : Math.ceil((info.count * (hi - lo + 1)) / (life + 1));
}
