/** The MetricsWatcher port on SQLite: one RunMetrics pipeline per running gate. */
import type { Gate } from '../../electron/core/plan/types';
import type { MetricsWatch, MetricsWatcher, MetricsWatchHooks } from '../../electron/core/runs/ports';
import type { RunRecord } from '../../electron/core/runs/types';
import type { SqliteMetricsStore } from './metrics-store';
import { RunMetrics, type RunMetricsOptions } from './run-metrics';

export class SqliteMetricsWatcher implements MetricsWatcher {
  constructor(
    private readonly store: SqliteMetricsStore,
    private readonly opts: RunMetricsOptions = {},
  ) {}

  start(run: RunRecord, gate: Gate, hooks: MetricsWatchHooks): MetricsWatch {
    return new RunMetrics(this.store, run, gate, hooks, this.opts).start();
  }

  /** A reattached durable run is ingested again from byte 0: drop its points, rollups, series and counters. */
  forget(runId: number): void {
    const db = this.store.db;
    const series = 'SELECT id FROM metric_series WHERE run_id = ?';
    db.transaction(() => {
      for (const t of ['metric_points', 'metric_rollup_1m', 'metric_rollup_1h']) {
        db.prepare(`DELETE FROM ${t} WHERE series_id IN (${series})`).run(runId);
      }
      db.prepare('DELETE FROM metric_series WHERE run_id = ?').run(runId);
      db.prepare('DELETE FROM metric_ingest WHERE run_id = ?').run(runId);
    }).immediate();
  }
}
