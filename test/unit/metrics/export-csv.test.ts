import { describe, expect, it } from 'vitest';
import {
  formatTags,
  metricsToCsv,
  parseTags,
  thresholdsJson,
} from '../../../electron/core/metrics/export-csv';
import type { ThresholdVerdict } from '../../../electron/core/metrics/threshold-eval';
import { seriesKey } from '../../../electron/core/metrics/series-key';

describe('metricsToCsv', () => {
  it('writes the header, RFC 3339 times, sorted k=v tags, and quotes what needs quoting', () => {
    const csv = metricsToCsv([
      { metric: 'rss', tags: {}, time: Date.UTC(2024, 0, 1, 0, 0, 0, 250), value: 123.4 },
      {
        metric: 'http_req_duration',
        tags: { url: 'https://x.test/a?b=1,c=2', method: 'GET' },
        time: Date.UTC(2024, 0, 1) + 0.7,
        value: 5,
      },
      { metric: 'odd "name", really', tags: { 'k;=': 'v;\\\nz' }, time: 0, value: -1e-7 },
    ]);
    expect(csv).toBe(
      [
        'time,metric,tags,value',
        '2024-01-01T00:00:00.250Z,rss,,123.4',
        '2024-01-01T00:00:00.000Z,http_req_duration,"method=GET;url=https://x.test/a?b=1,c=2",5',
        '1970-01-01T00:00:00.000Z,"odd ""name"", really","k\\;\\==v\\;\\\\\nz",-1e-7',
        '',
      ].join('\n'),
    );
  });

  it('tags split back unambiguously', () => {
    const tags = { 'a=b': 'c;d', url: 'https://x.test/?q=1', back: 'slash\\', empty: '' };
    expect(parseTags(formatTags(tags))).toEqual(tags);
    expect(parseTags('')).toEqual({});
  });
});

describe('thresholdsJson', () => {
  it('writes overall ok and each verdict with fixed fields, times as RFC 3339', () => {
    const verdicts: ThresholdVerdict[] = [
      { metric: 'rss', key: 'rss', expr: 'slope < 5MB/h', ok: true, value: 1200, abort: false },
      {
        metric: 'http_req_duration',
        key: 'http_req_duration{status:200}',
        expr: 'p(95) < 300 over 5m',
        ok: false,
        value: 800,
        breachedAt: Date.UTC(2024, 0, 1, 0, 35),
        windowStart: Date.UTC(2024, 0, 1, 0, 30),
        abort: false,
      },
    ];
    const text = thresholdsJson(verdicts);
    expect(text.endsWith('}\n')).toBe(true);
    expect(JSON.parse(text)).toEqual({
      ok: false,
      thresholds: [
        { metric: 'rss', key: 'rss', expr: 'slope < 5MB/h', ok: true, value: 1200, breachedAt: null, windowStart: null, abort: false },
        {
          metric: 'http_req_duration',
          key: 'http_req_duration{status:200}',
          expr: 'p(95) < 300 over 5m',
          ok: false,
          value: 800,
          breachedAt: '2024-01-01T00:35:00.000Z',
          windowStart: '2024-01-01T00:30:00.000Z',
          abort: false,
        },
      ],
    });
    expect(JSON.parse(thresholdsJson([])).ok).toBe(true);
  });
});

describe('seriesKey', () => {
  it('sorts tags and stays one-to-one for names that look like syntax', () => {
    expect(seriesKey('http_reqs', { status: '200', method: 'GET' })).toBe('http_reqs{method="GET",status="200"}');
    expect(seriesKey('rss', {})).toBe('rss');
    expect(seriesKey('x', { a: '1' })).not.toBe(seriesKey('x{a="1"}', {}));
    expect(seriesKey('x', { 'a="1",b': '2' })).not.toBe(seriesKey('x', { a: '1', b: '2' }));
  });
});
