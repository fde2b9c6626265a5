import { describe, expect, it } from 'vitest';
import { parsePrometheusText } from '../../../electron/core/metrics/prometheus-text';

const SCRAPE = Date.UTC(2024, 0, 1, 0, 0, 0);

const TEXT = [
  '# A plain comment',
  '# HELP http_requests_total The total number of HTTP requests.\\nSecond line, a backslash: \\\\',
  '# TYPE http_requests_total counter',
  'http_requests_total{method="post",code="200"} 1027 1395066363000',
  'http_requests_total{method="post",code="400"}    3 1395066363000',
  '',
  '# Escaping in label values:',
  'msdos_file_access_time_seconds{path="C:\\\\DIR\\\\FILE.TXT",error="Cannot find file:\\n\\"FILE.TXT\\""} 1.458255915e9',
  'metric_without_timestamp_and_labels 12.47',
  '\tindented_metric{a="1",} -3.5e-2  ',
  '# TYPE http_request_duration_seconds histogram',
  'http_request_duration_seconds_bucket{le="0.05"} 24054',
  'http_request_duration_seconds_bucket{le="+Inf"} 144320',
  'http_request_duration_seconds_sum 53423',
  'http_request_duration_seconds_count 144320',
  '# TYPE rpc_duration_seconds summary',
  'rpc_duration_seconds{quantile="0.5"} 4773',
  'rpc_duration_seconds{quantile="0.99"} NaN',
  'something_weird{problem="division by zero"} +Inf -3982045',
  '{"my.dotted.metric", "service.name"="api"} 7',
  'with_exemplar_total 5 # {trace_id="abc"} 1.0',
  'bad{a="1" 2',
  'bad_value 12abc',
  'dup{a="1",a="2"} 1',
  'bad_escape{a="\\t"} 1',
  'bad_ts 1 12.5',
  'after_errors 1',
].join('\n');

describe('parsePrometheusText', () => {
  const r = parsePrometheusText(TEXT, SCRAPE);
  const by = (metric: string) => r.points.filter((p) => p.metric === metric);

  it('reads labels, given timestamps, and the scrape time otherwise', () => {
    expect(by('http_requests_total')).toEqual([
      { metric: 'http_requests_total', tags: { method: 'post', code: '200' }, time: 1395066363000, value: 1027 },
      { metric: 'http_requests_total', tags: { method: 'post', code: '400' }, time: 1395066363000, value: 3 },
    ]);
    expect(by('metric_without_timestamp_and_labels')).toEqual([
      { metric: 'metric_without_timestamp_and_labels', tags: {}, time: SCRAPE, value: 12.47 },
    ]);
    expect(by('indented_metric')[0]).toMatchObject({ tags: { a: '1' }, value: -0.035 });
  });

  it('unescapes backslash, quote and newline in label values', () => {
    expect(by('msdos_file_access_time_seconds')[0].tags).toEqual({
      path: 'C:\\DIR\\FILE.TXT',
      error: 'Cannot find file:\n"FILE.TXT"',
    });
  });

  it('keeps histogram and summary samples as separate series', () => {
    expect(by('http_request_duration_seconds_bucket').map((p) => [p.tags.le, p.value])).toEqual([
      ['0.05', 24054],
      ['+Inf', 144320],
    ]);
    expect(by('http_request_duration_seconds_sum')[0].value).toBe(53423);
    expect(by('http_request_duration_seconds_count')[0].value).toBe(144320);
    expect(by('rpc_duration_seconds')).toEqual([
      { metric: 'rpc_duration_seconds', tags: { quantile: '0.5' }, time: SCRAPE, value: 4773 },
    ]);
  });

  it('reads quoted UTF-8 names and ignores exemplars', () => {
    expect(by('my.dotted.metric')).toEqual([
      { metric: 'my.dotted.metric', tags: { 'service.name': 'api' }, time: SCRAPE, value: 7 },
    ]);
    expect(by('with_exemplar_total')[0].value).toBe(5);
  });

  it('declares every family as a gauge, keeping its Prometheus type and help', () => {
    const d = Object.fromEntries(r.declarations.map((x) => [x.name, x]));
    expect(d.http_requests_total).toEqual({
      name: 'http_requests_total',
      kind: 'gauge',
      contains: 'prometheus:counter',
      help: 'The total number of HTTP requests.\nSecond line, a backslash: \\',
    });
    expect(d.http_request_duration_seconds.contains).toBe('prometheus:histogram');
    expect(d.rpc_duration_seconds.contains).toBe('prometheus:summary');
  });

  it('skips NaN/Inf with a reason and reports malformed lines by number, then carries on', () => {
    const line = (s: string) => TEXT.split('\n').indexOf(s) + 1;
    expect(r.errors.map((e) => [e.lineNo, e.code])).toEqual([
      [line('rpc_duration_seconds{quantile="0.99"} NaN'), 'bad-value'],
      [line('something_weird{problem="division by zero"} +Inf -3982045'), 'bad-value'],
      [line('bad{a="1" 2'), 'syntax'],
      [line('bad_value 12abc'), 'syntax'],
      [line('dup{a="1",a="2"} 1'), 'syntax'],
      [line('bad_escape{a="\\t"} 1'), 'syntax'],
      [line('bad_ts 1 12.5'), 'syntax'],
    ]);
    expect(r.errors[0].reason).toContain('NaN');
    expect(r.errors[4].reason).toContain('duplicate label a');
    expect(by('after_errors')).toHaveLength(1);
    expect(r.points).toHaveLength(13);
    expect(r.lineNos[0]).toBe(4);
  });

  it('accepts CRLF bodies', () => {
    const c = parsePrometheusText('# TYPE up gauge\r\nup{job="x"} 1\r\n', SCRAPE);
    expect(c.errors).toEqual([]);
    expect(c.points).toEqual([{ metric: 'up', tags: { job: 'x' }, time: SCRAPE, value: 1 }]);
  });
});
