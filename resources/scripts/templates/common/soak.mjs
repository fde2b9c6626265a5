// Synthetic load for soaks, SLO measurements and load tests. Bounded in time
// and in request count; loopback demo target by default (TARGET_URL otherwise).
//
//   node soak.mjs --name soak --seconds 45 --rps 5 --mix chat,action,session [--users 1]
//                 [--sample 5] [--max-error-rate 0.005] [--max-mem-growth-mb 32] [--max-p95-ms N]
//                 [--p95 endpoint=ms,...]
//                 [--env-prefix SOAK]
// Each flag is a default; <PREFIX>_SECONDS, <PREFIX>_RPS, <PREFIX>_USERS and <PREFIX>_SAMPLE_SECONDS
// in the environment win (e.g. SOAK_SECONDS=172800 for the real 48 h).
// Writes metric points to $COCKPIT_METRICS (http_req_duration, http_req_failed,
// process_resident_memory_bytes), and out/<name>/<name>-metrics-final.csv + <name>-summary.json.
// Fails on: error rate at or above the limit, memory growth, P95 trending up, stuck sessions, lost correlation ids.
import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { args, bad, fail, fmtMB, http, log, metricWriter, numEnv, ok, outDir, percentile, promValue, serviceToken, sleep, slopePerHour, targetUrl, warn, writeJson } from './lib.mjs';

const a = args();
const name = String(a.name ?? 'soak');
const prefix = String(a['env-prefix'] ?? 'SOAK');
const seconds = numEnv(`${prefix}_SECONDS`, Number(a.seconds ?? 45), { min: 1, max: 30 * 86400 });
const rps = numEnv(`${prefix}_RPS`, Number(a.rps ?? 5), { min: 0.1, max: 5000 });
const users = numEnv(`${prefix}_USERS`, Number(a.users ?? 1), { min: 1, max: 10000 });
const sampleS = numEnv(`${prefix}_SAMPLE_SECONDS`, Number(a.sample ?? Math.min(5, Math.max(1, Math.floor(seconds / 5)))), { min: 1, max: 3600 });
const maxErrorRate = Number(a['max-error-rate'] ?? 0.005);
const maxMemGrowthMB = Number(a['max-mem-growth-mb'] ?? 32);
const maxP95 = a['max-p95-ms'] === undefined ? undefined : Number(a['max-p95-ms']);
// Per-endpoint P95 targets: --p95 enhance-cached=100,enhance=300
const p95By = Object.fromEntries(String(a.p95 ?? '').split(',').filter(Boolean).map((kv) => kv.split('=')).map(([k, v]) => [k, Number(v)]));
const mix = String(a.mix ?? 'chat').split(',');
const tenants = String(a.tenants ?? 'tenant-a,tenant-b,tenant-c').split(',');
const base = targetUrl();
const dir = outDir(name);
const csv = join(dir, `${name}-metrics-final.csv`);
const metrics = metricWriter();
const needsToken = mix.some((m) => ['action', 'db'].includes(m));
const token = needsToken ? serviceToken() : undefined;
const texts = Array.from({ length: 40 }, (_, i) => `sample paragraph ${i}`);

/** One logical operation: a list of requests with their endpoint tag and the statuses that count as success. */
function operation(kind, vu, i) {
  const t = tenants[(vu + i) % tenants.length];
  switch (kind) {
    case 'chat':
      return [{ tag: 'chat', method: 'POST', path: '/api/chat', json: { message: `soak ping ${i}` } }];
    case 'action':
      return [{ tag: 'action', method: 'POST', path: '/v1/action', json: { tool: 'echo', args: { text: `op ${i}` } }, auth: true }];
    case 'session':
      return [{ tag: 'session_start', method: 'POST', path: '/session/start', json: {}, then: 'stop' }];
    case 'health':
      return [{ tag: 'health', method: 'GET', path: '/health' }];
    case 'enhance':
      return [{ tag: 'enhance', method: 'POST', path: '/api/enhance', json: { text: `${texts[i % texts.length]} v${vu}-${i}` } }];
    case 'enhance-cached':
      return [{ tag: 'enhance-cached', method: 'POST', path: '/api/enhance-cached', json: { text: texts[i % 8] } }];
    case 'analyze':
      return [{ tag: 'analyze', method: 'POST', path: '/api/analyze', json: { text: texts[i % texts.length] } }];
    case 'verify':
    case 'migrate':
    case 'command':
      return [{ tag: kind, method: 'POST', path: `/api/${kind}`, json: { ms: 1 }, tenant: t }];
    default:
      return fail(`unknown --mix entry "${kind}"`, 2);
  }
}

