import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MetricIngest } from '../../../electron/core/metrics/ingest';
import { createLineSplitter } from '../../../electron/core/metrics/line-splitter';
import { ThresholdEvaluator } from '../../../electron/core/metrics/threshold-eval';
import type { MetricPoint } from '../../../electron/core/metrics/types';
import { prng, th } from './helpers';

const T0 = Date.UTC(2024, 0, 1);
const pt = (metric: string, sec: number, value: number, tags: Record<string, string> = {}): MetricPoint => ({
  metric,
  tags,
  time: T0 + sec * 1000,
  value,
});

describe('ThresholdEvaluator on the k6 fixture', () => {
  it('computes each threshold with kinds from the declarations and tag filters', () => {
    const thresholds = [
      th('http_reqs', 'count == 6'),
      th('http_reqs', 'rate >= 1'), // 6 requests / 6 s since the first point
      th('http_reqs{method:POST}', 'count == 2'),
      th('http_req_duration', 'p(95) < 1000'), // sorted 100..500,1200: pos 4.75 -> 500 + 0.75 * 700 = 1025
      th('http_req_duration', 'avg < 500'), // 2700 / 6 = 450
      th('http_req_duration', 'med < 400'), // pos 2.5 -> 350
      th('http_req_duration{status:200}', 'max <= 500'),
      th('http_req_duration{status:200}', 'p(95) < 500'), // pos 3.8 -> 400 + 0.8 * 100 = 480
      th('http_req_failed', 'rate < 0.1'), // 1 of 6
      th('vus', 'value == 0'),
      th('vus', 'max <= 2'),
    ];
    const ev = new ThresholdEvaluator(thresholds);
    const ingest = new MetricIngest();
    const split = createLineSplitter();
    const file = readFileSync(fileURLToPath(new URL('../../fixtures/k6/http-basic.jsonl', import.meta.url)));
    for (const part of [split.push(file), split.end()]) {
      const b = ingest.push(part, Date.now());
      for (const d of b.declarations) ev.declare(d.name, d.kind);
      for (const p of b.points) ev.add(p);
    }
    const r = ev.final();
    const got = r.verdicts.map((v) => [v.key, v.expr, v.ok, v.value]);
    expect(got).toEqual([
      ['http_reqs', 'count == 6', true, 6],
      ['http_reqs', 'rate >= 1', true, 1],
      ['http_reqs{method:POST}', 'count == 2', true, 2],
      ['http_req_duration', 'p(95) < 1000', false, 1025],
      ['http_req_duration', 'avg < 500', true, 450],
      ['http_req_duration', 'med < 400', true, 350],
      ['http_req_duration{status:200}', 'max <= 500', true, 500],
      ['http_req_duration{status:200}', 'p(95) < 500', true, 480],
      ['http_req_failed', 'rate < 0.1', false, 1 / 6],
      ['vus', 'value == 0', true, 0],
      ['vus', 'max <= 2', true, 2],
    ]);
    expect(r.verdicts[3].breachedAt).toBe(Date.UTC(2024, 4, 9, 12, 34, 51));
  });
});

describe('slope: a slow leak under loud noise', () => {
  // 6 h sampled every 10 s; ±5 MB uniform noise is 10x the leak of a 30-minute stretch.
  function rss(leakPerHour: number, seed: number): MetricPoint[] {
    const rand = prng(seed);
    const out: MetricPoint[] = [];
    for (let s = 0; s <= 6 * 3600; s += 10) {
      const noise = (rand() * 2 - 1) * 5e6;
      out.push(pt('rss', s, 300e6 + (leakPerHour * s) / 3600 + noise));
    }
    return out;
  }

  function finalSlope(points: MetricPoint[]) {
    const ev = new ThresholdEvaluator([th('rss', 'slope < 0.5MB/h')]);
    for (const p of points) ev.add(p);
    return ev.final().verdicts[0];
  }

  it('catches 1 MB/h', () => {
    const v = finalSlope(rss(1e6, 11));
    expect(v.ok).toBe(false);
    expect(Math.abs(v.value! - 1e6)).toBeLessThan(1.5e5);
  });

  it('passes a flat series with the same noise', () => {
    const v = finalSlope(rss(0, 12));
    expect(v.ok).toBe(true);
    expect(Math.abs(v.value!)).toBeLessThan(1.5e5);
  });

  it('is not what a start/end comparison sees', () => {
    // With this noise, last - first over the first 30 minutes swings by several MB either way.
    const leak = rss(1e6, 11);
    const diffs = [0, 1, 2, 3, 4, 5].map((h) => leak[h * 360 + 180].value - leak[h * 360].value);
    expect(Math.max(...diffs.map(Math.abs))).toBeGreaterThan(2e6);
  });
});

