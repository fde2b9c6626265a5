/** Metrics channels: a run's series, chart windows at a pixel width, threshold verdicts. */
import type { ChartMode, ChartQueryResult, MetricSeriesInfo } from '../../core/metrics/chart-query';
import type { MetricsReader } from '../../core/runs/ports';
import { HostError } from '../errors';
import type { Handlers } from '../router';
import type { CockpitSession } from '../session';

/** What the handlers need from the metrics store (SqliteMetricsStore in the app). */
export interface MetricsQueries extends MetricsReader {
  series(runId: number): MetricSeriesInfo[];
  query(
    runId: number,
    q: { series?: (number | string)[]; from?: number; to?: number; width: number; mode?: ChartMode; merge?: boolean },
  ): ChartQueryResult;
}

type MetricsChannels = 'metrics.series' | 'metrics.query' | 'metrics.verdicts';

export function metricsHandlers(s: CockpitSession): Pick<Handlers, MetricsChannels> {
  const metrics = (): MetricsQueries => {
    if (!s.metrics) throw new HostError('not-found', 'This cockpit has no metrics store.');
    return s.metrics;
  };
  const run = (runId: number) => s.runs.get(runId).run; // not-found for an unknown run
  return {
    'metrics.series': ({ runId }) => {
      run(runId);
      return metrics().series(runId);
    },
    'metrics.query': ({ runId, ...q }) => {
      run(runId);
      if (q.from !== undefined && q.to !== undefined && q.to < q.from) {
        throw new HostError('invalid-input', `Invalid window: "to" (${q.to}) is before "from" (${q.from}).`);
      }
      return metrics().query(runId, q);
    },
    'metrics.verdicts': ({ runId }) => {
      run(runId);
      return { verdicts: metrics().verdicts(runId), stats: metrics().stats(runId) };
    },
  };
}