const all = [];
let win = [];
let stuck = 0;
let lostIds = 0;
const memory = [];

async function send(req, id, vu) {
  const headers = { 'x-request-id': id, 'x-client-id': `${name}-vu-${vu}` };
  if (req.auth) headers.authorization = `Bearer ${token}`;
  if (req.tenant) headers['x-tenant'] = req.tenant;
  const r = await http(req.method, `${base}${req.path}`, { json: req.json, headers, timeoutMs: 10_000 });
  if (r.status === 0 && r.error === 'TimeoutError') stuck++;
  const echoed = r.headers.get('x-request-id');
  const lost = r.status !== 0 && echoed !== id;
  if (lost) lostIds++;
  const failed = r.status === 0 || r.status >= 400 || lost;
  const rec = { t: Date.now(), tag: req.tag, status: r.status, ms: r.ms, failed };
  all.push(rec);
  win.push(rec);
  metrics.point('http_req_duration', Math.round(r.ms * 100) / 100, { endpoint: req.tag, status: String(r.status) });
  metrics.point('http_req_failed', failed ? 1 : 0, { endpoint: req.tag });
  return r;
}

async function user(vu, deadline, maxOps) {
  const every = (1000 * users) / rps;
  let next = Date.now() + (every * vu) / users;
  for (let i = 0; Date.now() < deadline && i < maxOps; i++) {
    const wait = next - Date.now();
    if (wait > 0) await sleep(Math.min(wait, deadline - Date.now()));
    if (Date.now() >= deadline) break;
    next += every;
    for (const req of operation(mix[(vu + i) % mix.length], vu, i)) {
      const r = await send(req, `${name}-${vu}-${i}`, vu);
      if (req.then === 'stop' && r.status === 200) {
        await send({ tag: 'session_stop', method: 'POST', path: '/session/stop', json: { sessionId: r.json.sessionId } }, `${name}-${vu}-${i}-stop`, vu);
      }
    }
  }
}

async function sample(elapsedS) {
  const m = await http('GET', `${base}/metrics`, { timeoutMs: 5000 });
  const rss = m.status === 200 ? promValue(m.text, 'process_resident_memory_bytes') : undefined;
  if (rss !== undefined) {
    memory.push([Date.now(), rss]);
    metrics.point('process_resident_memory_bytes', rss, { service: 'demo-target' });
  }
  const w = win;
  win = [];
  const errs = w.filter((r) => r.failed).length;
  const lat = w.map((r) => r.ms);
  const pct = (p) => (lat.length ? percentile(lat, p).toFixed(1) : '');
  const row = [new Date().toISOString(), elapsedS, w.length, errs, w.length ? (errs / w.length).toFixed(4) : '0', pct(50), pct(95), pct(99), rss ?? ''];
  appendFileSync(csv, `${row.join(',')}\n`);
  const total = all.length;
  const totalErr = all.filter((r) => r.failed).length;
  log(`${name} ${String(elapsedS).padStart(4)}s/${seconds}s  reqs=${total} errors=${totalErr} (${total ? ((100 * totalErr) / total).toFixed(2) : '0.00'}%)  ${lat.length ? `window p50=${row[5]}ms p95=${row[6]}ms p99=${row[7]}ms` : 'baseline'}${rss ? `  rss=${fmtMB(rss)}` : ''}`);
}

const h = await http('GET', `${base}/health`);
if (h.status !== 200) fail(`target ${base} is not healthy (/health -> ${h.status || h.error}); start it first`);
const sessionsBefore = mix.includes('session') ? (await http('GET', `${base}/session/count`)).json?.open : undefined;
writeFileSync(csv, 'time,elapsed_s,requests,errors,error_rate,p50_ms,p95_ms,p99_ms,rss_bytes\n');
log(`${name}: ${seconds}s at ${rps} req/s with ${users} user(s), mix ${mix.join('+')}, sampling every ${sampleS}s against ${base}`);

const t0 = Date.now();
const deadline = t0 + seconds * 1000;
const maxOps = Math.ceil((rps * seconds) / users) + 5;
const load = Promise.all(Array.from({ length: users }, (_, vu) => user(vu, deadline, maxOps)));
let done = false;
void load.then(() => (done = true));
await sample(0);
while (!done) {
  const nextSample = Math.min(deadline + 15_000, Date.now() + sampleS * 1000);
  while (!done && Date.now() < nextSample) await sleep(Math.min(200, nextSample - Date.now()));
  await sample(Math.round((Date.now() - t0) / 1000));
  if (Date.now() > deadline + 15_000) break; // requests still hanging 15 s past the end: reported as stuck
}
await load.catch(() => undefined);
await metrics.close();