describe('abortOnFail and delayAbortEval', () => {
  it('asks to abort only after the delay (in data time) and never at final()', () => {
    const ev = new ThresholdEvaluator([
      th('mem', 'value < 100', { abortOnFail: true, delayAbortEvalMs: 60_000 }),
      th('mem', 'max < 100'),
    ]);
    const step = (sec: number, v: number) => {
      ev.add(pt('mem', sec, v));
      return ev.evaluate();
    };
    expect(step(0, 50)).toMatchObject({ abort: false, newBreaches: [] });
    const breach = step(10, 150);
    expect(breach.abort).toBe(false);
    expect(breach.verdicts.map((v) => [v.ok, v.abort])).toEqual([
      [false, false],
      [false, false],
    ]);
    expect(breach.newBreaches.map((v) => v.expr)).toEqual(['value < 100', 'max < 100']);
    expect(breach.verdicts[0].breachedAt).toBe(T0 + 10_000);
    expect(step(59, 160).abort).toBe(false);
    const late = step(60, 170);
    expect(late.abort).toBe(true);
    expect(late.verdicts.map((v) => v.abort)).toEqual([true, false]);
    expect(late.newBreaches).toEqual([]);
    const end = ev.final();
    expect(end.abort).toBe(false);
    expect(end.verdicts[0]).toMatchObject({ ok: false, value: 170, abort: false });
  });

  it('uses a caller-supplied now in the data clock', () => {
    const ev = new ThresholdEvaluator([th('mem', 'value < 100', { abortOnFail: true, delayAbortEvalMs: 60_000 })]);
    ev.add(pt('mem', 0, 500));
    expect(ev.evaluate(T0 + 30_000).abort).toBe(false);
    expect(ev.evaluate(T0 + 61_000).abort).toBe(true);
  });
});

describe('live evaluation without over', () => {
  it('reports each ok -> failed turn once in newBreaches; a recovered threshold can breach again', () => {
    const ev = new ThresholdEvaluator([th('q', 'value < 10')]);
    const seq = [5, 20, 25, 5, 30].map((v, i) => {
      ev.add(pt('q', i, v));
      const r = ev.evaluate();
      return [r.verdicts[0].ok, r.newBreaches.length];
    });
    expect(seq).toEqual([
      [true, 0],
      [false, 1],
      [false, 0],
      [true, 0],
      [false, 1],
    ]);
  });

  it('consecutive counts successive breaching evaluations at distinct times; final() ignores it', () => {
    const ev = new ThresholdEvaluator([th('q', 'value < 10', { consecutive: 3 })]);
    ev.add(pt('q', 1, 20));
    expect(ev.evaluate().verdicts[0].ok).toBe(true);
    expect(ev.evaluate().verdicts[0].ok).toBe(true); // same data time: not a new evaluation
    ev.add(pt('q', 2, 20));
    expect(ev.evaluate().verdicts[0].ok).toBe(true);
    ev.add(pt('q', 3, 20));
    const third = ev.evaluate();
    expect(third.verdicts[0]).toMatchObject({ ok: false, breachedAt: T0 + 3000 });
    expect(third.newBreaches).toHaveLength(1);

    const once = new ThresholdEvaluator([th('q', 'value < 10', { consecutive: 3 })]);
    once.add(pt('q', 1, 20));
    expect(once.evaluate().verdicts[0].ok).toBe(true);
    expect(once.final().verdicts[0].ok).toBe(false);
  });

  it('passes with value null while there is no data', () => {
    const ev = new ThresholdEvaluator([th('nothing', 'p(95) < 1'), th('nothing', 'count > 5 over 1m')]);
    expect(ev.evaluate().verdicts.map((v) => [v.ok, v.value])).toEqual([
      [true, null],
      [true, null],
    ]);
    ev.add(pt('other', 0, 1));
    ev.add(pt('other', 600, 1));
    expect(ev.final().verdicts.map((v) => [v.ok, v.value])).toEqual([
      [true, null],
      [true, null],
    ]);
  });

  it('applies a declaration that arrives after the points', () => {
    const ev = new ThresholdEvaluator([th('jobs', 'count == 6')]);
    for (const s of [0, 1, 2]) ev.add(pt('jobs', s, 2));
    expect(ev.evaluate().verdicts[0].value).toBe(3); // a gauge: number of values
    ev.declare('jobs', 'counter');
    expect(ev.final().verdicts[0]).toMatchObject({ ok: true, value: 6 });
  });

  it('ignores points after final()', () => {
    const ev = new ThresholdEvaluator([th('q', 'max < 10')]);
    ev.add(pt('q', 0, 1));
    const end = ev.final();
    ev.add(pt('q', 1, 100));
    expect(ev.final()).toBe(end);
    expect(ev.evaluate().verdicts[0].ok).toBe(true);
  });
});
