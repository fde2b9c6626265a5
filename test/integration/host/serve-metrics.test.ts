/** serve: live metrics over the WebSocket — throttled updates, a breach notice, series, chart queries, verdicts. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workspace } from '../../helpers/cli';
import { startServe, TestClient, type ServeProcess } from './serve-process';

const PLAN = `version: 1
release: metrics-host
candidate: rc-1
gates:
  - id: live
    title: Live metrics
    run: sh ./live.sh
    timeout: 1m
    thresholds:
      level: ["max < 20"]
`;

/** 40 points, 100 ms apart: the level passes 20 after about 2 s. */
const LIVE = `i=0
while [ $i -lt 40 ]; do
  printf '{"metric":"level","value":%s,"tags":{"service":"api"}}\\n' "$i" >> "$COCKPIT_METRICS"
  i=$((i+1))
  sleep 0.1
done
`;

describe('serve: metrics channels and events', () => {
  const ws = workspace('cockpit-host-metrics-');
  const plan = ws.write('plan/plan.yaml', PLAN);
  ws.write('plan/live.sh', LIVE);
  let srv: ServeProcess;
  let c: TestClient;
  let runId: number;
  const arrivals: number[] = [];

  beforeAll(async () => {
    srv = await startServe([plan, '--port', '0', '--db', ws.db]);
    c = await TestClient.open(`ws://127.0.0.1:${srv.port}/api?token=${srv.token}`, srv.origin);
    runId = (await c.ok('gate.run', { gateId: 'live' })).runId;
    let seen = 0;
    await c.until(() => {
      const updates = c.events.filter((e) => e.event === 'metrics.update' && e.payload.runId === runId);
      for (; seen < updates.length; seen++) arrivals.push(Date.now());
      return c.events.find((e) => e.event === 'run.updated' && e.payload.id === runId && e.payload.status !== 'running');
    }, 'the run to end', 30_000);
  });
  afterAll(async () => {
    c?.close();
    srv?.child.kill('SIGTERM');
    await srv?.exited;
    ws.cleanup();
  });

  it('sends metrics.update while points arrive, at most about once a second', () => {
    expect(arrivals.length).toBeGreaterThanOrEqual(2);
    for (let i = 1; i < arrivals.length; i++) expect(arrivals[i] - arrivals[i - 1]).toBeGreaterThanOrEqual(900);
    const last = c.events.filter((e) => e.event === 'metrics.update').at(-1)!.payload;
    expect(last).toMatchObject({ gateId: 'live', stats: { badLines: 0 } });
    expect(last.verdicts[0]).toMatchObject({ key: 'level', expr: 'max < 20' });
  });

  it('raises a notice when the threshold breaks, and the gate fails with it', () => {
    const notice = c.events.find((e) => e.event === 'notice' && /Threshold breached/.test(e.payload.title))?.payload;
    expect(notice).toMatchObject({ level: 'error', title: 'Threshold breached: Live metrics (live)', gateId: 'live' });
    expect(notice.body).toMatch(/^max < 20 on level \(value 2\d\)$/);
    const end = c.events.find((e) => e.event === 'run.updated' && e.payload.id === runId && e.payload.status !== 'running')!.payload;
    expect(end).toMatchObject({ status: 'failed', reason: 'threshold failed: max < 20 on level (value 39)' });
  });

  it('lists series, answers chart queries at a pixel width, and returns final verdicts', async () => {
    const series = await c.ok('metrics.series', { runId });
    expect(series).toEqual([expect.objectContaining({ metric: 'level', key: 'level{service="api"}', count: 40, min: 0, max: 39 })]);
    const q = await c.ok('metrics.query', { runId, series: [series[0].id], width: 10 });
    expect(q.series[0].resolution).toBe('raw');
    expect(q.series[0].v.length).toBeLessThanOrEqual(20);
    expect(Math.max(...q.series[0].v)).toBe(39);
    const v = await c.ok('metrics.verdicts', { runId });
    expect(v.verdicts).toEqual([expect.objectContaining({ key: 'level', ok: false, value: 39, final: true })]);
    expect(v.stats).toMatchObject({ points: 40, badLines: 0 });
  });

  it('rejects bad input and unknown runs with clear errors', async () => {
    expect((await c.call('metrics.query', { runId, width: 1 })).error?.code).toBe('invalid-input');
    expect((await c.call('metrics.query', { runId, width: 100, from: 10, to: 5 })).error?.code).toBe('invalid-input');
    expect((await c.call('metrics.series', { runId: 9999 })).error).toMatchObject({ code: 'not-found' });
  });
});
