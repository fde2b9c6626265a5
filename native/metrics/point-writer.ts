/**
 * Writes one run's metric points in batches: one transaction per batch, one
 * prepared INSERT for every point, and the per-minute and per-hour rollups
 * updated in that same transaction (a reader never sees points without their
 * rollups).
 *
 * Rollups are accumulated in memory while the batch is walked (points mostly
 * arrive in time order, so each series has one open bucket per level) and
 * upserted once per (series, bucket) at the end of the batch.
 */
import type { Database, Statement } from 'better-sqlite3';
import { seriesKey } from '../../electron/core/metrics/series-key';
import type { MetricKind, MetricPoint } from '../../electron/core/metrics/types';
import type { ColumnBatch, SeriesDef } from './chunk-parser';

interface Acc {
  bucket: number;
  min: number;
  max: number;
  sum: number;
  count: number;
  firstTs: number;
  lastTs: number;
}

interface SeriesState {
  id: number;
  lastTs: number;
  seqHi: number;
  seqDirty: boolean;
  m: Acc | null;
  h: Acc | null;
}

const MINUTE = 60_000;
const HOUR = 3_600_000;

const upsertSql = (table: string) => `
  INSERT INTO ${table} (series_id, bucket, min, max, sum, count, first_ts, last_ts) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT (series_id, bucket) DO UPDATE SET
    min = min(min, excluded.min), max = max(max, excluded.max), sum = sum + excluded.sum,
    count = count + excluded.count, first_ts = min(first_ts, excluded.first_ts), last_ts = max(last_ts, excluded.last_ts)`;

export class PointWriter {
  /** By metric, then by the tags' JSON as they arrived (cheap); seriesKey resolves misses. */
  private readonly byTags = new Map<string, Map<string, SeriesState>>();
  private readonly byKey = new Map<string, SeriesState>();
  private readonly q: Record<'point' | 'series' | 'm' | 'h' | 'seq' | 'kind', Statement>;
  private readonly flushed: [Statement, number, Acc][] = [];
  private readonly tx: (points: MetricPoint[], kindOf: (metric: string) => MetricKind) => void;
  private readonly colTx: (batch: ColumnBatch, kindOf: (metric: string) => MetricKind) => void;
  /** A parser's series indexes -> series (see ChunkParser); reset when the parser is replaced. */
  private byIdx: SeriesState[] = [];
  pointsWritten = 0;

  constructor(
    private readonly db: Database,
    private readonly runId: number,
  ) {
    const p = (sql: string) => db.prepare(sql);
    this.q = {
      point: p('INSERT INTO metric_points (series_id, ts, seq, value) VALUES (?, ?, ?, ?)'),
      series: p('INSERT INTO metric_series (run_id, metric, tags_json, key, kind) VALUES (?, ?, ?, ?, ?)'),
      m: p(upsertSql('metric_rollup_1m')),
      h: p(upsertSql('metric_rollup_1h')),
      seq: p('UPDATE metric_series SET seq_hi = ? WHERE id = ?'),
      kind: p('UPDATE metric_series SET kind = ? WHERE run_id = ? AND metric = ?'),
    };
    this.loadExisting();
    this.tx = db.transaction((points, kindOf) => this.writeAll(points, kindOf));
    this.colTx = db.transaction((batch, kindOf) => this.writeColumnsTx(batch, kindOf));
  }

  /** Series already stored for this run (a second watcher of the same run continues them). */
  private loadExisting(): void {
    const rows = this.db
      .prepare(
        `SELECT s.id, s.key, s.seq_hi AS seqHi, (SELECT max(ts) FROM metric_points WHERE series_id = s.id) AS lastTs
         FROM metric_series s WHERE s.run_id = ?`,
      )
      .all(this.runId) as { id: number; key: string; seqHi: number; lastTs: number | null }[];
    for (const r of rows) {
      this.byKey.set(r.key, { id: r.id, lastTs: r.lastTs ?? -Infinity, seqHi: r.seqHi, seqDirty: false, m: null, h: null });
    }
  }

  get seriesCount(): number {
    return this.byKey.size;
  }

  write(points: MetricPoint[], kindOf: (metric: string) => MetricKind): void {
    if (points.length > 0) this.guard(() => this.tx(points, kindOf));
  }

  /** A parser's column batch: its new series first, then its points, in one transaction. */
  writeColumns(batch: ColumnBatch, kindOf: (metric: string) => MetricKind): void {
    if (batch.series.length > 0 || batch.idx.length > 0) this.guard(() => this.colTx(batch, kindOf));
  }

  /** The parser was replaced: its successor numbers series afresh. */
  resetIndex(): void {
    this.byIdx = [];
  }

