/**
 * Bundle exports: `gates/<id>/metrics.csv` and `thresholds.json`.
 *
 * CSV (RFC 4180 quoting, `\n` line ends): `time,metric,tags,value`, times in
 * RFC 3339 UTC with ms, tags sorted by key as `k=v;k=v`. In tags, `\`, `;`
 * and `=` inside a key, and `\` and `;` inside a value, are escaped with a
 * backslash, so the column splits back unambiguously (URLs keep their `=`).
 */
import { formatRfc3339 } from './parse-time';
import { sortedTagEntries } from './series-key';
import type { ThresholdVerdict } from './threshold-state';
import type { MetricPoint } from './types';

export const METRICS_CSV_HEADER = 'time,metric,tags,value';

export function csvField(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function formatTags(tags: Record<string, string>): string {
  return sortedTagEntries(tags)
    .map(([k, v]) => `${k.replace(/[\\;=]/g, '\\$&')}=${v.replace(/[\\;]/g, '\\$&')}`)
    .join(';');
}

/** Inverse of `formatTags`. */
export function parseTags(s: string): Record<string, string> {
  const out: [string, string][] = [];
  if (s === '') return {};
  let key = '';
  let cur = '';
  let inValue = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '\\' && i + 1 < s.length) cur += s[++i];
    else if (c === '=' && !inValue) {
      key = cur;
      cur = '';
      inValue = true;
    } else if (c === ';') {
      out.push([key, cur]);
      key = '';
      cur = '';
      inValue = false;
    } else cur += c;
  }
  out.push([key, cur]);
  return Object.fromEntries(out);
}

export function metricCsvRow(p: MetricPoint): string {
  return [formatRfc3339(p.time), csvField(p.metric), csvField(formatTags(p.tags)), String(p.value)].join(',');
}

/** Lines (each ending in `\n`), header first: for streaming a large export to a file. */
export function* metricsCsvLines(rows: Iterable<MetricPoint>): Generator<string> {
  yield `${METRICS_CSV_HEADER}\n`;
  for (const p of rows) yield `${metricCsvRow(p)}\n`;
}

export function metricsToCsv(rows: Iterable<MetricPoint>): string {
  let out = '';
  for (const line of metricsCsvLines(rows)) out += line;
  return out;
}

/**
 * `thresholds.json`: overall `ok` and each verdict with fields in a fixed
 * order (stable bytes for hashing), times as RFC 3339.
 */
export function thresholdsJson(verdicts: ThresholdVerdict[]): string {
  const doc = {
    ok: verdicts.every((v) => v.ok),
    thresholds: verdicts.map((v) => ({
      metric: v.metric,
      key: v.key,
      expr: v.expr,
      ok: v.ok,
      value: v.value,
      breachedAt: v.breachedAt === undefined ? null : formatRfc3339(v.breachedAt),
      windowStart: v.windowStart === undefined ? null : formatRfc3339(v.windowStart),
      abort: v.abort,
    })),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
