// Rollback drill (docs: "use prior deploy artifact"): upgrade the running target
// to the next version, write data, then roll back to the prior artifact and
// check version, health, the evidence probes' contracts and data integrity.
//   node rollback-drill.mjs [--from 1.0.0] [--to 1.1.0] [--max-seconds 60]
// Real system: set ROLLBACK_CMD / UPGRADE_CMD (run with sh) and TARGET_URL; run it on staging.
// Writes out/rollback/rollback-drill.json; exits 1 on any failed check.
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { args, bad, fail, fmtMs, http, log, ok, outDir, serviceToken, targetUrl, waitFor, writeJson } from '../common/lib.mjs';

const a = args();
const from = String(a.from ?? '1.0.0');
const to = String(a.to ?? '1.1.0');
const maxS = Number(a['max-seconds'] ?? 60);
const base = targetUrl();
const ctl = join(dirname(fileURLToPath(import.meta.url)), '..', 'common', 'target-ctl.mjs');
const deploy = (version, cmdEnv) => {
  const custom = process.env[cmdEnv];
  if (custom) execFileSync('/bin/sh', ['-c', custom], { stdio: 'inherit', timeout: 600_000 });
  else execFileSync(process.execPath, [ctl, 'restart', '--version', version], { stdio: 'inherit', timeout: 60_000 });
};
const version = async () => (await http('GET', `${base}/version`)).json?.version;
const report = { from, to, steps: [], ok: false };
const problems = [];

const before = await version();
if (before !== from && !process.env.TARGET_URL) problems.push(`expected to start from ${from}, target runs ${before}`);
log(`upgrade ${before} -> ${to}`);
deploy(to, 'UPGRADE_CMD');
if ((await version()) !== to) problems.push(`upgrade did not take: version is ${await version()}`);
const auth = () => ({ authorization: `Bearer ${serviceToken()}` });
const rows = Array.from({ length: 20 }, (_, i) => ({ key: `rollback-${i}`, value: { limit: 100 + i } }));
if ((await http('POST', `${base}/db/quotas`, { json: { rows }, headers: auth() })).status !== 200) problems.push('could not write quota rows on the new version');
const digestBefore = (await http('GET', `${base}/db/health`)).json?.digest;
report.steps.push({ step: 'upgrade', version: to, digest: digestBefore });

log(`rollback ${to} -> ${from} (prior deploy artifact)`);
const t0 = performance.now();
deploy(from, 'ROLLBACK_CMD');
const healthy = await waitFor(async () => (await http('GET', `${base}/health`)).status === 200, { timeoutMs: maxS * 1000 });
const rollbackMs = performance.now() - t0;
report.steps.push({ step: 'rollback', version: from, ms: Math.round(rollbackMs) });
if (!healthy) problems.push(`not healthy within ${maxS}s after rollback`);
if ((await version()) !== from) problems.push(`rollback did not take: version is ${await version()}`);
const digestAfter = (await http('GET', `${base}/db/health`)).json?.digest;
if (digestAfter !== digestBefore) problems.push('data changed across the rollback (digest differs)');
const contracts = {
  health: (await http('GET', `${base}/health`)).status,
  chat: (await http('POST', `${base}/api/chat`, { json: { message: 'hi' }, headers: { 'x-client-id': 'rollback-drill' } })).status,
  wrongContentType: (await http('POST', `${base}/api/chat`, { body: 'hi', headers: { 'content-type': 'text/plain' } })).status,
};
if (contracts.health !== 200 || contracts.chat !== 200 || contracts.wrongContentType !== 415) problems.push(`contracts after rollback: ${JSON.stringify(contracts)}`);
report.contracts = contracts;
report.rollbackMs = Math.round(rollbackMs);
report.problems = problems;
report.ok = problems.length === 0;
writeJson(join(outDir('rollback'), 'rollback-drill.json'), report);
if (problems.length) {
  for (const p of problems) bad(p);
  fail('rollback drill failed');
}
ok(`rollback to ${from} in ${fmtMs(rollbackMs)}: healthy, contracts 200/415 hold, data intact`);
