/** Metrics events to clients: a notice per breach, `metrics.update` at most once per run per second. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MetricsStats } from '../../../electron/core/runs/ports';
import { MetricsRelay } from '../../../electron/host/metrics/metrics-relay';

const stats = (points: number): MetricsStats => ({ lines: points, points, series: 1, badLines: 0, badSamples: [], scrapes: 0, scrapeFailures: 0, lastTime: points });

describe('MetricsRelay', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('sends the first update at once, then at most one per second per run, the latest winning', () => {
    const updates: { runId: number; points: number }[] = [];
    const relay = new MetricsRelay({
      notify: () => {},
      update: (u) => updates.push({ runId: u.runId, points: u.stats.points }),
      titleOf: (id) => id,
      now: () => Date.now(),
    });
    const send = (runId: number, points: number) =>
      relay.handle({ type: 'metrics', runId, gateId: 'soak', verdicts: [], stats: stats(points) });
    send(1, 1);
    send(1, 2);
    send(1, 3);
    send(2, 10);
    expect(updates).toEqual([{ runId: 1, points: 1 }, { runId: 2, points: 10 }]);
    vi.advanceTimersByTime(999);
    expect(updates).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(updates.at(-1)).toEqual({ runId: 1, points: 3 });
    send(1, 4);
    expect(updates).toHaveLength(3);
    vi.advanceTimersByTime(1000);
    expect(updates.at(-1)).toEqual({ runId: 1, points: 4 });
    relay.close();
  });

  it('turns a breach into an error notice naming the gate, the threshold and the value', () => {
    const notices: unknown[] = [];
    const relay = new MetricsRelay({ notify: (n) => notices.push(n), update: () => {}, titleOf: () => 'Soak' });
    const verdict = { metric: 'http_req_duration', key: 'http_req_duration', expr: 'p(99) < 400', ok: false, value: 512.3, abort: true };
    expect(relay.handle({ type: 'threshold', runId: 1, gateId: 'soak', verdict, abort: true })).toBe(true);
    expect(relay.handle({ type: 'run', run: {} as never })).toBe(false);
    expect(notices).toEqual([
      { level: 'error', title: 'Threshold breached: Soak (soak)', body: 'p(99) < 400 on http_req_duration (value 512.3): aborting the run', gateId: 'soak' },
    ]);
  });
});
