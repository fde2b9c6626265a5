/** Scraping Prometheus text from a real HTTP server on 127.0.0.1 while a gate runs. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { RunMetrics } from '../../../native/metrics/run-metrics';
import { metricsFixture, recordingHooks, until, type MetricsFixture } from './helpers';

let fx: MetricsFixture | null = null;
let server: Server | null = null;
afterEach(async () => {
  fx?.close();
  fx = null;
  server?.closeAllConnections();
  await new Promise((r) => server?.close(r) ?? r(null));
  server = null;
});

/** Serves a counter that grows per scrape; `mode` switches to errors or a hang. */
async function exporter(): Promise<{ url: string; set(mode: 'ok' | 'error' | 'hang'): void; hits(): number }> {
  let mode: 'ok' | 'error' | 'hang' = 'ok';
  let hits = 0;
  server = createServer((_req, res) => {
    hits++;
    if (mode === 'error') return res.writeHead(503).end('busy');
    if (mode === 'hang') return; // never answers: the scrape must time out
    res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
    res.end(
      [
        '# HELP http_requests_total Requests served.',
        '# TYPE http_requests_total counter',
        `http_requests_total{code="200"} ${hits * 10}`,
        '# TYPE process_resident_memory_bytes gauge',
        `process_resident_memory_bytes ${1_000_000 + hits * 1000}`,
        'bad line without value',
        '',
      ].join('\n'),
    );
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/metrics`, set: (m) => (mode = m), hits: () => hits };
}

describe('Prometheus scrape', () => {
  it('stores scraped samples, counts failures and timeouts, and keeps scraping', async () => {
    const ex = await exporter();
    fx = metricsFixture(`    run: "true"
    metrics:
      scrape: { url: "${ex.url}", every: 150ms }
    thresholds:
      process_resident_memory_bytes: ["max < 1000500"]
`);
    const { hooks, events, evaluations } = recordingHooks();
    const watch = new RunMetrics(fx.metrics, fx.run, fx.gate, hooks, { pollMs: 20, evalMs: 100 }).start();
    await until(() => ex.hits() >= 3, 10_000, 'three scrapes');
    ex.set('error');
    await until(() => events.filter((e) => e.type === 'metrics.scrape-failed').length >= 2, 10_000, 'failed scrapes');
    ex.set('hang');
    await until(() => events.some((e) => /no answer within 150 ms/.test(String(e.data.message))), 10_000, 'a timeout');
    ex.set('ok');
    const before = ex.hits();
    // Scrapes are sequential: a third hit means the two before it have been answered and stored.
    await until(() => ex.hits() >= before + 3, 10_000, 'scraping to resume');
    const done = await watch.finish();

    expect(done.stats.scrapes).toBeGreaterThanOrEqual(5);
    expect(done.stats.scrapeFailures).toBeGreaterThanOrEqual(3);
    const failed = events.filter((e) => e.type === 'metrics.scrape-failed').map((e) => String(e.data.message));
    expect(failed.some((m) => m.includes('HTTP 503'))).toBe(true);
    // The bad sample line is counted by its line number within the scrape, every scrape.
    expect(done.stats.badLines).toBe(done.stats.scrapes);
    expect(done.stats.badSamples[0]).toMatchObject({ lineNo: 6, code: 'syntax' });
    expect(done.stats.badSamples[0].reason).toMatch(/^scrape \d+: /);

    const series = fx.metrics.series(fx.run.id);
    expect(series.map((s) => s.key).sort()).toEqual(['http_requests_total{code="200"}', 'process_resident_memory_bytes']);
    const mem = series.find((s) => s.metric === 'process_resident_memory_bytes')!;
    expect(mem.count).toBe(done.stats.scrapes);
    // Memory grows by 1000 per hit: the threshold breaks live and stays broken at the end.
    expect(evaluations.some((e) => e.e.newBreaches.length === 1)).toBe(true);
    expect(done.verdicts[0]).toMatchObject({ ok: false });
  });

  it('reports an unreachable endpoint without stopping', async () => {
    fx = metricsFixture(`    run: "true"
    metrics:
      scrape: { url: "http://127.0.0.1:9/metrics", every: 100ms }
`);
    const { hooks, events } = recordingHooks();
    const watch = new RunMetrics(fx.metrics, fx.run, fx.gate, hooks, { pollMs: 20 }).start();
    await until(() => events.filter((e) => e.type === 'metrics.scrape-failed').length >= 3, 10_000, 'failures');
    const done = await watch.finish();
    expect(done.stats.scrapeFailures).toBeGreaterThanOrEqual(3);
    expect(String(events[0].data.message)).toMatch(/ECONNREFUSED/);
  });
});
