import { describe, expect, it } from 'vitest';
import { ThresholdEvaluator } from '../../../electron/core/metrics/threshold-eval';
import type { MetricPoint } from '../../../electron/core/metrics/types';
import { prng, th } from './helpers';

const T0 = Date.UTC(2024, 0, 1);
const MIN = 60_000;
const pt = (metric: string, ms: number, value: number): MetricPoint => ({ metric, tags: {}, time: T0 + ms, value });

/**
 * 60 minutes of latency, two requests per second, 90..110 ms. In the spike
 * minutes every fifth request takes 800 ms: that window's p95 is 800, but
 * over the whole hour 120 of 7200 requests (1.7%) do not move the p95.
 */
function latency(spikeFromMin: number, spikeToMin: number): MetricPoint[] {
  const rand = prng(3);
  const out: MetricPoint[] = [];
  for (let i = 0; i < 7200; i++) {
    const ms = i * 500;
    const spike = ms >= spikeFromMin * MIN && ms < spikeToMin * MIN && i % 5 === 0;
    out.push(pt('http_req_duration', ms, spike ? 800 : 90 + 20 * rand()));
  }
  return out;
}

function run(points: MetricPoint[], thresholds: ReturnType<typeof th>[], evalEveryMs = 10_000) {
  const ev = new ThresholdEvaluator(thresholds, { kinds: { http_req_duration: 'trend' } });
  const alerts: { expr: string; at: number }[] = [];
  let nextEval = T0;
  for (const p of points) {
    ev.add(p);
    if (p.time >= nextEval) {
      for (const b of ev.evaluate().newBreaches) alerts.push({ expr: b.expr, at: p.time });
      nextEval += evalEveryMs;
    }
  }
  const end = ev.final();
  for (const b of end.newBreaches) alerts.push({ expr: b.expr, at: Infinity });
  return { verdicts: end.verdicts, alerts };
}

describe('over 5m windows', () => {
  it('catch a 5-minute spike that the whole-run p95 hides; consecutive: 2 tolerates one window', () => {
    const { verdicts, alerts } = run(latency(30, 35), [
      th('http_req_duration', 'p(95) < 300'),
      th('http_req_duration', 'p(95) < 300 over 5m'),
      th('http_req_duration', 'p(95) < 300 over 5m', { consecutive: 2 }),
    ]);
    const [whole, windowed, tolerant] = verdicts;
    expect(whole.ok).toBe(true);
    expect(whole.value).toBeLessThan(120);
    expect(windowed).toMatchObject({ ok: false, value: 800, windowStart: T0 + 30 * MIN, breachedAt: T0 + 35 * MIN });
    expect(tolerant.ok).toBe(true);
    expect(tolerant.value).toBeLessThan(120); // the last window's p95
    expect(tolerant.windowStart).toBe(T0 + 55 * MIN);
    // One alert, raised live shortly after the window closed (1 s grace + 10 s cadence).
    expect(alerts).toHaveLength(1);
    expect(alerts[0].expr).toBe('p(95) < 300 over 5m');
    expect(alerts[0].at).toBeGreaterThan(T0 + 35 * MIN);
    expect(alerts[0].at).toBeLessThanOrEqual(T0 + 35 * MIN + 11_000);
  });

  it('consecutive: 2 fails when two windows in a row breach, at the second one', () => {
    const { verdicts } = run(latency(30, 40), [th('http_req_duration', 'p(95) < 300 over 5m', { consecutive: 2 })]);
    expect(verdicts[0]).toMatchObject({ ok: false, value: 800, windowStart: T0 + 35 * MIN, breachedAt: T0 + 40 * MIN });
  });

  it('counts the last, partial window only if it covers half a window', () => {
    const gauge = (lastMin: number) => {
      const ev = new ThresholdEvaluator([th('g', 'max < 100 over 5m')]);
      for (let s = 0; s <= lastMin * 60; s += 10) ev.add(pt('g', s * 1000, s === 11 * 60 ? 500 : 1));
      return ev.final().verdicts[0];
    };
    // Data to 12 min: the spike at 11 min is in [10, 15), which holds only 2 minutes.
    expect(gauge(12)).toMatchObject({ ok: true, value: 1, windowStart: T0 + 5 * MIN });
    // Data to 13 min: 3 of 5 minutes, enough to judge.
    expect(gauge(13)).toMatchObject({ ok: false, value: 500, windowStart: T0 + 10 * MIN, breachedAt: T0 + 13 * MIN });
  });
});