  private guard(fn: () => void): void {
    try {
      fn();
    } catch (err) {
      // The transaction rolled back: forget in-memory state it may have advanced.
      this.byTags.clear();
      this.byKey.clear();
      this.byIdx = [];
      this.flushed.length = 0;
      this.loadExisting();
      throw err;
    }
  }

  /** A declaration that arrived after the metric's first points. */
  setKind(metric: string, kind: MetricKind): void {
    this.q.kind.run(kind, this.runId, metric);
  }

  private writeAll(points: MetricPoint[], kindOf: (metric: string) => MetricKind): void {
    const touched = new Set<SeriesState>();
    for (const p of points) {
      const s = this.seriesOf(p, kindOf);
      this.writeOne(s, p.time, p.value);
      touched.add(s);
    }
    this.finishBatch(touched, points.length);
  }

  private writeColumnsTx(batch: ColumnBatch, kindOf: (metric: string) => MetricKind): void {
    for (const def of batch.series) this.byIdx[def.idx] = this.ensureSeries(def, kindOf);
    const { idx, time, value } = batch;
    const byIdx = this.byIdx;
    // The series of a batch are few: mark them touched by index instead of hashing each point.
    const seen = new Uint8Array(byIdx.length);
    const touched = new Set<SeriesState>();
    for (let i = 0; i < idx.length; i++) {
      const k = idx[i];
      const s = byIdx[k];
      this.writeOne(s, time[i], value[i]);
      if (seen[k] === 0) {
        seen[k] = 1;
        touched.add(s);
      }
    }
    this.finishBatch(touched, idx.length);
  }

  private writeOne(s: SeriesState, time: number, value: number): void {
    const ts = Math.floor(time);
    let seq = 0;
    if (ts > s.lastTs) s.lastTs = ts;
    else {
      seq = ++s.seqHi;
      s.seqDirty = true;
    }
    this.q.point.run(s.id, ts, seq, value);
    s.m = this.accumulate(s.m, s.id, ts, value, MINUTE, this.q.m);
    s.h = this.accumulate(s.h, s.id, ts, value, HOUR, this.q.h);
  }

  private finishBatch(touched: Set<SeriesState>, points: number): void {
    for (const s of touched) {
      if (s.m) this.flushed.push([this.q.m, s.id, s.m]);
      if (s.h) this.flushed.push([this.q.h, s.id, s.h]);
      s.m = null;
      s.h = null;
      if (s.seqDirty) {
        this.q.seq.run(s.seqHi, s.id);
        s.seqDirty = false;
      }
    }
    for (const [stmt, id, a] of this.flushed) stmt.run(id, a.bucket, a.min, a.max, a.sum, a.count, a.firstTs, a.lastTs);
    this.flushed.length = 0;
    this.pointsWritten += points;
  }

  private accumulate(acc: Acc | null, id: number, ts: number, v: number, size: number, stmt: Statement): Acc {
    const bucket = ts - (ts % size);
    if (acc && acc.bucket === bucket) {
      if (v < acc.min) acc.min = v;
      if (v > acc.max) acc.max = v;
      acc.sum += v;
      acc.count++;
      if (ts < acc.firstTs) acc.firstTs = ts;
      if (ts > acc.lastTs) acc.lastTs = ts;
      return acc;
    }
    if (acc) this.flushed.push([stmt, id, acc]);
    return { bucket, min: v, max: v, sum: v, count: 1, firstTs: ts, lastTs: ts };
  }

  private seriesOf(p: MetricPoint, kindOf: (metric: string) => MetricKind): SeriesState {
    let inner = this.byTags.get(p.metric);
    if (!inner) {
      inner = new Map();
      this.byTags.set(p.metric, inner);
    }
    const tagsJson = JSON.stringify(p.tags);
    let s = inner.get(tagsJson);
    if (s) return s;
    const key = seriesKey(p.metric, p.tags);
    const tags = Object.fromEntries(Object.entries(p.tags).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)));
    s = this.ensureSeries({ idx: -1, metric: p.metric, tags, key }, kindOf);
    inner.set(tagsJson, s);
    return s;
  }

  private ensureSeries(def: SeriesDef, kindOf: (metric: string) => MetricKind): SeriesState {
    let s = this.byKey.get(def.key);
    if (s) return s;
    const { lastInsertRowid } = this.q.series.run(this.runId, def.metric, JSON.stringify(def.tags), def.key, kindOf(def.metric));
    s = { id: Number(lastInsertRowid), lastTs: -Infinity, seqHi: 0, seqDirty: false, m: null, h: null };
    this.byKey.set(def.key, s);
    return s;
  }
}
