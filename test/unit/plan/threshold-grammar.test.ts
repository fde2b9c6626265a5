import { describe, expect, it } from 'vitest';
import { parseThresholdExpr } from '../../../electron/core/plan/threshold-grammar';

function ok(text: string) {
  const r = parseThresholdExpr(text);
  if (!r.ok) throw new Error(`expected ${text} to parse, got ${r.message} at ${r.offset}`);
  return r.expr;
}

function fail(text: string) {
  const r = parseThresholdExpr(text);
  if (r.ok) throw new Error(`expected ${text} to fail`);
  return r;
}

describe('parseThresholdExpr: the k6 forms', () => {
  it('parses each aggregation', () => {
    expect(ok('count > 10').agg).toEqual({ kind: 'count' });
    expect(ok('rate < 0.005').agg).toEqual({ kind: 'rate' });
    expect(ok('value == 1').agg).toEqual({ kind: 'value' });
    expect(ok('avg < 200').agg).toEqual({ kind: 'avg' });
    expect(ok('min >= 0').agg).toEqual({ kind: 'min' });
    expect(ok('max <= 1e3').agg).toEqual({ kind: 'max' });
    expect(ok('med != 3').agg).toEqual({ kind: 'med' });
    expect(ok('p(95) < 200').agg).toEqual({ kind: 'p', p: 95 });
    expect(ok('p(99.9) < 400').agg).toEqual({ kind: 'p', p: 99.9 });
    expect(ok('p(100) < 1').agg).toEqual({ kind: 'p', p: 100 });
    expect(ok('slope < 1').agg).toEqual({ kind: 'slope' });
  });

  it('parses every operator, longest first', () => {
    for (const op of ['<', '<=', '>', '>=', '==', '===', '!='] as const) {
      expect(ok(`avg ${op} 1`).op).toBe(op);
    }
    expect(ok('p(95)<=200')).toMatchObject({ op: '<=', value: 200 });
  });

  it('parses negative, decimal and exponent values and keeps the source', () => {
    expect(ok('min > -5').value).toBe(-5);
    expect(ok('rate < .5').value).toBe(0.5);
    expect(ok('avg < 2.5e3').value).toBe(2500);
    expect(ok('  avg <  7  ').source).toBe('  avg <  7  ');
  });

  it('parses the over window', () => {
    expect(ok('rate < 0.01 over 5m')).toMatchObject({ value: 0.01, windowMs: 300_000 });
    expect(ok('p(95) < 200 over 1h30m').windowMs).toBe(5_400_000);
    expect(ok('avg < 1').windowMs).toBeUndefined();
  });
});

describe('parseThresholdExpr: slope units are normalised to units per hour', () => {
  it.each([
    ['slope < 5MB/h', 5_000_000],
    ['slope < 1KB/min', 60_000],
    ['slope < 1kB/m', 60_000],
    ['slope < 1.5MiB/h', 1.5 * 1024 * 1024],
    ['slope < 2GiB/d', (2 * 1024 ** 3) / 24],
    ['slope < 20/h', 20],
    ['slope < 3/s', 10_800],
    ['slope < 1B/s', 3_600],
    ['slope < 1GB/h', 1e9],
    ['slope < 5 MB/h', 5_000_000],
    ['slope < 100', 100],
  ])('%s -> %d per hour', (text, perHour) => {
    expect(ok(text).value).toBeCloseTo(perHour, 6);
  });

  it('combines a unit with a window', () => {
    expect(ok('slope < 5MB/h over 6h')).toMatchObject({ value: 5_000_000, windowMs: 6 * 3_600_000 });
  });
});

describe('parseThresholdExpr: errors say what was expected, and where', () => {
  it('unknown aggregation, with a suggestion', () => {
    const r = fail('avgg < 200');
    expect(r.offset).toBe(0);
    expect(r.message).toMatch(/unknown aggregation "avgg"/);
    expect(r.message).toMatch(/did you mean "avg"/);
  });

  it('p95 without parentheses suggests p(95)', () => {
    expect(fail('p95 < 200').message).toMatch(/did you mean "p\(95\)"/);
  });

  it('p(0) and p(101) are out of range, at the number', () => {
    expect(fail('p(0) < 1')).toMatchObject({ offset: 2, message: expect.stringMatching(/0 < N <= 100/) });
    expect(fail('p(101) < 1')).toMatchObject({ offset: 2, message: expect.stringMatching(/out of range/) });
  });

  it('missing operator, missing value', () => {
    expect(fail('avg 200')).toMatchObject({ offset: 4, message: expect.stringMatching(/comparison operator/) });
    expect(fail('p(95) <')).toMatchObject({ offset: 7, message: expect.stringMatching(/expected a number after "<"/) });
    expect(fail('p(95) < abc')).toMatchObject({ offset: 8 });
  });

  it('a unit on a non-slope aggregation is an error at the unit', () => {
    expect(fail('avg < 5MB/h')).toMatchObject({ offset: 7, message: expect.stringMatching(/only allowed with slope/) });
    expect(fail('p(95) < 200ms')).toMatchObject({ offset: 11, message: expect.stringMatching(/"ms"/) });
    expect(fail('avg < 200 ms')).toMatchObject({ offset: 10, message: expect.stringMatching(/unexpected "ms"/) });
    expect(fail('avg < 200 KB/s')).toMatchObject({ offset: 10, message: expect.stringMatching(/only allowed with slope/) });
  });

  it('unknown slope units and slope units without a time', () => {
    expect(fail('slope < 5XB/h')).toMatchObject({ offset: 9, message: expect.stringMatching(/unknown rate unit "XB\/h"/) });
    expect(fail('slope < 5MB')).toMatchObject({ offset: 9 });
    expect(fail('slope < 5MB/week').message).toMatch(/unknown rate unit/);
  });

  it('bad windows and trailing garbage', () => {
    expect(fail('avg < 1 over')).toMatchObject({ offset: 12, message: expect.stringMatching(/duration/) });
    expect(fail('avg < 1 over 5')).toMatchObject({ offset: 13 });
    expect(fail('avg < 1 foo')).toMatchObject({ offset: 8, message: expect.stringMatching(/unexpected "foo"/) });
    expect(fail('avg < 1 over 5m extra')).toMatchObject({ offset: 16 });
  });

  it('empty text and unclosed p(', () => {
    expect(fail('   ').message).toMatch(/empty threshold/);
    expect(fail('p(95 < 1').message).toMatch(/expected "\)"/);
    expect(fail('p < 1').message).toMatch(/expected "\(" after p/);
  });

  it('never throws on arbitrary input', () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const alphabet = 'p()<>=!. 0123456789eEMBKiGh/smdover-avgslopecountrate{}';
    for (let i = 0; i < 2000; i++) {
      const len = Math.floor(rnd() * 20);
      let s = '';
      for (let j = 0; j < len; j++) s += alphabet[Math.floor(rnd() * alphabet.length)];
      const r = parseThresholdExpr(s);
      expect(typeof r.ok).toBe('boolean');
      if (!r.ok) expect(r.offset).toBeGreaterThanOrEqual(0);
    }
  });
});
