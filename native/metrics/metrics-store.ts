/**
 * The metrics tables of the cockpit database (migration 3): per-run writers,
 * threshold verdicts, ingest counters, the series list and chart queries.
 * Shares the run store's connection, so a run and its metrics are one file.
 */
import type { Database, Statement } from 'better-sqlite3';
import type { MetricSeriesInfo } from '../../electron/core/metrics/chart-query';
import type { ThresholdVerdict } from '../../electron/core/metrics/threshold-eval';
import type { MetricKind } from '../../electron/core/metrics/types';
import type { MetricsReader, MetricsStats, StoredVerdict } from '../../electron/core/runs/ports';
import { exportRunMetrics } from './export-run-metrics';
import { PointWriter } from './point-writer';
import { queryChart, type ChartQuery } from './query-chart';

interface VerdictRow {
  metric: string;
  key: string;
  expr: string;
  ok: number;
  value: number | null;
  breached_at: number | null;
  window_start: number | null;
  abort: number;
  final: number;
}

interface StatsRow {
  lines: number;
  points: number;
  bad_lines: number;
  bad_samples: string;
  scrapes: number;
  scrape_failures: number;
  series: number;
  last_ts: number | null;
}

export class SqliteMetricsStore implements MetricsReader {
  private readonly q: Record<string, Statement>;

  constructor(readonly db: Database) {
    const p = (sql: string) => db.prepare(sql);
    this.q = {
      saveVerdict: p(`INSERT INTO metric_verdicts (run_id, idx, metric, key, expr, ok, value, breached_at, window_start, abort, final, updated_at)
                      VALUES (@runId, @idx, @metric, @key, @expr, @ok, @value, @breachedAt, @windowStart, @abort, @final, @now)
                      ON CONFLICT (run_id, idx) DO UPDATE SET metric = excluded.metric, key = excluded.key, expr = excluded.expr,
                        ok = excluded.ok, value = excluded.value, breached_at = excluded.breached_at,
                        window_start = excluded.window_start, abort = excluded.abort, final = excluded.final,
                        updated_at = excluded.updated_at`),
      verdicts: p('SELECT * FROM metric_verdicts WHERE run_id = ? ORDER BY idx'),
      saveStats: p(`INSERT INTO metric_ingest (run_id, lines, points, bad_lines, bad_by_reason, bad_samples, scrapes,
                      scrape_failures, bytes_read, updated_at)
                    VALUES (@runId, @lines, @points, @badLines, @badByReason, @badSamples, @scrapes, @scrapeFailures, @bytesRead, @now)
                    ON CONFLICT (run_id) DO UPDATE SET lines = excluded.lines, points = excluded.points,
                      bad_lines = excluded.bad_lines, bad_by_reason = excluded.bad_by_reason, bad_samples = excluded.bad_samples,
                      scrapes = excluded.scrapes, scrape_failures = excluded.scrape_failures,
                      bytes_read = excluded.bytes_read, updated_at = excluded.updated_at`),
      stats: p(`SELECT i.*, (SELECT count(*) FROM metric_series WHERE run_id = i.run_id) AS series,
                  (SELECT max(r.last_ts) FROM metric_rollup_1h r JOIN metric_series s ON s.id = r.series_id
                   WHERE s.run_id = i.run_id) AS last_ts
                FROM metric_ingest i WHERE i.run_id = ?`),
      series: p(`SELECT s.id, s.metric, s.tags_json, s.key, s.kind, sum(r.count) AS count, min(r.first_ts) AS firstTs,
                   max(r.last_ts) AS lastTs, min(r.min) AS min, max(r.max) AS max
                 FROM metric_series s LEFT JOIN metric_rollup_1h r ON r.series_id = s.id
                 WHERE s.run_id = ? GROUP BY s.id ORDER BY s.metric, s.key`),
    };
  }

  /** A writer for one run's points; keep one per run while it is ingesting. */
  writer(runId: number): PointWriter {
    return new PointWriter(this.db, runId);
  }

  saveVerdicts(runId: number, verdicts: ThresholdVerdict[], final: boolean, now = Date.now()): void {
    const tx = this.db.transaction(() => {
      verdicts.forEach((v, idx) =>
        this.q.saveVerdict.run({
          runId, idx, metric: v.metric, key: v.key, expr: v.expr, ok: v.ok ? 1 : 0, value: v.value,
          breachedAt: v.breachedAt ?? null, windowStart: v.windowStart ?? null, abort: v.abort ? 1 : 0,
          final: final ? 1 : 0, now,
        }),
      );
    });
    tx();
  }

  verdicts(runId: number): StoredVerdict[] {
    return (this.q.verdicts.all(runId) as VerdictRow[]).map((r) => {
      const v: StoredVerdict = { metric: r.metric, key: r.key, expr: r.expr, ok: r.ok !== 0, value: r.value, abort: r.abort !== 0, final: r.final !== 0 };
      if (r.breached_at !== null) v.breachedAt = r.breached_at;
      if (r.window_start !== null) v.windowStart = r.window_start;
      return v;
    });
  }

  saveStats(runId: number, s: MetricsStats & { badByReason: Record<string, number>; bytesRead: number }, now = Date.now()): void {
    this.q.saveStats.run({
      runId, lines: s.lines, points: s.points, badLines: s.badLines, badByReason: JSON.stringify(s.badByReason),
      badSamples: JSON.stringify(s.badSamples), scrapes: s.scrapes, scrapeFailures: s.scrapeFailures, bytesRead: s.bytesRead, now,
    });
  }

  stats(runId: number): MetricsStats | null {
    const r = this.q.stats.get(runId) as StatsRow | undefined;
    if (!r) return null;
    return {
      lines: r.lines, points: r.points, series: r.series, badLines: r.bad_lines, badSamples: JSON.parse(r.bad_samples),
      scrapes: r.scrapes, scrapeFailures: r.scrape_failures, lastTime: r.last_ts,
    };
  }

  /** Every series of a run with its point count and time range (from the hourly rollups). */
  series(runId: number): MetricSeriesInfo[] {
    const rows = this.q.series.all(runId) as (Omit<MetricSeriesInfo, 'tags' | 'kind'> & { tags_json: string; kind: string })[];
    return rows.map(({ tags_json, kind, ...r }) => ({ ...r, count: r.count ?? 0, tags: JSON.parse(tags_json), kind: kind as MetricKind }));
  }

  /** Any window of a run's series, at most ~2 points per pixel, spikes kept. */
  query(runId: number, q: ChartQuery) {
    return queryChart(this.db, this.series(runId), q);
  }

  /** Writes `metrics.csv` and `thresholds.json` of a run into `dir` (for the evidence bundle). */
  exportRunMetrics(runId: number, dir: string): Promise<{ csv: string; thresholds: string; points: number }> {
    return exportRunMetrics(this.db, runId, this.verdicts(runId), dir);
  }
}
