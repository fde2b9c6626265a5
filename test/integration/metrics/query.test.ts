/** Chart queries over 48 hours of stored points: at most 2 points per pixel, spikes kept; and the export. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MetricPoint } from '../../../electron/core/metrics/types';
import { metricsFixture, type MetricsFixture } from './helpers';

const T0 = Date.UTC(2025, 2, 1);
const SECONDS = 48 * 3600;
const SPIKE_AT = T0 + 30_123_000;
const DIP_AT = T0 + 100_777_000;

let fx: MetricsFixture;

beforeAll(() => {
  fx = metricsFixture();
  const w = fx.metrics.writer(fx.run.id);
  let batch: MetricPoint[] = [];
  for (let s = 0; s < SECONDS; s++) {
    const time = T0 + s * 1000;
    const value = time === SPIKE_AT ? 9999 : time === DIP_AT ? -50 : 100 + ((s * 7919) % 13);
    batch.push({ metric: 'latency', tags: { service: 'api' }, time, value });
    // An error-rate metric split by status, as k6 writes it: 1 in 20 requests fails.
    const failed = s % 20 === 0;
    batch.push({ metric: 'failed', tags: { status: failed ? '500' : '200' }, time, value: failed ? 1 : 0 });
    if (batch.length >= 20_000) {
      w.write(batch, (m) => (m === 'failed' ? 'rate' : 'trend'));
      batch = [];
    }
  }
  w.write(batch, (m) => (m === 'failed' ? 'rate' : 'trend'));
});
afterAll(() => fx.close());

const latency = () => fx.metrics.series(fx.run.id).find((s) => s.metric === 'latency')!;

describe('metrics.query', () => {
  it('lists series with counts and time ranges', () => {
    const s = latency();
    expect(s).toMatchObject({ count: SECONDS, firstTs: T0, lastTs: T0 + (SECONDS - 1) * 1000, min: -50, max: 9999, kind: 'trend' });
  });

  it('returns at most 2 x width points for 48 hours, from rollups, with the spike and the dip', () => {
    for (const width of [1500, 400, 37]) {
      const r = fx.metrics.query(fx.run.id, { series: [latency().id], width });
      const s = r.series[0];
      expect(s.resolution).toBe(width === 37 ? '1h' : '1m');
      expect(s.t.length).toBeLessThanOrEqual(2 * width);
      expect(Math.max(...s.v)).toBe(9999);
      expect(Math.min(...s.v)).toBe(-50);
      expect(s.t.every((t, i) => i === 0 || t >= s.t[i - 1])).toBe(true);
    }
  });

  it('reads raw points for a small window and keeps the spike at its exact time', () => {
    const r = fx.metrics.query(fx.run.id, { series: [latency().key], from: SPIKE_AT - 600_000, to: SPIKE_AT + 600_000, width: 300 });
    const s = r.series[0];
    expect(s.resolution).toBe('raw');
    expect(s.t.length).toBeLessThanOrEqual(600);
    expect(s.t[s.v.indexOf(9999)]).toBe(SPIKE_AT);
    expect(s.t[0]).toBeGreaterThanOrEqual(SPIKE_AT - 600_000);
    expect(s.t[s.t.length - 1]).toBeLessThanOrEqual(SPIKE_AT + 600_000);
  });

  it('averages a rate per pixel, merging its series', () => {
    const ids = fx.metrics.series(fx.run.id).filter((s) => s.metric === 'failed').map((s) => s.id);
    expect(ids).toHaveLength(2);
    const r = fx.metrics.query(fx.run.id, { series: ids, width: 200, merge: true });
    expect(r.series).toHaveLength(1);
    const s = r.series[0];
    expect(s).toMatchObject({ key: 'failed', mode: 'avg' });
    expect(s.v.length).toBeLessThanOrEqual(200);
    for (const v of s.v) expect(v).toBeCloseTo(0.05, 2);
  });

  it('answers an empty window with empty series', () => {
    const r = fx.metrics.query(fx.run.id, { series: [latency().id], from: T0 - 7_200_000, to: T0 - 3_600_000, width: 100 });
    expect(r.series[0].t).toEqual([]);
  });
});

describe('exportRunMetrics', () => {
  it('writes every point to metrics.csv and the verdicts to thresholds.json', async () => {
    fx.metrics.saveVerdicts(fx.run.id, [{ metric: 'latency', key: 'latency', expr: 'max < 500', ok: false, value: 9999, breachedAt: SPIKE_AT, abort: false }], true);
    const out = path.join(fx.dir, 'bundle', 'gates', 'g');
    const r = await fx.metrics.exportRunMetrics(fx.run.id, out);
    expect(r.points).toBe(2 * SECONDS);
    const csv = fs.readFileSync(r.csv, 'utf8').split('\n');
    expect(csv[0]).toBe('time,metric,tags,value');
    expect(csv).toHaveLength(2 * SECONDS + 2); // header + rows + final newline
    expect(csv).toContain(`${new Date(SPIKE_AT).toISOString()},latency,service=api,9999`);
    const th = JSON.parse(fs.readFileSync(r.thresholds, 'utf8'));
    expect(th).toMatchObject({ ok: false, thresholds: [{ metric: 'latency', expr: 'max < 500', ok: false, value: 9999 }] });
  });
});