describe('empty windows', () => {
  // http_reqs: one request per second except minutes 5..8; vus keeps data time moving.
  function stall(thresholds: ReturnType<typeof th>[]) {
    const ev = new ThresholdEvaluator(thresholds, { kinds: { http_reqs: 'counter' } });
    for (let s = 0; s < 10 * 60; s++) {
      if (s < 5 * 60 || s >= 8 * 60) ev.add(pt('http_reqs', s * 1000, 1));
      ev.add(pt('vus', s * 1000, 10));
    }
    return ev.final().verdicts;
  }

  it("count as 0 for a counter's count: a stall breaks `count > 10 over 1m`", () => {
    const [v] = stall([th('http_reqs', 'count > 10 over 1m')]);
    expect(v).toMatchObject({ ok: false, value: 0, windowStart: T0 + 5 * MIN, breachedAt: T0 + 6 * MIN });
  });

  it('with consecutive, a run of empty windows is counted window by window', () => {
    const [three, four] = stall([
      th('http_reqs', 'count > 10 over 1m', { consecutive: 3 }),
      th('http_reqs', 'count > 10 over 1m', { consecutive: 4 }),
    ]);
    expect(three).toMatchObject({ ok: false, windowStart: T0 + 7 * MIN, breachedAt: T0 + 8 * MIN });
    expect(four.ok).toBe(true);
    expect(four.value).toBe(60);
  });

  it('a jump over empty windows and then a thin one make one streak', () => {
    const ev = new ThresholdEvaluator([th('http_reqs', 'count > 10 over 1m', { consecutive: 3 })], {
      kinds: { http_reqs: 'counter' },
    });
    for (let s = 0; s < 10 * 60; s++) {
      // No data at all in minutes 5 and 6 (closed together when data resumes),
      // 6 requests in minute 7, then full again.
      const thin = s >= 7 * 60 && s < 8 * 60 && s % 10 === 5;
      if (s < 5 * 60 || s >= 8 * 60 || thin) ev.add(pt('http_reqs', s * 1000, 1));
    }
    expect(ev.final().verdicts[0]).toMatchObject({ ok: false, value: 6, windowStart: T0 + 7 * MIN });
  });

  it('have no value for a trend, so they neither fail nor reset a streak', () => {
    const ev = new ThresholdEvaluator([th('d', 'max < 100 over 1m', { consecutive: 2 })]);
    ev.add(pt('d', 0, 500)); // window 0 breaches
    ev.add(pt('d', 3 * MIN + 1, 500)); // windows 1, 2 empty; window 3 breaches
    ev.add(pt('d', 5 * MIN, 1));
    expect(ev.final().verdicts[0]).toMatchObject({ ok: false, windowStart: T0 + 3 * MIN });
  });
});

describe('late points and windows', () => {
  it('a point late within the grace lands in its own window', () => {
    const ev = new ThresholdEvaluator([th('g', 'max < 100 over 1m')]);
    ev.add(pt('g', 0, 1));
    ev.add(pt('g', 60_500, 1));
    ev.add(pt('g', 59_800, 500)); // window [0, 60 s) is open until 61 s
    ev.add(pt('g', 120_000, 1));
    expect(ev.evaluate().verdicts[0]).toMatchObject({ ok: false, value: 500, windowStart: T0 });
  });

  it('a point for a closed window goes to the oldest open one', () => {
    const ev = new ThresholdEvaluator([th('g', 'max < 100 over 1m')]);
    ev.add(pt('g', 0, 1));
    ev.add(pt('g', 62_000, 1)); // closes [0, 60 s)
    ev.add(pt('g', 30_000, 500));
    ev.add(pt('g', 125_000, 1));
    expect(ev.evaluate().verdicts[0]).toMatchObject({ ok: false, value: 500, windowStart: T0 + MIN });
  });
});
