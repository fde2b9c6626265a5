/**
 * The evaluator fed with thresholds from the real plan parser (the other
 * metrics tests use a stand-in builder, `th`): the k6 fixture, tag filters,
 * the long form with abortOnFail and delayAbortEval, slope units, windows.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MetricIngest } from '../../../electron/core/metrics/ingest';
import { createLineSplitter } from '../../../electron/core/metrics/line-splitter';
import { ThresholdEvaluator } from '../../../electron/core/metrics/threshold-eval';
import { parsePlan } from '../../../electron/core/plan/parse-plan';
import type { Threshold } from '../../../electron/core/plan/types';
import { th } from './helpers';

function thresholdsOf(block: string): Threshold[] {
  const text = `version: 1\nrelease: t\ncandidate: rc\ngates:\n  - id: soak\n    run: k6 run script.js\n    thresholds:\n${block}`;
  const r = parsePlan(text, '/plans/plan.yaml');
  if (!r.ok) throw new Error(r.diagnostics.map((d) => `${d.line}:${d.col} ${d.message}`).join('\n'));
  return r.plan.gates[0].thresholds;
}

const FIXTURE = readFileSync(fileURLToPath(new URL('../../fixtures/k6/http-basic.jsonl', import.meta.url)));

function feed(ev: ThresholdEvaluator): void {
  const ingest = new MetricIngest();
  const split = createLineSplitter();
  for (const part of [split.push(FIXTURE), split.end()]) {
    const b = ingest.push(part, Date.now());
    for (const d of b.declarations) ev.declare(d.name, d.kind);
    for (const p of b.points) ev.add(p);
  }
}

describe('ThresholdEvaluator with thresholds from parsePlan', () => {
  const thresholds = thresholdsOf(`      http_reqs: ["count == 6", "rate >= 1"]
      http_reqs{method:POST}: ["count == 2"]
      http_req_duration: ["p(95) < 1000", "avg < 500", { threshold: "med < 300", abortOnFail: true, delayAbortEval: 2s }]
      http_req_duration{status:200}: ["max <= 500", "p(95) < 500"]
      http_req_failed: ["rate < 0.1"]
      vus: ["value == 0", "max <= 2"]
`);

  it('judges the k6 fixture as k6 would', () => {
    const ev = new ThresholdEvaluator(thresholds);
    feed(ev);
    const got = ev.final().verdicts.map((v) => [v.key, v.expr, v.ok, v.value, v.abort]);
    expect(got).toEqual([
      ['http_reqs', 'count == 6', true, 6, false],
      ['http_reqs', 'rate >= 1', true, 1, false],
      ['http_reqs{method:POST}', 'count == 2', true, 2, false],
      ['http_req_duration', 'p(95) < 1000', false, 1025, false],
      ['http_req_duration', 'avg < 500', true, 450, false],
      ['http_req_duration', 'med < 300', false, 350, false],
      ['http_req_duration{status:200}', 'max <= 500', true, 500, false],
      ['http_req_duration{status:200}', 'p(95) < 500', true, 480, false],
      ['http_req_failed', 'rate < 0.1', false, 1 / 6, false],
      ['vus', 'value == 0', true, 0, false],
      ['vus', 'max <= 2', true, 2, false],
    ]);
  });

  it('asks to abort live only for the abortOnFail threshold, once delayAbortEval has passed', () => {
    const ev = new ThresholdEvaluator(thresholds);
    feed(ev);
    const live = ev.evaluate();
    expect(live.abort).toBe(true);
    expect(live.verdicts.filter((v) => v.abort).map((v) => v.expr)).toEqual(['med < 300']);
    expect(live.newBreaches.map((v) => v.expr)).toEqual(['p(95) < 1000', 'med < 300', 'rate < 0.1']);

    const early = new ThresholdEvaluator(thresholds);
    const t0 = Date.UTC(2024, 4, 9, 12, 34, 45);
    early.declare('http_req_duration', 'trend');
    early.add({ metric: 'http_req_duration', tags: {}, time: t0, value: 900 });
    expect(early.evaluate(t0 + 1000).abort).toBe(false); // breached, but within the 2 s delay
    expect(early.evaluate(t0 + 2000).abort).toBe(true);
  });
});

describe('parsePlan and the test builder agree', () => {
  it('builds the same thresholds (units, windows, filters, options)', () => {
    const parsed = thresholdsOf(`      rss{service:api}: ["slope < 5MB/h", "slope < 5MB/h over 5m"]
      http_req_duration: [{ threshold: "p(99) < 400 over 10s", abortOnFail: true, delayAbortEval: 1m, consecutive: 3 }]
`);
    const built = [
      th('rss{service:api}', 'slope < 5MB/h'),
      th('rss{service:api}', 'slope < 5MB/h over 5m'),
      th('http_req_duration', 'p(99) < 400 over 10s', { abortOnFail: true, delayAbortEvalMs: 60_000, consecutive: 3 }),
    ];
    const shape = ({ metric, tags, key, expr, abortOnFail, delayAbortEvalMs, consecutive }: Threshold) =>
      ({ metric, tags, key, expr, abortOnFail, delayAbortEvalMs, consecutive });
    expect(parsed.map(shape)).toEqual(built.map(shape));
  });
});
