/** What the API needs from the metrics store (SqliteMetricsStore in the app): series, chart windows, verdicts. */
import type { MetricsReader } from '../runs/ports';
import type { ChartMode, ChartQueryResult, MetricSeriesInfo } from './chart-query';

export interface MetricsQueries extends MetricsReader {
  series(runId: number): MetricSeriesInfo[];
  query(
    runId: number,
    q: { series?: (number | string)[]; from?: number; to?: number; width: number; mode?: ChartMode; merge?: boolean },
  ): ChartQueryResult;
}
