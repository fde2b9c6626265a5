// The soak demo: starts two small services on 127.0.0.1 (api, worker), puts
// a steady load on the api for SOAK_SECONDS (default 60; 172800 for 48 h)
// and appends k6-shaped JSON lines to $COCKPIT_METRICS, as
// `k6 run --out json=...` would: http_req_duration (trend, ms),
// http_req_failed (rate), http_reqs (counter) per request, and
// process_resident_memory_bytes (gauge) per service every second.
// Knobs: SOAK_RPS (requests per second, default 10), SOAK_SLOW_MS (extra
// latency), SOAK_ERROR_RATE (share of 500s, default 0.002).
import { spawn } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const seconds = Math.max(1, Number(process.env.SOAK_SECONDS ?? 60));
const rps = Math.min(200, Math.max(1, Number(process.env.SOAK_RPS ?? 10)));
const metricsFile = process.env.COCKPIT_METRICS;
let pending = [];

const point = (metric, value, tags) =>
  JSON.stringify({ type: 'Point', metric, data: { time: new Date().toISOString(), value, tags } });
const declare = (metric, type, contains) =>
  JSON.stringify({ type: 'Metric', metric, data: { name: metric, type, contains, thresholds: [], submetrics: null } });

function flush() {
  if (pending.length === 0 || !metricsFile) return (pending = []);
  appendFileSync(metricsFile, pending.join('\n') + '\n');
  pending = [];
}

function startService(name) {
  const child = spawn(process.execPath, [join(here, 'soak-service.mjs'), name], { stdio: ['pipe', 'pipe', 'inherit'], env: process.env });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.stdout.once('data', (b) => resolve({ name, child, port: Number(String(b).trim()) }));
  });
}

const services = await Promise.all([startService('api'), startService('worker')]);
const api = services[0];
const stopAll = () => services.forEach((s) => s.child.kill('SIGTERM'));
process.on('SIGTERM', () => {
  flush();
  stopAll();
  process.exit(143);
});

pending.push(
  declare('http_req_duration', 'trend', 'time'),
  declare('http_req_failed', 'rate', 'default'),
  declare('http_reqs', 'counter', 'default'),
  declare('process_resident_memory_bytes', 'gauge', 'data'),
);

let lastSecond = [];
async function request() {
  const started = performance.now();
  let status = 0;
  try {
    const res = await fetch(`http://127.0.0.1:${api.port}/api/items`);
    await res.arrayBuffer();
    status = res.status;
  } catch {
    status = 0;
  }
  const ms = Math.round((performance.now() - started) * 1000) / 1000;
  const failed = status === 0 || status >= 400;
  const tags = { service: 'api', method: 'GET', name: '/api/items', status: String(status), expected_response: String(!failed) };
  pending.push(point('http_req_duration', ms, tags), point('http_req_failed', failed ? 1 : 0, tags), point('http_reqs', 1, tags));
  lastSecond.push(ms);
}

async function memory() {
  let apiRss = 0;
  for (const s of services) {
    try {
      const stats = await (await fetch(`http://127.0.0.1:${s.port}/stats`)).json();
      pending.push(point('process_resident_memory_bytes', stats.rss, { service: s.name }));
      if (s.name === 'api') apiRss = stats.rss;
    } catch {
      // a missed sample shows as a gap in the chart
    }
  }
  return apiRss;
}

console.log(`soak: running for ${seconds}s at ${rps} requests/s against 127.0.0.1:${api.port}`);
const load = setInterval(request, 1000 / rps);
const flusher = setInterval(flush, 250);
for (let i = 1; i <= seconds; i++) {
  await new Promise((r) => setTimeout(r, 1000));
  const rss = await memory();
  const sorted = lastSecond.sort((a, b) => a - b);
  const p95 = sorted.length ? Math.round(sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))]) : 0;
  lastSecond = [];
  console.log(`soak: ${String(i).padStart(3)}s/${seconds}s  p95=${p95}ms  rss=${Math.round(rss / 1e6)}MB`);
}
clearInterval(load);
clearInterval(flusher);
await new Promise((r) => setTimeout(r, 300)); // let the last requests land
flush();
stopAll();
console.log('soak: done');
