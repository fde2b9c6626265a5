/** Pure chart-query helpers: resolution choice, per-column averages, min/max pairs. */
import { describe, expect, it } from 'vitest';
import { chooseResolution, columnAverages, minMaxPairs } from '../../../electron/core/metrics/chart-query';

const H = 3_600_000;

describe('chooseResolution', () => {
  it('reads raw points while they fit, then the coarsest rollup with a bucket per pixel', () => {
    expect(chooseResolution(10 * 60_000, 600, 300)).toBe('raw');
    expect(chooseResolution(8 * H, 28_800, 1500)).toBe('1m'); // 480 minutes: fewer than pixels, still minutes
    expect(chooseResolution(48 * H, 172_800, 1500)).toBe('1m');
    expect(chooseResolution(48 * H, 172_800, 230)).toBe('1m'); // 48 hours would be 48 buckets for 230 px
    expect(chooseResolution(48 * H, 172_800, 40)).toBe('1h');
    expect(chooseResolution(365 * 24 * H, 31_536_000, 1500)).toBe('1h');
  });
});

describe('columnAverages', () => {
  it('pools sums and counts per pixel column', () => {
    const r = columnAverages([0, 1, 2, 9], [1, 0, 3, 5], [1, 1, 1, 1], 0, 10, 2);
    expect(Array.from(r.t)).toEqual([2.5, 7.5]);
    expect(Array.from(r.v)).toEqual([4 / 3, 5]);
  });
});

describe('minMaxPairs', () => {
  it('gives each entry its min and max at one time, once when equal', () => {
    const r = minMaxPairs([1, 2], [5, 7], [9, 7]);
    expect(Array.from(r.t)).toEqual([1, 1, 2]);
    expect(Array.from(r.v)).toEqual([5, 9, 7]);
  });
});
