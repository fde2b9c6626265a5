// Health checks at a fixed interval; every single one must pass ("zero misses").
//   node health-watch.mjs [--checks 30] [--interval-ms 1000] [--path /health]
// HEALTH_CHECKS and HEALTH_INTERVAL_MS override (the real Gate 1: 360 checks every 5000 ms = 30 min).
// Writes out/health/health-checks.json; exits 1 on the first miss (zero tolerance).
import { join } from 'node:path';
import { args, fail, fmtMs, http, log, numEnv, ok, outDir, percentile, sleep, targetUrl, writeJson } from './lib.mjs';

const a = args();
const checks = numEnv('HEALTH_CHECKS', Number(a.checks ?? 30), { min: 1, max: 100_000 });
const every = numEnv('HEALTH_INTERVAL_MS', Number(a['interval-ms'] ?? 1000), { min: 10, max: 600_000 });
const paths = String(a.path ?? '/health').split(',');
const base = targetUrl();
const report = { target: base, paths, checks, intervalMs: every, passed: 0, misses: [], latencyMs: {} };
const lat = [];
log(`health: ${checks} checks of ${paths.join(' + ')} every ${fmtMs(every)} (about ${fmtMs(checks * every)})`);
for (let i = 1; i <= checks; i++) {
  const t0 = Date.now();
  for (const p of paths) {
    const r = await http('GET', `${base}${p}`, { timeoutMs: Math.min(5000, every * 2 + 1000) });
    lat.push(r.ms);
    if (r.status !== 200) {
      report.misses.push({ check: i, path: p, status: r.status, error: r.error ?? r.json?.error ?? null, at: new Date().toISOString() });
      writeJson(join(outDir('health'), 'health-checks.json'), { ...report, ok: false });
      fail(`health check ${i}/${checks} missed: ${p} -> ${r.status || r.error}`);
    }
  }
  report.passed = i;
  if (i % Math.max(1, Math.ceil(checks / 10)) === 0 || i === checks) log(`health: ${i}/${checks} ok (p95 ${fmtMs(percentile(lat, 95))})`);
  if (i < checks) await sleep(Math.max(0, every - (Date.now() - t0)));
}
report.latencyMs = { p50: percentile(lat, 50), p95: percentile(lat, 95), max: Math.max(...lat) };
writeJson(join(outDir('health'), 'health-checks.json'), { ...report, ok: true });
ok(`health: ${report.passed}/${checks} checks passed, 0 misses`);
