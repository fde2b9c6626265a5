/** The runner's side of metrics: breach events, abortOnFail cancel, final verdicts folded into the gate's verdict. */
import { describe, expect, it, vi } from 'vitest';
import type { ThresholdVerdict } from '../../../electron/core/metrics/threshold-eval';
import type { MetricsStats, MetricsWatchHooks } from '../../../electron/core/runs/ports';
import { formatMetricValue, linkRunMetrics, withThresholds } from '../../../electron/core/runs/run-metrics';
import type { RunnerDeps, RunnerEvent } from '../../../electron/core/runs/runner-deps';
import type { Gate } from '../../../electron/core/plan/types';

const v = (expr: string, ok: boolean, value: number | null, abort = false): ThresholdVerdict =>
  ({ metric: 'http_req_duration', key: 'http_req_duration', expr, ok, value, abort });
const stats: MetricsStats = { lines: 1, points: 1, series: 1, badLines: 0, badSamples: [], scrapes: 0, scrapeFailures: 0, lastTime: 1 };

function setup(finals: ThresholdVerdict[]) {
  let hooks: MetricsWatchHooks | null = null;
  const deps = {
    metrics: { start: (_r: unknown, _g: unknown, h: MetricsWatchHooks) => ((hooks = h), { finish: async () => ({ verdicts: finals, stats }) }) },
  } as unknown as RunnerDeps;
  const emitted: RunnerEvent[] = [];
  const recorded: [string, Record<string, unknown>][] = [];
  const cancel = vi.fn();
  const link = linkRunMetrics({
    deps,
    gate: { id: 'soak' } as Gate,
    active: { run: { id: 7 }, handle: null, abort: new AbortController() } as never,
    emit: (e) => emitted.push(e),
    record: (type, data) => recorded.push([type, data]),
    cancel,
  });
  return { link, hooks: () => hooks!, emitted, recorded, cancel };
}

describe('linkRunMetrics', () => {
  it('reports each new breach, and cancels once for abortOnFail with the reason', async () => {
    const s = setup([v('p(99) < 400', false, 512.3)]);
    const p95 = v('p(95) < 200', false, 250.04);
    const p99 = v('p(99) < 400', false, 512.3, true);
    s.hooks().onEvaluation({ verdicts: [p95, p99], newBreaches: [p95, p99], abort: true }, stats);
    s.hooks().onEvaluation({ verdicts: [p95, p99], newBreaches: [], abort: true }, stats);
    expect(s.cancel).toHaveBeenCalledTimes(1);
    const thresholdEvents = s.emitted.filter((e) => e.type === 'threshold');
    expect(thresholdEvents.map((e) => e.type === 'threshold' && [e.verdict.expr, e.abort])).toEqual([
      ['p(95) < 200', false],
      ['p(99) < 400', true],
    ]);
    expect(s.emitted.filter((e) => e.type === 'metrics')).toHaveLength(2);
    expect(s.recorded.map(([t]) => t)).toEqual(['threshold.breach', 'threshold.breach', 'threshold.abort']);
    const verdict = await s.link.finish({ status: 'cancelled', reason: 'cancelled' });
    expect(verdict).toEqual({ status: 'failed', reason: 'threshold p(99) < 400 on http_req_duration breached (value 512.3): aborted' });
  });

  it('fails a passed gate whose final thresholds failed, listing them', async () => {
    const s = setup([v('p(95) < 200', false, 250.04), v('avg < 100', true, 50)]);
    expect(await s.link.finish({ status: 'passed', reason: null })).toEqual({
      status: 'failed',
      reason: 'threshold failed: p(95) < 200 on http_req_duration (value 250)',
    });
    expect(s.recorded.at(-1)).toEqual(['thresholds.final', { failed: 1, total: 2, points: 1, badLines: 0 }]);
  });
});

describe('withThresholds and formatMetricValue', () => {
  it('keeps an operator cancel, appends to another failure', () => {
    expect(withThresholds({ status: 'cancelled', reason: 'cancelled' }, [v('a < 1', false, 2)], null).status).toBe('cancelled');
    expect(withThresholds({ status: 'failed', reason: 'the command exited with code 3' }, [v('a < 1', false, 2), v('b < 1', false, 3)], null))
      .toEqual({ status: 'failed', reason: 'the command exited with code 3; thresholds failed: a < 1 on http_req_duration (value 2); b < 1 on http_req_duration (value 3)' });
  });

  it('prints values readably', () => {
    expect([512.3, 512.34999, 0.0123456, 42, null, 41691832.81].map(formatMetricValue)).toEqual(['512.3', '512.3', '0.0123', '42', 'no data', '41691832.8']);
  });
});
