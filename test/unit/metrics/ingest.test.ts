import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MetricIngest, type IngestBatch } from '../../../electron/core/metrics/ingest';
import { createLineSplitter } from '../../../electron/core/metrics/line-splitter';
import { seriesKey } from '../../../electron/core/metrics/series-key';

const FIXTURE = fileURLToPath(new URL('../../fixtures/k6/http-basic.jsonl', import.meta.url));
const NOW = Date.UTC(2030, 0, 1);

function ingestBytes(bytes: Buffer, ingest = new MetricIngest(), chunk = 7): IngestBatch {
  const s = createLineSplitter();
  const all: IngestBatch = { points: [], keys: [], declarations: [], errors: [] };
  const add = (b: IngestBatch) => {
    all.points.push(...b.points);
    all.keys.push(...b.keys);
    all.declarations.push(...b.declarations);
    all.errors.push(...b.errors);
  };
  for (let i = 0; i < bytes.length; i += chunk) add(ingest.push(s.push(bytes.subarray(i, i + chunk)), NOW));
  add(ingest.push(s.end(), NOW));
  return all;
}

describe('MetricIngest: k6 --out json', () => {
  const ingest = new MetricIngest();
  const r = ingestBytes(readFileSync(FIXTURE), ingest);
  const t0 = Date.UTC(2024, 4, 9, 12, 34, 45);

  it('reads every declaration with its kind', () => {
    expect(r.errors).toEqual([]);
    expect(r.declarations.map((d) => [d.name, d.kind, d.contains])).toEqual([
      ['vus', 'gauge', 'default'],
      ['http_reqs', 'counter', 'default'],
      ['http_req_duration', 'trend', 'time'],
      ['http_req_failed', 'rate', 'default'],
    ]);
    expect(ingest.kindOf('http_req_failed')).toBe('rate');
    expect(ingest.kindOf('never_declared')).toBe('gauge');
  });

  it('reads every point with its tags and time', () => {
    const count = (m: string) => r.points.filter((p) => p.metric === m).length;
    expect([count('vus'), count('http_reqs'), count('http_req_duration'), count('http_req_failed')]).toEqual([4, 6, 6, 6]);
    expect(r.points.filter((p) => p.metric === 'http_req_duration').map((p) => p.value)).toEqual([
      100, 200, 300, 400, 500, 1200,
    ]);
    const first = r.points.find((p) => p.metric === 'http_reqs')!;
    expect(first.time).toBeCloseTo(t0 + 120.451231, 3);
    expect(first.tags).toMatchObject({ method: 'GET', status: '200', url: 'https://api.example.test/items' });
    const failed = r.points.filter((p) => p.metric === 'http_req_failed').at(-1)!;
    expect(failed).toMatchObject({ value: 1, time: t0 + 6000, tags: { status: '500', error_code: '1500' } });
    expect(r.points.find((p) => p.metric === 'vus')!.tags).toEqual({});
    expect(ingest.counters).toMatchObject({ lines: 26, accepted: 22, declarations: 4, rejected: 0 });
  });
});

