/**
 * Which charts a soak shows: one per metric group, several lines per chart.
 *
 * - rates (http_req_failed): the error rate, one line per service, all other
 *   tags (status, url...) merged, since a rate over one status is 0 or 1;
 * - trends (http_req_duration): latency, one line per service, merged the same way;
 * - memory gauges: one line per series (per service), all on one chart;
 * - other gauges: one chart per metric. Counters are not charted (their
 *   points are increments; the verdicts still show their thresholds).
 */
import type { SeriesInfo } from './types';
import { unitOf, type Unit } from './units';

export interface ChartLine {
  id: string;
  label: string;
  series: number[];
  merge: boolean;
}

export interface ChartGroup {
  id: string;
  title: string;
  metric: string;
  kind: string;
  unit: Unit;
  mode: 'minmax' | 'avg';
  lines: ChartLine[];
}

const SPLIT_TAGS = ['service', 'instance', 'job', 'host', 'pod'];

function splitTag(series: SeriesInfo[]): string | null {
  return SPLIT_TAGS.find((t) => new Set(series.map((s) => s.tags[t])).size > 1 || series.every((s) => t in s.tags)) ?? null;
}

function byTag(series: SeriesInfo[], merge: boolean): ChartLine[] {
  const tag = splitTag(series);
  const buckets = new Map<string, SeriesInfo[]>();
  for (const s of series) {
    const k = tag ? (s.tags[tag] ?? '(none)') : s.metric;
    buckets.set(k, [...(buckets.get(k) ?? []), s]);
  }
  return [...buckets].map(([k, list]) => ({
    id: `${list[0].metric}:${k}`,
    label: tag ? `${tag}=${k}` : k,
    series: list.map((s) => s.id),
    merge: merge || list.length > 1,
  }));
}

/** Tags that differ between a metric's series, as a short label. */
function distinctLabel(s: SeriesInfo, all: SeriesInfo[]): string {
  const keys = Object.keys(s.tags).filter((k) => new Set(all.map((o) => o.tags[k])).size > 1);
  return keys.length ? keys.map((k) => `${k}=${s.tags[k]}`).join(', ') : s.metric;
}

const TITLES: Record<string, string> = { rate: 'Error rate', trend: 'Latency', memory: 'Memory per service' };

export function chartGroups(all: SeriesInfo[]): ChartGroup[] {
  const byMetric = new Map<string, SeriesInfo[]>();
  for (const s of all) byMetric.set(s.metric, [...(byMetric.get(s.metric) ?? []), s]);
  const groups: ChartGroup[] = [];
  for (const [metric, series] of byMetric) {
    const kind = series[0].kind;
    if (kind === 'counter') continue;
    const unit = unitOf(metric, kind);
    const memory = kind === 'gauge' && unit === 'bytes';
    const family = kind === 'rate' || kind === 'trend' ? kind : memory ? 'memory' : 'gauge';
    const lines = family === 'rate' || family === 'trend'
      ? byTag(series, true)
      : series.map((s) => ({ id: `${metric}:${s.id}`, label: distinctLabel(s, series), series: [s.id], merge: false }));
    groups.push({
      id: metric,
      title: TITLES[family] ?? metric,
      metric,
      kind,
      unit,
      mode: kind === 'rate' ? 'avg' : 'minmax',
      lines,
    });
  }
  const order = (g: ChartGroup) => ({ rate: 0, trend: 1, gauge: g.unit === 'bytes' ? 2 : 3 })[g.kind] ?? 4;
  return groups.sort((a, b) => order(a) - order(b) || a.metric.localeCompare(b.metric));
}