// Verdicts.
const problems = [];
const total = all.length;
const errors = all.filter((r) => r.failed).length;
const errorRate = total ? errors / total : 1;
const lat = all.map((r) => r.ms);
const half = Math.floor(total / 2);
const p95First = percentile(lat.slice(0, half), 95);
const p95Second = percentile(lat.slice(half), 95);
if (total === 0) problems.push('no requests completed');
if (errorRate >= maxErrorRate) problems.push(`error rate ${(errorRate * 100).toFixed(3)}% is not below ${(maxErrorRate * 100).toFixed(3)}%`);
if (stuck) problems.push(`${stuck} request(s) hung for 10s (deadlock or stuck worker)`);
if (lostIds) problems.push(`${lostIds} response(s) lost their correlation id`);
if (half >= 20 && p95Second > Math.max(2 * p95First, p95First + 50)) problems.push(`P95 latency trending up: ${p95First.toFixed(1)}ms -> ${p95Second.toFixed(1)}ms`);
if (maxP95 !== undefined && percentile(lat, 95) >= maxP95) problems.push(`P95 ${percentile(lat, 95).toFixed(1)}ms is not below ${maxP95}ms`);
let memGrowthMB = null;
if (memory.length >= 4) {
  const third = Math.max(1, Math.floor((memory.length - 1) / 3));
  const med = (pts) => percentile(pts.map(([, v]) => v), 50);
  memGrowthMB = (med(memory.slice(-third)) - med(memory.slice(1, 1 + third))) / 1e6;
  if (memGrowthMB > maxMemGrowthMB) problems.push(`memory grew ${memGrowthMB.toFixed(1)}MB (limit ${maxMemGrowthMB}MB): unbounded growth`);
} else if (memory.length === 0) warn('no process_resident_memory_bytes from /metrics: memory not checked');
if (sessionsBefore !== undefined) {
  const after = (await http('GET', `${base}/session/count`)).json?.open;
  if (after > sessionsBefore) problems.push(`${after - sessionsBefore} session(s) stuck open`);
}
const byEndpoint = {};
for (const r of all) {
  const e = (byEndpoint[r.tag] ??= { requests: 0, errors: 0, lat: [] });
  e.requests++;
  if (r.failed) e.errors++;
  e.lat.push(r.ms);
}
for (const [tag, limit] of Object.entries(p95By)) {
  const e = byEndpoint[tag];
  if (!e) problems.push(`no requests to ${tag}, so its P95 target of ${limit}ms is unproven`);
  else if (percentile(e.lat, 95) >= limit) problems.push(`${tag}: P95 ${percentile(e.lat, 95).toFixed(1)}ms is not below ${limit}ms`);
}
const summary = {
  name,
  target: base,
  seconds,
  rps,
  users,
  mix,
  requests: total,
  errors,
  errorRate,
  limits: { maxErrorRate, maxMemGrowthMB, maxP95Ms: maxP95 ?? null, p95ByEndpoint: p95By },
  latencyMs: { p50: percentile(lat, 50), p95: percentile(lat, 95), p99: percentile(lat, 99), p95FirstHalf: p95First, p95SecondHalf: p95Second },
  endpoints: Object.fromEntries(Object.entries(byEndpoint).map(([k, v]) => [k, { requests: v.requests, errors: v.errors, p95: percentile(v.lat, 95) }])),
  memory: { samples: memory.length, growthMB: memGrowthMB, slopeMBPerHour: memory.length >= 2 ? slopePerHour(memory) / 1e6 : null },
  stuckRequests: stuck,
  lostCorrelationIds: lostIds,
  verdict: problems.length ? 'FAIL' : 'PASS',
  problems,
};
writeJson(join(dir, `${name}-summary.json`), summary);
for (const [k, v] of Object.entries(summary.endpoints)) log(`  ${k.padEnd(15)} ${String(v.requests).padStart(6)} reqs  ${v.errors} errors  p95=${v.p95.toFixed(1)}ms`);
if (problems.length) {
  for (const p of problems) bad(p);
  fail(`${name}: ${problems.length} check(s) failed`);
}
ok(`${name}: ${total} requests, error rate ${(errorRate * 100).toFixed(3)}% < ${(maxErrorRate * 100).toFixed(2)}%, p95 ${summary.latencyMs.p95.toFixed(1)}ms${memGrowthMB !== null ? `, memory growth ${memGrowthMB.toFixed(1)}MB` : ''}`);
