/**
 * The metrics core, pure and I/O-free. The host wires it up:
 *
 *   tailer bytes -> createLineSplitter().push(chunk)
 *                -> MetricIngest.push(split, now)  (or .pushPrometheus(body, scrapeTime))
 *                -> points: store (seriesKey) + ThresholdEvaluator.add(point)
 *                   declarations: ThresholdEvaluator.declare(name, kind)
 *                   errors: report by line number
 *   every ~1 s   -> ThresholdEvaluator.evaluate() -> verdicts, newBreaches (alerts), abort
 *   run end      -> ThresholdEvaluator.final() -> thresholdsJson(verdicts), metricsToCsv(points)
 *   chart query  -> downsampleForWidth(ts, vs, pixelWidth)
 */
export * from './types';
export { createLineSplitter, type LineSplitter, type SplitLine, type SplitResult, type OversizedLine } from './line-splitter';
export { parseMetricLine, type ParsedLine, type ParseResult } from './parse-metric-line';
export { parsePrometheusText, type PrometheusParse } from './prometheus-text';
export { parseRfc3339, parseTimeField, formatRfc3339 } from './parse-time';
export { MetricIngest, type IngestBatch, type IngestCounters, type IngestOptions } from './ingest';
export { seriesKey, tagsMatch, sortedTagEntries } from './series-key';
export { AggState, aggregate, compare } from './aggregators';
export { SampleStore } from './samples';
export {
  ThresholdEvaluator,
  type ThresholdEvaluation,
  type ThresholdVerdict,
  type EvaluatorOptions,
} from './threshold-eval';
export { lttb, minMaxBuckets, minMaxLttb, downsampleForWidth, type Series, type TimedValue } from './downsample';
export { metricsToCsv, metricsCsvLines, metricCsvRow, formatTags, parseTags, thresholdsJson, METRICS_CSV_HEADER } from './export-csv';
