// Chaos and resilience drills against the target's fault-injection hooks
// (the demo target's /admin/fault; for a real system, replace inject/clear with your chaos tooling).
//   node chaos.mjs --scenario db-outage|tenant-outage|verify-delay|backpressure|circuit-breaker|crash-recovery|fairness [...]
//                  [--recovery-seconds 60]
// Every scenario clears its fault afterwards, is bounded in time and requests, and writes out/chaos/<scenario>.json.
import { join } from 'node:path';
import { fail, fmtMs, http, log, numEnv, ok, outDir, percentile, serviceToken, sleep, targetUrl, waitFor, writeJson } from './lib.mjs';
import { startInstance } from './instance.mjs';

const scenarios = process.argv.slice(2).reduce((acc, x, i, all) => (x === '--scenario' ? [...acc, all[i + 1]] : acc), []);
const recoveryS = numEnv('RECOVERY_SECONDS', Number(process.argv.includes('--recovery-seconds') ? process.argv[process.argv.indexOf('--recovery-seconds') + 1] : 60), { min: 1, max: 3600 });
const base = targetUrl();
const auth = { authorization: `Bearer ${serviceToken()}` };
const dir = outDir('chaos');
const post = (p, json, headers = {}) => http('POST', `${base}${p}`, { json, headers });
const fault = async (body) => {
  const r = await post('/admin/fault', body, auth);
  if (r.status !== 200) throw new Error(`fault injection ${JSON.stringify(body)} failed: ${r.status}`);
};
const must = (cond, msg) => {
  if (!cond) throw new Error(msg);
};

