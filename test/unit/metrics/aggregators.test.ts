import { describe, expect, it } from 'vitest';
import { AggState, aggregate, compare } from '../../../electron/core/metrics/aggregators';
import { select } from '../../../electron/core/metrics/quickselect';
import { SampleStore } from '../../../electron/core/metrics/samples';
import type { Aggregation } from '../../../electron/core/plan/types';
import { bestTimeMs, prng } from './helpers';

function stateOf(values: number[], stepMs = 1000, keepSamples = true): AggState {
  const s = new AggState(keepSamples);
  values.forEach((v, i) => s.add(i * stepMs, v));
  return s;
}

const agg = (kind: string, p?: number): Aggregation => (p === undefined ? { kind } : { kind: 'p', p }) as Aggregation;

describe('aggregations (hand-computed)', () => {
  // values 3 1 4 1 5 9 2 6 at t = 0..7 s; sum 31; sorted 1 1 2 3 4 5 6 9
  const s = stateOf([3, 1, 4, 1, 5, 9, 2, 6]);

  it('count: a counter sums its values, other kinds count them', () => {
    expect(aggregate(s, agg('count'), 'counter', 0)).toBe(31);
    expect(aggregate(s, agg('count'), 'trend', 0)).toBe(8);
  });

  it('rate: a counter per second over the elapsed time; a rate metric the share of non-zero values', () => {
    expect(aggregate(s, agg('rate'), 'counter', 10_000)).toBe(3.1); // 31 / 10 s
    expect(aggregate(s, agg('rate'), 'counter', 0)).toBe(null);
    // 1 0 0 1 1 -> 3 of 5
    expect(aggregate(stateOf([1, 0, 0, 1, 1]), agg('rate'), 'rate', 0)).toBe(0.6);
  });

  it('value, avg, min, max', () => {
    expect(aggregate(s, agg('value'), 'gauge', 0)).toBe(6);
    expect(aggregate(s, agg('avg'), 'trend', 0)).toBe(3.875); // 31 / 8
    expect(aggregate(s, agg('min'), 'trend', 0)).toBe(1);
    expect(aggregate(s, agg('max'), 'trend', 0)).toBe(9);
  });

  it('med and p(N) interpolate between closest ranks like k6 (position p * (n - 1))', () => {
    expect(aggregate(s, agg('med'), 'trend', 0)).toBe(3.5); // pos 3.5: 3 + 0.5 * (4 - 3)
    expect(aggregate(s, agg('p', 90), 'trend', 0)).toBeCloseTo(6.9, 12); // pos 6.3: 6 + 0.3 * 3
    expect(aggregate(s, agg('p', 95), 'trend', 0)).toBeCloseTo(7.95, 12); // pos 6.65: 6 + 0.65 * 3
    expect(aggregate(s, agg('p', 0), 'trend', 0)).toBe(1);
    expect(aggregate(s, agg('p', 100), 'trend', 0)).toBe(9);
    expect(aggregate(stateOf([42]), agg('p', 99), 'trend', 0)).toBe(42);
  });

  it('value is the latest by time, not by arrival', () => {
    const g = new AggState(false);
    g.add(5000, 50);
    g.add(3000, 30); // late arrival
    expect(aggregate(g, agg('value'), 'gauge', 0)).toBe(50);
  });

  it('an empty state: count 0, a counter rate 0/s, everything else has no value', () => {
    const e = new AggState(true);
    expect(aggregate(e, agg('count'), 'counter', 60_000)).toBe(0);
    expect(aggregate(e, agg('rate'), 'counter', 60_000)).toBe(0);
    for (const k of ['rate', 'value', 'avg', 'min', 'max', 'med', 'slope']) {
      expect(aggregate(e, agg(k), 'trend', 60_000), k).toBe(null);
    }
  });

  it('compare', () => {
    expect(compare(1, '<', 2) && compare(2, '<=', 2) && compare(3, '>', 2) && compare(2, '>=', 2)).toBe(true);
    expect(compare(2, '==', 2) && compare(2, '===', 2) && compare(1, '!=', 2)).toBe(true);
    expect(compare(2, '<', 2) || compare(2, '!=', 2)).toBe(false);
  });
});

describe('slope (least squares, units per hour)', () => {
  const H = 3_600_000;
  it('matches hand-computed values', () => {
    const a = new AggState(false);
    [10, 12, 14].forEach((v, i) => a.add(i * H, v));
    expect(a.slopePerHour()).toBeCloseTo(2, 12);
    // (0,1) (1,3) (2,2): mean x 1, mean y 2; Sxy = (-1)(-1) + 0 + (1)(0) = 1; Sxx = 2 -> 0.5
    const b = new AggState(false);
    [1, 3, 2].forEach((v, i) => b.add(i * H, v));
    expect(b.slopePerHour()).toBeCloseTo(0.5, 12);
    const one = new AggState(false);
    one.add(0, 1);
    expect(one.slopePerHour()).toBe(null);
  });

  it('stays exact for 2M points of ~1 GB over 48 h at epoch-ms times', () => {
    const s = new AggState(false);
    const n = 2_000_000;
    const t0 = Date.UTC(2024, 0, 1);
    for (let i = 0; i < n; i++) {
      const hours = (i / n) * 48;
      s.add(t0 + hours * H, 1e9 + 1e6 * hours); // 1 MB/h on top of 1 GB
    }
    expect(Math.abs(s.slopePerHour()! - 1e6)).toBeLessThan(1e-3);
  });
});

describe('percentiles', () => {
  it('quickselect finds the k-th value on sorted, reversed, duplicate-heavy and random input', () => {
    const rand = prng(7);
    const inputs = [
      Float64Array.from({ length: 2001 }, (_, i) => i),
      Float64Array.from({ length: 2001 }, (_, i) => 2000 - i),
      Float64Array.from({ length: 5000 }, () => Math.floor(rand() * 3)),
      Float64Array.from({ length: 5000 }, () => rand() * 1e6 - 5e5),
    ];
    for (const input of inputs) {
      const sorted = input.slice().sort();
      for (const k of [0, 1, Math.floor(input.length / 2), input.length - 2, input.length - 1]) {
        const a = input.slice();
        select(a, k, 0, a.length - 1);
        expect(a[k]).toBe(sorted[k]);
        for (let i = 0; i < k; i++) if (a[i] > a[k]) throw new Error('left side larger');
      }
    }
  });

  it('p(95) over 1.7M values is exact and takes < 50 ms; repeated asks are cached', () => {
    const rand = prng(1);
    const n = 1_700_000;
    const values = Float64Array.from({ length: n }, () => 20 + 400 * rand() ** 3);
    const sorted = values.slice().sort();
    const pos = 0.95 * (n - 1);
    const lo = Math.floor(pos);
    const expected = sorted[lo] + (sorted[lo + 1] - sorted[lo]) * (pos - lo);
    const stores = [0, 1, 2].map(() => {
      const s = new SampleStore();
      for (let i = 0; i < n; i++) s.add(values[i]);
      return s;
    });
    let i = 0;
    const ms = bestTimeMs(3, () => expect(stores[i++].quantile(0.95)).toBe(expected));
    expect(ms).toBeLessThan(50);
    expect(bestTimeMs(1, () => stores[0].quantile(0.95))).toBeLessThan(1);
    stores[0].add(1e9); // new data invalidates the cache
    expect(stores[0].quantile(1)).toBe(1e9);
  });
});
