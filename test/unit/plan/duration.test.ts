import { describe, expect, it } from 'vitest';
import { parseDuration } from '../../../electron/core/plan/duration';

describe('parseDuration', () => {
  it.each([
    ['500ms', 500],
    ['10s', 10_000],
    ['10m', 600_000],
    ['50h', 180_000_000],
    ['2d', 172_800_000],
    ['1h30m', 5_400_000],
    ['1m30s', 90_000],
    ['1h0m5s250ms', 3_605_250],
    ['1.5s', 1_500],
    [' 10m ', 600_000],
  ])('%s is %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it('reads 10ms as milliseconds, not 10 minutes and a stray s', () => {
    expect(parseDuration('10ms')).toBe(10);
  });

  it.each(['', '10', '-5s', '5 s', '10x', 'm', 'h10', '1h 30m', 'ten minutes', '5sec', '1.s'])('rejects %j', (text) => {
    expect(parseDuration(text)).toBeNull();
  });

  it('rejects non-strings without throwing', () => {
    expect(parseDuration(10 as unknown as string)).toBeNull();
    expect(parseDuration(undefined as unknown as string)).toBeNull();
  });
});
