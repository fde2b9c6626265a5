/** Shapes shared by the metrics pipeline: splitter -> parser -> ingest -> evaluator / store / export. */

/** k6's metric kinds. Undeclared metrics are treated as `gauge` (see kinds.ts). */
export type MetricKind = 'counter' | 'gauge' | 'rate' | 'trend';

export const METRIC_KINDS: readonly MetricKind[] = ['counter', 'gauge', 'rate', 'trend'];

export function isMetricKind(x: unknown): x is MetricKind {
  return typeof x === 'string' && (METRIC_KINDS as readonly string[]).includes(x);
}

/** One sample. `time` is epoch ms and may carry a sub-ms fraction (k6 writes nanoseconds). */
export type MetricPoint = {
  metric: string;
  tags: Record<string, string>;
  time: number;
  value: number;
};

/** What we know about a metric: its kind, and what its values measure (k6 `contains`). */
export interface MetricDeclaration {
  name: string;
  kind: MetricKind;
  /** k6: `default`, `time` (ms) or `data` (bytes). Prometheus sources keep their own type here. */
  contains?: string;
  /** Prometheus `# HELP` text. */
  help?: string;
}

/** A line rejected (or a point dropped), by 1-based line number. */
export interface LineError {
  lineNo: number;
  /** Stable category, used for the per-reason counters. */
  code: RejectCode;
  /** For people: what was wrong. */
  reason: string;
}

export type RejectCode =
  | 'invalid-json'
  | 'bad-shape'
  | 'bad-value'
  | 'bad-time'
  | 'unknown-type'
  | 'unknown-kind'
  | 'kind-conflict'
  | 'oversized'
  | 'out-of-order'
  | 'syntax';