const SCENARIOS = {
  async 'db-outage'(ev) {
    const text = 'cached paragraph for the outage drill';
    must((await post('/api/enhance-cached', { text })).status === 200, 'warm-up failed');
    await fault({ mode: 'db-outage' });
    log('injected: database outage');
    const h = await http('GET', `${base}/health`);
    must(h.status === 200 && h.json.status === 'degraded' && h.headers.get('x-degraded') === 'db', `health must say degraded explicitly, got ${h.status} ${h.json?.status}`);
    must((await http('GET', `${base}/db/health`)).status === 503, '/db/health must be 503 during the outage');
    const cached = await post('/api/enhance-cached', { text });
    must(cached.status === 200 && cached.json.cached, `cached reads must keep working in degraded mode, got ${cached.status}`);
    const fresh = await post('/api/enhance', { text: 'uncached during outage' });
    must(fresh.status === 503 && /degraded/.test(fresh.json?.error ?? ''), `uncached work must fail clearly (503 degraded), got ${fresh.status}`);
    ok('degraded mode is explicit: health=degraded, cache served, new work refused with a clear error');
    const t0 = Date.now();
    await fault({ mode: 'clear' });
    const back = await waitFor(async () => (await http('GET', `${base}/db/health`)).status === 200, { timeoutMs: recoveryS * 1000, everyMs: 100 });
    ev.recoveryMs = Date.now() - t0;
    must(back, `no recovery within ${recoveryS}s`);
    ok(`recovered in ${fmtMs(ev.recoveryMs)}`);
  },

  async 'tenant-outage'(ev) {
    await fault({ mode: 'tenant-outage', tenant: 'tenant-b' });
    log('injected: partial outage of tenant-b');
    const by = {};
    for (const t of ['tenant-a', 'tenant-b', 'tenant-c']) {
      by[t] = [];
      for (let i = 0; i < 5; i++) by[t].push((await post('/api/command', { ms: 1 }, { 'x-tenant': t })).status);
    }
    ev.statuses = by;
    must(by['tenant-b'].every((s) => s === 503), `tenant-b must be unavailable, got ${by['tenant-b']}`);
    must(['tenant-a', 'tenant-c'].every((t) => by[t].every((s) => s === 200)), `other tenants must be unaffected, got ${JSON.stringify(by)}`);
    ok('tenant isolation: only tenant-b affected');
    const t0 = Date.now();
    await fault({ mode: 'clear' });
    must(await waitFor(async () => (await post('/api/command', {}, { 'x-tenant': 'tenant-b' })).status === 200, { timeoutMs: recoveryS * 1000 }), 'tenant-b did not recover');
    ev.recoveryMs = Date.now() - t0;
    ok(`tenant-b recovered in ${fmtMs(ev.recoveryMs)}`);
  },

  async 'verify-delay'(ev) {
    await fault({ mode: 'verify-delay', ms: 300 });
    log('injected: verification delayed by 300 ms');
    const v = await post('/api/verify', {}, { 'x-tenant': 'tenant-a' });
    const c = await post('/api/command', {}, { 'x-tenant': 'tenant-a' });
    ev.delayed = { verifyMs: Math.round(v.ms), commandMs: Math.round(c.ms) };
    must(v.status === 200 && v.ms >= 250, `delayed verification must still complete (got ${v.status} in ${fmtMs(v.ms)})`);
    must(c.status === 200 && c.ms < 250, `command path must not wait for verification (took ${fmtMs(c.ms)})`);
    await fault({ mode: 'clear' });
    const after = await post('/api/verify', {}, { 'x-tenant': 'tenant-a' });
    must(after.status === 200 && after.ms < 250, `verification did not recover (${fmtMs(after.ms)})`);
    ok(`delayed verification completes (${fmtMs(v.ms)}), command path unaffected (${fmtMs(c.ms)}), recovered (${fmtMs(after.ms)})`);
  },

  async backpressure(ev) {
    const statuses = {};
    for (let i = 0; i < 20; i++) {
      const r = await post('/api/replay', { items: 100 });
      statuses[r.status] = (statuses[r.status] ?? 0) + 1;
      if (r.status === 429) break;
    }
    ev.statuses = statuses;
    must(statuses[429] > 0, 'the replay queue never pushed back (no 429)');
    must(!Object.keys(statuses).some((s) => s >= 500), `replay answered 5xx under pressure: ${JSON.stringify(statuses)}`);
    const drained = await waitFor(async () => (await http('GET', `${base}/api/replay`)).json?.queued === 0, { timeoutMs: 10_000 });
    must(drained, 'replay queue did not drain within 10s');
    ok(`backpressure: ${JSON.stringify(statuses)}, no 5xx, queue drained`);
  },

  async 'circuit-breaker'(ev) {
    await fault({ mode: 'dependency-down' });
    log('injected: downstream dependency down');
    const seen = [];
    for (let i = 0; i < 8; i++) {
      const r = await post('/api/upstream', {});
      seen.push({ status: r.status, ms: Math.round(r.ms), circuit: r.headers.get('x-circuit') });
    }
    ev.requests = seen;
    const open = seen.filter((s) => s.circuit === 'open' && s.status === 503);
    must(open.length >= 4, `breaker did not open: ${JSON.stringify(seen)}`);
    must(open.every((s) => s.ms < 100), 'open breaker must fail fast, without waiting for the dependency timeout (100 ms)');
    await fault({ mode: 'clear' });
    await sleep(1100);
    const r = await post('/api/upstream', {});
    must(r.status === 200, `breaker did not close after recovery (${r.status})`);
    ok(`circuit breaker opened after ${seen.findIndex((s) => s.circuit === 'open') + 1} failures, failed fast, closed after recovery`);
  },

  async 'crash-recovery'(ev) {
    const state = join(dir, 'crash-instance');
    const inst = await startInstance({ stateDir: state, env: { DEMO_SERVICE_TOKEN: 'crash-drill-token' } });
    const h = { authorization: 'Bearer crash-drill-token' };
    const acked = [];
    for (let i = 0; i < 50; i++) {
      const r = await http('POST', `${inst.url}/db/records`, { json: { key: `crash-${i}`, value: i }, headers: h });
      if (r.status === 200) acked.push(`crash-${i}`);
    }
    log(`${acked.length} writes acknowledged; killing the service with SIGKILL`);
    await inst.stop('SIGKILL');
    const t0 = performance.now();
    const again = await startInstance({ stateDir: state, env: { DEMO_SERVICE_TOKEN: 'crash-drill-token' }, timeoutMs: recoveryS * 1000 });
    ev.recoveryMs = Math.round(performance.now() - t0);
    const rows = (await http('GET', `${again.url}/db/records`, { headers: h })).json?.rows ?? {};
    const lost = acked.filter((k) => !(k in rows));
    const stop = await again.stop();
    ev.lostWrites = lost.length;
    must(lost.length === 0, `${lost.length} acknowledged write(s) lost in the crash`);
    must(stop.clean, 'restarted instance left processes behind');
    must(ev.recoveryMs < recoveryS * 1000, `recovery took ${fmtMs(ev.recoveryMs)} (limit ${recoveryS}s)`);
    ok(`crash recovery: 0 of ${acked.length} acknowledged writes lost, back in ${fmtMs(ev.recoveryMs)} (< ${recoveryS}s)`);
  },

  async fairness(ev) {
    const stat = { noisy: {}, quiet: {} };
    const lat = [];
    const noisy = Promise.all(Array.from({ length: 4 }, async () => {
      for (let i = 0; i < 25; i++) {
        const r = await post('/api/command', {}, { 'x-tenant': 'noisy-tenant' });
        stat.noisy[r.status] = (stat.noisy[r.status] ?? 0) + 1;
      }
    }));
    const quiet = Promise.all(['tenant-a', 'tenant-c'].map(async (t) => {
      for (let i = 0; i < 10; i++) {
        const r = await post('/api/command', {}, { 'x-tenant': t });
        stat.quiet[r.status] = (stat.quiet[r.status] ?? 0) + 1;
        lat.push(r.ms);
        await sleep(60);
      }
    }));
    await Promise.all([noisy, quiet]);
    ev.statuses = stat;
    ev.quietP95Ms = Math.round(percentile(lat, 95));
    must(stat.noisy[429] > 0, `the noisy tenant was never throttled: ${JSON.stringify(stat.noisy)}`);
    must(Object.keys(stat.quiet).every((s) => s === '200'), `quiet tenants were throttled or failed: ${JSON.stringify(stat.quiet)}`);
    must(ev.quietP95Ms < 200, `quiet tenants starved: p95 ${ev.quietP95Ms}ms`);
    ok(`fairness: noisy tenant throttled ${JSON.stringify(stat.noisy)}, quiet tenants all 200 with p95 ${ev.quietP95Ms}ms`);
  },
};

if (scenarios.length === 0) fail(`usage: chaos.mjs --scenario ${Object.keys(SCENARIOS).join('|')} [...]`, 2);
let failed = 0;
for (const name of scenarios) {
  const run = SCENARIOS[name];
  if (!run) fail(`unknown scenario "${name}"`, 2);
  log(`scenario ${name}: start`);
  const ev = { scenario: name, at: new Date().toISOString(), ok: false };
  try {
    await run(ev);
    ev.ok = true;
  } catch (err) {
    ev.error = err.message;
    failed++;
    log(`scenario ${name}: FAILED: ${err.message}`);
  } finally {
    await post('/admin/fault', { mode: 'clear' }, auth); // never leave a fault behind
    writeJson(join(dir, `${name}.json`), ev);
  }
}
if (failed) fail(`${failed} of ${scenarios.length} scenario(s) failed`);
ok(`${scenarios.length} scenario(s) passed`);
