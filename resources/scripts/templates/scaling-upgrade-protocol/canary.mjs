// Class B rollout rehearsal: a canary of the next version next to the baseline,
// the same smokes on both, error rates compared, and the kill switch proven:
// the flagged feature is served when on and refused immediately when off.
//   node canary.mjs [--version 1.1.0] [--requests 20]
// Real system: CANARY_URL points at the canary segment; the kill switch is your flag service.
// Writes out/canary/canary.json; exits 1 if the canary is worse than baseline or the switch fails.
import { join } from 'node:path';
import { args, bad, fail, http, log, ok, outDir, serviceToken, targetUrl, writeJson } from '../common/lib.mjs';
import { startInstance } from '../common/instance.mjs';

const a = args();
const version = String(a.version ?? '1.1.0');
const n = Number(a.requests ?? 20);
const dir = outDir('canary');
const baseline = { url: targetUrl(), token: serviceToken() };
let inst = null;
let canary;
if (process.env.CANARY_URL) canary = { url: process.env.CANARY_URL, token: baseline.token };
else {
  inst = await startInstance({ stateDir: join(dir, 'state'), version, env: { DEMO_FLAGS: '' } });
  canary = { url: inst.url, token: inst.token() };
  log(`canary ${version} up on ${inst.url} (baseline ${baseline.url})`);
}

async function smokes(t) {
  const res = { requests: 0, errors: 0 };
  for (let i = 0; i < n; i++) {
    const r = i % 2 === 0 ? await http('GET', `${t.url}/health`) : await http('POST', `${t.url}/api/chat`, { json: { message: 'hi' }, headers: { 'x-client-id': `canary-smoke-${i}` } });
    res.requests++;
    if (r.status !== 200) res.errors++;
  }
  const ct = await http('POST', `${t.url}/api/chat`, { body: 'hi', headers: { 'content-type': 'text/plain' } });
  res.wrongContentType = ct.status;
  return res;
}

const problems = [];
const result = { version, baseline: await smokes(baseline), canary: await smokes(canary) };
log(`baseline: ${result.baseline.errors}/${result.baseline.requests} errors; canary: ${result.canary.errors}/${result.canary.requests} errors`);
if (result.canary.errors > result.baseline.errors) problems.push(`canary error count ${result.canary.errors} > baseline ${result.baseline.errors}: promote blocked`);
if (result.canary.wrongContentType !== 415) problems.push(`canary lost the 415 contract (got ${result.canary.wrongContentType})`);
const v = await http('GET', `${canary.url}/version`);
if (!process.env.CANARY_URL && v.json?.version !== version) problems.push(`canary reports version ${v.json?.version}, expected ${version}`);

// Kill switch: flag on -> feature served; flag off -> refused at once, no redeploy.
const flag = (enabled) => http('POST', `${canary.url}/admin/flags`, { json: { name: 'beta', enabled }, headers: { authorization: `Bearer ${canary.token}` } });
await flag(true);
const on = await http('GET', `${canary.url}/api/beta`);
const t0 = performance.now();
await flag(false);
const off = await http('GET', `${canary.url}/api/beta`);
result.killSwitch = { onStatus: on.status, offStatus: off.status, switchMs: Math.round(performance.now() - t0) };
if (on.status !== 200) problems.push(`flagged feature not served with the flag on (${on.status})`);
if (off.status !== 404) problems.push(`kill switch failed: feature still served with the flag off (${off.status})`);
else ok(`kill switch: feature on -> ${on.status}, off -> ${off.status} in ${result.killSwitch.switchMs}ms`);

if (inst) {
  const s = await inst.stop();
  if (!s.clean) problems.push('canary instance left processes behind');
}
result.problems = problems;
result.ok = problems.length === 0;
writeJson(join(dir, 'canary.json'), result);
if (problems.length) {
  for (const p of problems) bad(p);
  fail('canary rehearsal failed');
}
ok(`canary ${version}: no worse than baseline, 415 contract kept, kill switch works`);
