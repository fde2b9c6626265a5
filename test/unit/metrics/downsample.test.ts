import { describe, expect, it } from 'vitest';
import {
  downsampleForWidth,
  lttb,
  minMaxBuckets,
  minMaxLttb,
  type Series,
} from '../../../electron/core/metrics/downsample';
import { bestTimeMs, prng } from './helpers';

/** 48 h at one point per second = 172,800 points of noise, with a one-point spike and dip. */
function soak(n = 172_800): { ts: Float64Array; vs: Float64Array; spikeAt: number; dipAt: number } {
  const rand = prng(5);
  const ts = new Float64Array(n);
  const vs = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    ts[i] = 1_700_000_000_000 + i * 1000;
    vs[i] = 100 + 10 * Math.sin(i / 5000) + rand() * 5;
  }
  const spikeAt = Math.floor(n * 0.7144);
  const dipAt = Math.floor(n * 0.2643);
  vs[spikeAt] = 900;
  vs[dipAt] = -50;
  return { ts, vs, spikeAt, dipAt };
}

function isAscending(t: Float64Array): boolean {
  for (let i = 1; i < t.length; i++) if (t[i] <= t[i - 1]) return false;
  return true;
}

const contains = (s: Series, t: number, v: number) => s.t.some((x, i) => x === t && s.v[i] === v);

describe('downsampleForWidth (min/max per pixel column)', () => {
  const { ts, vs, spikeAt, dipAt } = soak();

  it('returns at most 2 x width points, in time order, with first, last, global min and max', () => {
    for (const width of [2, 3, 100, 1500, 1920]) {
      const r = downsampleForWidth(ts, vs, width);
      expect(r.t.length).toBeLessThanOrEqual(2 * width);
      expect(r.t.length).toBe(r.v.length);
      expect(isAscending(r.t)).toBe(true);
      expect(contains(r, ts[spikeAt], 900)).toBe(true);
      expect(contains(r, ts[dipAt], -50)).toBe(true);
      expect(r.t[0]).toBe(ts[0]);
      expect(r.t[r.t.length - 1]).toBe(ts[ts.length - 1]);
    }
  });

  it('downsamples 172,800 points to 1500 px in < 20 ms', () => {
    const ms = bestTimeMs(5, () => downsampleForWidth(ts, vs, 1500));
    expect(ms).toBeLessThan(20);
  });

  it('returns short input unchanged (as a copy)', () => {
    const t = Float64Array.from([1, 2, 3]);
    const v = Float64Array.from([5, 6, 7]);
    const r = downsampleForWidth(t, v, 1500);
    expect([...r.t]).toEqual([1, 2, 3]);
    expect([...r.v]).toEqual([5, 6, 7]);
    r.v[0] = 99;
    expect(v[0]).toBe(5);
  });
});

describe('minMaxBuckets', () => {
  it('keeps each bucket min and max by time, with irregular sampling', () => {
    // Buckets over [0, 100): [0,25) [25,50) [50,75) [75,100]
    const t = Float64Array.from([0, 1, 2, 3, 30, 31, 32, 33, 34, 80, 90, 99, 100]);
    const v = Float64Array.from([5, 1, 9, 5, 4, 4, 7, 0, 4, 3, 8, 2, 6]);
    const r = minMaxBuckets(t, v, 4);
    // bucket 0: min 1 @1, max 9 @2; bucket 1: max 7 @32, min 0 @33; bucket 2 empty;
    // bucket 3: min 2 @99, max 8 @90 (+ first @0 and last @100)
    expect([...r.t]).toEqual([0, 1, 2, 32, 33, 90, 99, 100]);
    expect([...r.v]).toEqual([5, 1, 9, 7, 0, 8, 2, 6]);
  });
});

describe('lttb and minMaxLttb', () => {
  const { ts, vs } = soak(20_000);

  it('lttb returns exactly the threshold, keeps the ends, and works on {t,v} objects', () => {
    const r = lttb(ts, vs, 500);
    expect(r.t.length).toBe(500);
    expect(r.t[0]).toBe(ts[0]);
    expect(r.t[499]).toBe(ts[ts.length - 1]);
    expect(isAscending(r.t)).toBe(true);
    const objs = lttb(Array.from(ts, (t, i) => ({ t, v: vs[i] })), 500);
    expect(objs.map((p) => p.t)).toEqual([...r.t]);
  });

  it('lttb picks the peak of a triangle (hand-checked)', () => {
    // 5 points to 3: the middle bucket [1..3] keeps the point farthest from the line first-last.
    const r = lttb(
      [
        { t: 0, v: 0 },
        { t: 1, v: 1 },
        { t: 2, v: 10 },
        { t: 3, v: 1 },
        { t: 4, v: 0 },
      ],
      3,
    );
    expect(r).toEqual([
      { t: 0, v: 0 },
      { t: 2, v: 10 },
      { t: 4, v: 0 },
    ]);
  });

  it('minMaxLttb returns the threshold and keeps a large spike', () => {
    const r = minMaxLttb(ts, vs, 400);
    expect(r.t.length).toBe(400);
    expect(Math.max(...r.v)).toBe(Math.max(...vs));
  });
});
