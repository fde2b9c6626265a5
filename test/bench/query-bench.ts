/**
 * Query: a 48-hour window of 10 series (1 Hz, 1,728,000 points) at 1,500 px,
 * as the Soak page asks for it (one `metrics.query` for all ten), 50 times;
 * p95 and median wall time. The store is filled through the run writer, so
 * the rollups are the ones a live run maintains.
 */
import type { MetricPoint } from '../../electron/core/metrics/types';
import { SERVICES, SOAK_T0, soakValue } from './soak-values';
import { benchStore, percentile } from './metrics-bench-setup';
import type { BenchResult } from './types';

const SECONDS = 48 * 3600;
const RUNS = 50;
const WIDTH = 1500;

/** Stores 48 h of the 10 soak series for `b`'s run, as a live run's writer would. */
export function fillSoak(b: ReturnType<typeof benchStore>): number {
  const w = b.metrics.writer(b.run.id);
  const kinds: Record<string, 'trend' | 'rate' | 'gauge'> = { http_req_duration: 'trend', http_req_failed: 'rate' };
  let batch: MetricPoint[] = [];
  let n = 0;
  for (let s = 0; s < SECONDS; s++) {
    const time = SOAK_T0 + s * 1000;
    SERVICES.forEach((service, i) => {
      for (const metric of ['http_req_duration', 'http_req_failed', 'process_resident_memory_bytes']) {
        batch.push({ metric, tags: { service }, time, value: soakValue(metric, i, s) });
      }
    });
    batch.push({ metric: 'vus', tags: {}, time, value: soakValue('vus', 0, s) });
    if (batch.length >= 20_000) {
      w.write(batch, (m) => kinds[m] ?? 'gauge');
      n += batch.length;
      batch = [];
    }
  }
  w.write(batch, (m) => kinds[m] ?? 'gauge');
  return n + batch.length;
}

export async function benchQuery(): Promise<BenchResult> {
  const b = benchStore('query');
  try {
    const points = fillSoak(b);
    const ids = b.metrics.series(b.run.id).map((s) => s.id);
    if (ids.length !== 10) throw new Error(`expected 10 series, got ${ids.length}`);
    const times: number[] = [];
    let drawn = 0;
    for (let i = 0; i < RUNS + 3; i++) {
      const t0 = performance.now();
      const r = b.metrics.query(b.run.id, { series: ids, width: WIDTH });
      const ms = performance.now() - t0;
      if (i >= 3) times.push(ms); // three warm-up runs: statement preparation, page cache
      drawn = r.series.reduce((a, s) => a + s.t.length, 0);
    }
    const p95 = percentile(times, 0.95);
    return {
      name: 'query',
      figures: [
        { label: `48 h × 10 series at ${WIDTH} px, p95 of ${RUNS}`, value: p95, unit: 'ms', target: '≤ 30', ok: p95 <= 30 },
        { label: 'median', value: percentile(times, 0.5), unit: 'ms' },
        { label: 'points returned (all 10 series)', value: drawn, unit: 'points', target: `≤ ${2 * WIDTH * 10}`, ok: drawn <= 2 * WIDTH * 10 },
      ],
      notes: [
        `${points.toLocaleString('en')} points stored; each series is read from its per-minute rollup (2,880 rows) and reduced to min/max per pixel column.`,
      ],
    };
  } finally {
    b.dispose();
  }
}
