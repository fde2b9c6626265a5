/** Metrics shapes as the renderer gets them, derived from the API contract (never from the core). */
import type { EventPayloads, RequestInput, RequestResults } from '../../electron/contract/contract';

export type SeriesInfo = RequestResults['metrics.series'][number];
export type ChartQueryResult = RequestResults['metrics.query'];
export type ChartSeries = ChartQueryResult['series'][number];
export type ChartMode = NonNullable<RequestInput<'metrics.query'>['mode']>;
export type Verdicts = RequestResults['metrics.verdicts'];
export type StoredVerdict = Verdicts['verdicts'][number];
export type MetricsStats = NonNullable<Verdicts['stats']>;
export type MetricsUpdate = EventPayloads['metrics.update'];

/** A point as recharts gets it. */
export interface XY {
  t: number;
  v: number;
}

/** A time window, epoch ms. */
export interface TimeWindow {
  from: number;
  to: number;
}
