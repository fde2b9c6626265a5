/** The k6 fixture through the real tailer into SQLite: points, series, rollups, verdicts and status. */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { seriesKey } from '../../../electron/core/metrics/series-key';
import { planStatus } from '../../../electron/core/runs/plan-status';
import { RunMetrics } from '../../../native/metrics/run-metrics';
import { metricsFixture, recordingHooks, type MetricsFixture } from './helpers';

const FIXTURE = fileURLToPath(new URL('../../fixtures/k6/http-basic.jsonl', import.meta.url));
const GATE = `    run: "true"
    thresholds:
      http_req_duration: ["p(95) < 1000", "avg < 500"]
      http_req_failed: ["rate < 0.1"]
      http_req_duration{status:200}: ["max <= 500"]
`;

let fx: MetricsFixture;
afterEach(() => fx?.close());

describe('k6 fixture -> tailer -> SQLite', () => {
  it('stores every point once, keeps rollups in step and stores the final verdicts', async () => {
    fx = metricsFixture(GATE);
    const { hooks, events } = recordingHooks();
    const watch = new RunMetrics(fx.metrics, fx.run, fx.gate, hooks, { pollMs: 20 }).start();
    fs.writeFileSync(fx.run.metricsPath, fs.readFileSync(FIXTURE));
    const done = await watch.finish();

    const lines = fs.readFileSync(FIXTURE, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    const points = lines.filter((l) => l.type === 'Point');
    const keys = new Set(points.map((p) => seriesKey(p.metric, p.data.tags ?? {})));
    expect(done.stats).toMatchObject({ points: points.length, badLines: 0, series: keys.size });
    expect(events.filter((e) => e.type.startsWith('metrics.'))).toEqual([]);

    const db = fx.store.db;
    expect(db.prepare('SELECT count(*) FROM metric_points').pluck().get()).toBe(points.length);
    const stored = fx.metrics.series(fx.run.id);
    expect(new Set(stored.map((s) => s.key))).toEqual(keys);
    expect(stored.find((s) => s.metric === 'http_req_duration')?.kind).toBe('trend');
    expect(stored.find((s) => s.metric === 'vus')?.kind).toBe('gauge');

    // Rollups: per metric, the sum and count over all buckets match the raw points, at both levels.
    for (const table of ['metric_rollup_1m', 'metric_rollup_1h']) {
      const rows = db
        .prepare(`SELECT s.metric, sum(r.sum) AS sum, sum(r.count) AS count, max(r.max) AS max FROM ${table} r
                  JOIN metric_series s ON s.id = r.series_id GROUP BY s.metric ORDER BY s.metric`)
        .all() as { metric: string; sum: number; count: number; max: number }[];
      const dur = rows.find((r) => r.metric === 'http_req_duration')!;
      expect(dur).toMatchObject({ sum: 2700, count: 6, max: 1200 });
      expect(rows.find((r) => r.metric === 'http_reqs')).toMatchObject({ sum: 6, count: 6 });
    }

    const verdicts = fx.metrics.verdicts(fx.run.id);
    expect(verdicts.map((v) => [v.key, v.expr, v.ok, v.value, v.final])).toEqual([
      ['http_req_duration', 'p(95) < 1000', false, 1025, true],
      ['http_req_duration', 'avg < 500', true, 450, true],
      ['http_req_failed', 'rate < 0.1', false, 1 / 6, true],
      ['http_req_duration{status:200}', 'max <= 500', true, 500, true],
    ]);
    expect(verdicts[0].breachedAt).toBe(Date.UTC(2024, 4, 9, 12, 34, 51));
  });

  it('fills status thresholds from the stored verdicts', async () => {
    fx = metricsFixture(GATE);
    const watch = new RunMetrics(fx.metrics, fx.run, fx.gate, recordingHooks().hooks, { pollMs: 20 }).start();
    fs.copyFileSync(FIXTURE, fx.run.metricsPath);
    await watch.finish();
    fx.store.updateRun(fx.run.id, { status: 'failed', endedAt: Date.now() });
    const gate = planStatus(fx.plan, fx.store, undefined, fx.metrics).gates[0];
    expect(gate.thresholds.map(({ metric, expr, ok, value }) => ({ metric, expr, ok, value }))).toEqual([
      { metric: 'http_req_duration', expr: 'p(95) < 1000', ok: false, value: 1025 },
      { metric: 'http_req_duration', expr: 'avg < 500', ok: true, value: 450 },
      { metric: 'http_req_failed', expr: 'rate < 0.1', ok: false, value: 1 / 6 },
      { metric: 'http_req_duration{status:200}', expr: 'max <= 500', ok: true, value: 500 },
    ]);
    expect(gate.metrics).toMatchObject({ points: 22, badLines: 0 });
  });
});
