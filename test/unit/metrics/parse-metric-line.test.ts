import { describe, expect, it } from 'vitest';
import { parseMetricLine } from '../../../electron/core/metrics/parse-metric-line';
import { parseRfc3339 } from '../../../electron/core/metrics/parse-time';

describe('parseMetricLine: k6 lines', () => {
  it('reads a Metric declaration (kind and contains)', () => {
    const r = parseMetricLine(
      '{"type":"Metric","data":{"type":"trend","contains":"time","tainted":null,"thresholds":["avg<1000"],"submetrics":null},"metric":"http_req_duration"}',
    );
    expect(r).toEqual({
      ok: true,
      value: { kind: 'declaration', declaration: { name: 'http_req_duration', kind: 'trend', contains: 'time' } },
    });
  });

  it('reads a Point with an RFC 3339 time in nanoseconds and a zone offset', () => {
    const r = parseMetricLine(
      '{"type":"Point","data":{"time":"2017-05-09T14:34:45.625742514+02:00","value":459.865729,"tags":{"method":"GET","status":"200"}},"metric":"http_req_duration"}',
    );
    expect(r.ok).toBe(true);
    if (!r.ok || r.value.kind !== 'point') throw new Error('not a point');
    expect(r.value.metric).toBe('http_req_duration');
    expect(r.value.value).toBe(459.865729);
    expect(r.value.tags).toEqual({ method: 'GET', status: '200' });
    expect(r.value.time).toBeCloseTo(Date.UTC(2017, 4, 9, 12, 34, 45) + 625.742514, 3);
  });

  it('treats null tags as none', () => {
    const r = parseMetricLine('{"type":"Point","data":{"time":"2017-05-09T14:34:45Z","value":5,"tags":null},"metric":"vus"}');
    expect(r.ok && r.value.kind === 'point' && r.value.tags).toEqual({});
  });

  it('rejects an unknown data.type and an unknown type', () => {
    const a = parseMetricLine('{"type":"Metric","data":{"type":"histogram"},"metric":"x"}');
    expect(a).toMatchObject({ ok: false, code: 'unknown-kind' });
    expect(!a.ok && a.reason).toContain('"histogram"');
    const b = parseMetricLine('{"type":"Sample","data":{"time":"2017-05-09T14:34:45Z","value":1},"metric":"x"}');
    expect(b).toMatchObject({ ok: false, code: 'unknown-type' });
    expect(!b.ok && b.reason).toContain('"Sample"');
  });

  it('rejects a Point without data.time', () => {
    expect(parseMetricLine('{"type":"Point","data":{"value":1},"metric":"x"}')).toMatchObject({ ok: false, code: 'bad-time' });
  });
});

describe('parseMetricLine: short form', () => {
  it('accepts RFC 3339 or epoch ms, and no time at all (the caller stamps it)', () => {
    const a = parseMetricLine('{"metric":"rss","value":123.4,"time":"2024-01-01T00:00:00Z","tags":{"host":"a"}}');
    expect(a).toEqual({
      ok: true,
      value: { kind: 'point', metric: 'rss', value: 123.4, time: Date.UTC(2024, 0, 1), tags: { host: 'a' } },
    });
    const b = parseMetricLine('{"metric":"rss","value":1,"time":1704067200000}');
    expect(b.ok && b.value.kind === 'point' && b.value.time).toBe(1704067200000);
    const c = parseMetricLine('{"metric":"rss","value":1}');
    expect(c.ok && c.value.kind === 'point' && c.value.time).toBe(null);
  });

  it('carries an optional kind, and stringifies number and boolean tags', () => {
    const r = parseMetricLine('{"metric":"jobs","type":"counter","value":2,"tags":{"status":200,"retry":false}}');
    expect(r).toMatchObject({ ok: true, value: { metricKind: 'counter', tags: { status: '200', retry: 'false' } } });
  });

  it('keeps a "__proto__" tag as a plain tag', () => {
    const r = parseMetricLine('{"metric":"m","value":1,"tags":{"__proto__":"x"}}');
    if (!r.ok || r.value.kind !== 'point') throw new Error('not a point');
    expect(Object.keys(r.value.tags)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(r.value.tags)).toBe(Object.prototype);
  });

  it.each([
    ['not json', 'invalid-json'],
    ['{"metric":"x","value":NaN}', 'invalid-json'],
    ['[1,2]', 'bad-shape'],
    ['{"value":1}', 'bad-shape'],
    ['{"metric":"x"}', 'bad-value'],
    ['{"metric":"x","value":null}', 'bad-value'],
    ['{"metric":"x","value":"12"}', 'bad-value'],
    ['{"metric":"x","value":"NaN"}', 'bad-value'],
    ['{"metric":"x","value":"Infinity"}', 'bad-value'],
    ['{"metric":"x","value":1e999}', 'bad-value'],
    ['{"metric":"x","value":1,"time":"yesterday"}', 'bad-time'],
    ['{"metric":"x","value":1,"time":"2024-02-30T00:00:00Z"}', 'bad-time'],
    ['{"metric":"x","value":1,"time":"2024-01-01T00:00:00"}', 'bad-time'],
    ['{"metric":"x","value":1,"time":-5}', 'bad-time'],
    ['{"metric":"x","value":1,"tags":{"a":{"b":1}}}', 'bad-shape'],
    ['{"metric":"x","type":"histogram","value":1}', 'unknown-type'],
  ])('rejects %s (%s)', (line, code) => {
    const r = parseMetricLine(line);
    expect(r).toMatchObject({ ok: false, code });
    expect(!r.ok && r.reason.length).toBeGreaterThan(5);
  });
});

describe('parseRfc3339', () => {
  it('handles offsets, fractions and lowercase separators', () => {
    expect(parseRfc3339('2024-03-01T12:00:00.250Z')).toBe(Date.UTC(2024, 2, 1, 12, 0, 0, 250));
    expect(parseRfc3339('2024-03-01t05:30:00-06:30')).toBe(Date.UTC(2024, 2, 1, 12, 0));
    expect(parseRfc3339('2024-02-29T00:00:00Z')).toBe(Date.UTC(2024, 1, 29));
    expect(parseRfc3339('2023-02-29T00:00:00Z')).toBe(null);
    expect(parseRfc3339('2024-03-01T24:00:00Z')).toBe(null);
    expect(parseRfc3339('5')).toBe(null);
  });
});
