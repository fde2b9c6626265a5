/**
 * The metric shapes the API contract carries to the renderer: threshold
 * verdicts, ingest counters and chart query results. Types only, with no
 * runtime imports and no Node types, so the renderer can type-check against
 * them; the modules that compute them re-export them under their old names.
 */
import type { LineError, MetricKind } from './types';

export interface ThresholdVerdict {
  metric: string;
  key: string;
  expr: string;
  ok: boolean;
  /** Null when there is no data yet (the threshold then passes, as in k6). */
  value: number | null;
  /** When the breach was detected (data time, epoch ms). */
  breachedAt?: number;
  /** For `over` thresholds: start of the window shown in `value`. */
  windowStart?: number;
  /** The host should stop the run: abortOnFail, breached, and delayAbortEval has passed. */
  abort: boolean;
}

/** A stored threshold verdict: the live one while running, the final one after. */
export interface StoredVerdict extends Omit<ThresholdVerdict, 'abort'> {
  abort: boolean;
  final: boolean;
}

/** Counters of a run's metrics ingestion, as stored and shown in status. */
export interface MetricsStats {
  /** Non-blank lines read from the metrics file (and samples scraped). */
  lines: number;
  points: number;
  series: number;
  badLines: number;
  /** The first bad lines, by line number (capped), with the reason. */
  badSamples: LineError[];
  scrapes: number;
  scrapeFailures: number;
  /** Data time of the latest point, or null before the first. */
  lastTime: number | null;
}

export type Resolution = 'raw' | '1m' | '1h';
export type ChartMode = 'minmax' | 'avg';

/** What a chart asks for and gets back; shared with the renderer through the API contract. */
export interface MetricSeriesInfo {
  id: number;
  metric: string;
  tags: Record<string, string>;
  key: string;
  kind: MetricKind;
  count: number;
  firstTs: number | null;
  lastTs: number | null;
  min: number | null;
  max: number | null;
}

export interface ChartSeries {
  id: number;
  key: string;
  metric: string;
  tags: Record<string, string>;
  kind: MetricKind;
  resolution: Resolution;
  mode: ChartMode;
  /** Times (epoch ms) and values, same length, ascending times. */
  t: number[];
  v: number[];
}

export interface ChartQueryResult {
  from: number | null;
  to: number | null;
  width: number;
  series: ChartSeries[];
}
