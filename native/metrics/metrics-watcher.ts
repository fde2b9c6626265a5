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
}
