/** Units of a chart's values, and how to print them on axes, tooltips and verdicts. */

export type Unit = 'ms' | 'bytes' | 'ratio' | 'plain';

export function unitOf(metric: string, kind: string, contains?: string): Unit {
  if (kind === 'rate') return 'ratio';
  if (contains === 'time' || /duration|latency|_ms$|_time$/.test(metric)) return 'ms';
  if (contains === 'data' || /memory|bytes|rss|heap/.test(metric)) return 'bytes';
  return 'plain';
}

function trim(n: number, digits: number): string {
  return String(Number(n.toFixed(digits)));
}

export function formatValue(v: number | null | undefined, unit: Unit): string {
  if (v == null || !Number.isFinite(v)) return '—';
  switch (unit) {
    case 'ms':
      return Math.abs(v) >= 1000 ? `${trim(v / 1000, 2)} s` : `${trim(v, Math.abs(v) < 10 ? 1 : 0)} ms`;
    case 'bytes': {
      const abs = Math.abs(v);
      if (abs >= 1e9) return `${trim(v / 1e9, 2)} GB`;
      if (abs >= 1e6) return `${trim(v / 1e6, 1)} MB`;
      if (abs >= 1e3) return `${trim(v / 1e3, 1)} kB`;
      return `${trim(v, 0)} B`;
    }
    case 'ratio':
      return `${trim(v * 100, Math.abs(v) < 0.01 ? 2 : 1)}%`;
    default:
      return Math.abs(v) >= 1e6 ? v.toExponential(2) : trim(v, 2);
  }
}

const tickTime = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const tickTimeSec = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
const tickDay = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });

/** Axis tick for a window of `spanMs`. */
export function formatTick(t: number, spanMs: number): string {
  const d = new Date(t);
  if (spanMs > 36 * 3600_000) return tickDay.format(d);
  return spanMs < 15 * 60_000 ? tickTimeSec.format(d) : tickTime.format(d);
}

/** About `count` evenly spaced ticks inside the window, on round seconds/minutes/hours. */
export function timeTicks(w: { from: number; to: number }, count: number): number[] {
  const span = Math.max(1, w.to - w.from);
  const steps = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400].map((s) => s * 1000);
  const step = steps.find((s) => span / s <= count) ?? Math.ceil(span / count / 86_400_000) * 86_400_000;
  const out: number[] = [];
  for (let t = Math.ceil(w.from / step) * step; t <= w.to; t += step) out.push(t);
  return out;
}

/**
 * The number a threshold compares against, when it is in the metric's own
 * units (so it can be drawn as a horizontal line): `p(95) < 200` -> 200,
 * `rate < 0.005` -> 0.005. Counts and slopes are not drawable.
 */
export function thresholdLevel(expr: string, kind: string): number | null {
  const m = /^\s*(p\([\d.]+\)|avg|min|max|med|value|rate)\s*(<=|>=|===|==|!=|<|>)\s*(-?[\d.]+(?:e-?\d+)?)\s*(?:over\s+\S+)?\s*$/i.exec(expr);
  if (!m) return null;
  if (m[1] === 'rate' && kind !== 'rate') return null;
  const v = Number(m[3]);
  return Number.isFinite(v) ? v : null;
}
