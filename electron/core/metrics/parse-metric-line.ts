/**
 * One line of a metrics file (JSON Lines) -> a declaration or a point.
 *
 * Accepted shapes:
 * - k6 `--out json`: `{"type":"Metric","metric":N,"data":{"type":KIND,"contains",..}}`
 *   and `{"type":"Point","metric":N,"data":{"time":RFC3339,"value":V,"tags":{..}}}`;
 * - short form: `{"metric":N,"value":V,"time"?:RFC3339|epochMs,"tags"?:{..},"type"?:KIND}`.
 *   Without `time` the caller stamps the point ("now"); without `type` the
 *   metric keeps its declared kind, or is a gauge.
 *
 * Out-of-order times are not a parse error: the ingest layer sees the series.
 */
import { isMetricKind, type MetricDeclaration, type MetricKind, type RejectCode } from './types';
import { parseTimeField } from './parse-time';

export type ParsedLine =
  | { kind: 'declaration'; declaration: MetricDeclaration }
  | {
      kind: 'point';
      metric: string;
      value: number;
      /** Epoch ms, or null when the line had no time. */
      time: number | null;
      tags: Record<string, string>;
      /** Kind given on a short-form line, if any. */
      metricKind?: MetricKind;
    };

export type ParseResult =
  | { ok: true; value: ParsedLine }
  | { ok: false; reason: string; code: RejectCode };

const MAX_NAME = 256;

function fail(code: RejectCode, reason: string): ParseResult {
  return { ok: false, code, reason };
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

export function parseMetricLine(text: string): ParseResult {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return fail('invalid-json', 'invalid JSON');
  }
  if (!isObject(doc)) return fail('bad-shape', 'a metric line must be a JSON object');
  const type = doc.type;
  if (type === 'Metric') return parseK6Metric(doc);
  if (type === 'Point') return parseK6Point(doc);
  if (type === undefined || isMetricKind(type)) return parseShortForm(doc, type);
  return fail(
    'unknown-type',
    `unknown type ${JSON.stringify(type)} (expected "Metric", "Point", or a kind: counter, gauge, rate, trend)`,
  );
}

function metricName(x: unknown): string | null {
  return typeof x === 'string' && x.length > 0 && x.length <= MAX_NAME ? x : null;
}

function parseK6Metric(doc: Record<string, unknown>): ParseResult {
  const data = doc.data;
  if (!isObject(data)) return fail('bad-shape', 'Metric line without a "data" object');
  const name = metricName(doc.metric ?? data.name);
  if (!name) return fail('bad-shape', 'Metric line without a metric name');
  if (!isMetricKind(data.type)) {
    return fail(
      'unknown-kind',
      `unknown data.type ${JSON.stringify(data.type)} (expected counter, gauge, rate or trend)`,
    );
  }
  const declaration: MetricDeclaration = { name, kind: data.type };
  if (typeof data.contains === 'string' && data.contains) declaration.contains = data.contains;
  return { ok: true, value: { kind: 'declaration', declaration } };
}

function parseK6Point(doc: Record<string, unknown>): ParseResult {
  const data = doc.data;
  if (!isObject(data)) return fail('bad-shape', 'Point line without a "data" object');
  const name = metricName(doc.metric);
  if (!name) return fail('bad-shape', 'Point line without a metric name');
  if (!('time' in data)) return fail('bad-time', 'Point line without data.time');
  return finishPoint(name, data.value, data.time, data.tags, undefined);
}

function parseShortForm(doc: Record<string, unknown>, kind: MetricKind | undefined): ParseResult {
  const name = metricName(doc.metric);
  if (!name) return fail('bad-shape', 'missing "metric" (a non-empty string)');
  return finishPoint(name, doc.value, doc.time, doc.tags, kind);
}

function finishPoint(
  metric: string,
  rawValue: unknown,
  rawTime: unknown,
  rawTags: unknown,
  metricKind: MetricKind | undefined,
): ParseResult {
  if (rawValue === undefined || rawValue === null) return fail('bad-value', 'missing value');
  if (typeof rawValue !== 'number') {
    return fail('bad-value', `value must be a number, got ${JSON.stringify(rawValue)}`);
  }
  // JSON has no NaN/Infinity literals, but 1e999 parses to Infinity.
  if (!Number.isFinite(rawValue)) return fail('bad-value', 'value is not finite');
  let time: number | null = null;
  if (rawTime !== undefined && rawTime !== null) {
    time = parseTimeField(rawTime);
    if (time === null) {
      return fail('bad-time', `bad time ${JSON.stringify(rawTime)} (expected RFC 3339 or epoch ms)`);
    }
  }
  const tags = normaliseTags(rawTags);
  if (typeof tags === 'string') return fail('bad-shape', tags);
  const value: ParsedLine = { kind: 'point', metric, value: rawValue, time, tags };
  if (metricKind) value.metricKind = metricKind;
  return { ok: true, value };
}

/** Tags as strings; numbers and booleans are stringified (`status: 200` -> `"200"`). */
function normaliseTags(raw: unknown): Record<string, string> | string {
  if (raw === undefined || raw === null) return {};
  if (!isObject(raw)) return 'tags must be an object';
  // The usual case, all values strings: the parsed object already is the answer.
  let plain = true;
  for (const k in raw) {
    if (typeof raw[k] !== 'string') {
      plain = false;
      break;
    }
  }
  if (plain) return raw as Record<string, string>;
  const entries: [string, string][] = [];
  for (const [k, v] of Object.entries(raw)) {
    if (v === null || v === undefined) continue;
    if (typeof v === 'string') entries.push([k, v]);
    else if (typeof v === 'number' || typeof v === 'boolean') entries.push([k, String(v)]);
    else return `tag ${JSON.stringify(k)} must be a string, number or boolean`;
  }
  // fromEntries defines own properties, so a "__proto__" tag stays a plain tag.
  return Object.fromEntries(entries);
}