describe('MetricIngest: bad lines', () => {
  it('counts each bad line with its number and still accepts the valid lines after it', () => {
    const ten = 10 * 1024 * 1024;
    const lines = [
      '{"metric":"rss","value":1,"time":1000}', // 1 ok
      '{"metric":"rss","value":', // 2 invalid JSON
      '{"metric":"rss","value":2,"time":2000}', // 3 ok
      '{"metric":"rss","value":NaN,"time":3000}', // 4 invalid JSON (NaN is not JSON)
      '{"metric":"rss","value":"Infinity","time":3000}', // 5 bad value
      '{"metric":"rss","value":1e999,"time":3000}', // 6 bad value (overflows to Infinity)
      '{"metric":"rss","time":3000}', // 7 missing value
      '{"type":"Bogus","metric":"rss","data":{}}', // 8 unknown type
      '{"type":"Metric","metric":"q","data":{"type":"histogram"}}', // 9 unknown data.type
      `{"metric":"rss","value":1,"pad":"${'x'.repeat(ten)}"}`, // 10 oversized
      '{"metric":"rss","value":4,"time":4000}', // 11 ok
      '{"metric":"rss","value":5,"time":1500}', // 12 out of order (2.5 s behind)
      '', // 13 blank: ignored
      '{"metric":"rss","value":6,"time":"2024-13-01T00:00:00Z"}', // 14 bad time
      '{"metric":"rss","value":7,"time":5000}', // 15 ok
    ];
    const ingest = new MetricIngest();
    const r = ingestBytes(Buffer.from(lines.join('\n') + '\n'), ingest, 65536);
    expect(r.errors.map((e) => [e.lineNo, e.code])).toEqual([
      [2, 'invalid-json'],
      [4, 'invalid-json'],
      [5, 'bad-value'],
      [6, 'bad-value'],
      [7, 'bad-value'],
      [8, 'unknown-type'],
      [9, 'unknown-kind'],
      [10, 'oversized'],
      [12, 'out-of-order'],
      [14, 'bad-time'],
    ]);
    expect(r.errors.find((e) => e.lineNo === 12)!.reason).toMatch(/^timestamp out of order/);
    expect(r.errors.find((e) => e.lineNo === 7)!.reason).toBe('missing value');
    expect(r.points.map((p) => p.value)).toEqual([1, 2, 4, 7]);
    expect(ingest.counters).toMatchObject({
      lines: 14,
      accepted: 4,
      rejected: 10,
      rejectedByReason: {
        'invalid-json': 2,
        'bad-value': 3,
        'unknown-type': 1,
        'unknown-kind': 1,
        oversized: 1,
        'out-of-order': 1,
        'bad-time': 1,
      },
    });
  });

  it('keeps points a little late (k6 emits from many VUs), drops later ones, per series', () => {
    const ingest = new MetricIngest({ lateToleranceMs: 1000 });
    const b = ingest.pushLines(
      [
        { text: '{"metric":"d","value":1,"time":10000,"tags":{"vu":"1"}}', lineNo: 1 },
        { text: '{"metric":"d","value":2,"time":9500,"tags":{"vu":"1"}}', lineNo: 2 }, // 0.5 s late: kept
        { text: '{"metric":"d","value":3,"time":3000,"tags":{"vu":"2"}}', lineNo: 3 }, // other series: fine
        { text: '{"metric":"d","value":4,"time":8000,"tags":{"vu":"1"}}', lineNo: 4 }, // 2 s late: dropped
        { text: '{"metric":"d","value":5,"time":10000,"tags":{"vu":"1"}}', lineNo: 5 }, // same ms: fine
      ],
      NOW,
    );
    expect(b.points.map((p) => p.value)).toEqual([1, 2, 3, 5]);
    expect(b.errors).toEqual([
      { lineNo: 4, code: 'out-of-order', reason: expect.stringContaining(seriesKey('d', { vu: '1' })) },
    ]);
    expect(ingest.counters.late).toBe(1);
  });

  it('stamps short-form points without time with now; a kind on the line declares the metric once', () => {
    const ingest = new MetricIngest();
    const b = ingest.pushLines(
      [
        { text: '{"metric":"jobs","type":"counter","value":1}', lineNo: 1 },
        { text: '{"metric":"jobs","type":"counter","value":1}', lineNo: 2 },
        { text: '{"metric":"jobs","type":"gauge","value":1}', lineNo: 3 },
      ],
      12345,
    );
    expect(b.points).toEqual([
      { metric: 'jobs', tags: {}, time: 12345, value: 1 },
      { metric: 'jobs', tags: {}, time: 12345, value: 1 },
    ]);
    expect(b.declarations).toEqual([{ name: 'jobs', kind: 'counter' }]);
    expect(b.errors).toMatchObject([{ lineNo: 3, code: 'kind-conflict' }]);
  });
});

describe('MetricIngest: Prometheus scrapes', () => {
  it('drops a re-scraped sample with the same timestamp, keeps new ones, reports bad lines', () => {
    const ingest = new MetricIngest();
    const body = '# TYPE jobs_total counter\njobs_total 5 1000\nup 1\n';
    const a = ingest.pushPrometheus(body, 2000);
    expect(a.points).toHaveLength(2);
    expect(a.declarations).toEqual([{ name: 'jobs_total', kind: 'gauge', contains: 'prometheus:counter' }]);
    const b = ingest.pushPrometheus(body, 3000);
    expect(b.points).toEqual([{ metric: 'up', tags: {}, time: 3000, value: 1 }]);
    expect(ingest.counters.duplicates).toBe(1);
    const c = ingest.pushPrometheus('jobs_total 6 -5000\nup x\n', 4000);
    expect(c.errors.map((e) => [e.lineNo, e.code])).toEqual([
      [1, 'out-of-order'],
      [2, 'syntax'],
    ]);
  });
});

describe('series keys in a batch', () => {
  it('gives each point its seriesKey, whatever the order of its tags', () => {
    const ingest = new MetricIngest();
    const lines = [
      '{"metric":"m","value":1,"time":1000,"tags":{"b":"2","a":"1"}}',
      '{"metric":"m","value":2,"time":2000,"tags":{"a":"1","b":"2"}}',
      '{"metric":"m","value":3,"time":3000,"tags":{"a":"1","b":2}}',
    ].map((text, i) => ({ text, lineNo: i + 1 }));
    const b = ingest.pushLines(lines, NOW);
    expect(b.keys).toEqual(b.points.map((p) => seriesKey(p.metric, p.tags)));
    expect(new Set(b.keys)).toEqual(new Set(['m{a="1",b="2"}']));
  });
});
