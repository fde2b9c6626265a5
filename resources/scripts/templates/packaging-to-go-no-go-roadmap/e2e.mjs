// P12 complete deployment scenario, run twice by the plan (junit + determinism):
//   Package (artifact hash matches the signed SHA256SUMS) -> CAB (a risk > 50 change is refused
//   without approval, accepted with it) -> Execute (the target runs the new version, healthy)
//   -> Rollback (back to the prior version, healthy, data intact).
// Demo: "execute" restarts the bundled target with DEMO_VERSION; for a real system set
// DEPLOY_CMD / ROLLBACK_CMD (run with sh) and TARGET_URL.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { http, serviceToken, sha256File, targetUrl, waitFor } from '../common/lib.mjs';
import { check, expectStatus, runSuite } from '../common/junit.mjs';

const base = targetUrl();
const ctl = join(dirname(fileURLToPath(import.meta.url)), '..', 'common', 'target-ctl.mjs');
const deploy = (version, envName) => {
  if (process.env[envName]) execFileSync('/bin/sh', ['-c', process.env[envName]], { stdio: 'ignore', timeout: 600_000 });
  else execFileSync(process.execPath, [ctl, 'restart', '--version', version], { stdio: 'ignore', timeout: 60_000 });
};
const auth = () => ({ authorization: `Bearer ${serviceToken()}` });
const change = { id: 'CHG-2001', risk: 72, package: 'demo-target-1.0.0.tgz', to: '1.1.0' };
let digestBefore;

const cases = [
  { classname: 'e2e.package', name: 'package hash matches the signed SHA256SUMS', run: async () => {
    const dist = 'out/packaging/dist';
    const sums = readFileSync(join(dist, 'SHA256SUMS'), 'utf8');
    const pkg = readdirSync(dist).find((f) => f.endsWith('.tgz'));
    check(Boolean(pkg), 'no package built');
    check(sums.includes(`${sha256File(join(dist, pkg))}  ${pkg}`), `${pkg} does not match SHA256SUMS`);
  } },
  { classname: 'e2e.cab', name: 'high-risk change (risk > 50) without CAB approval is refused', run: async () => {
    check(change.risk > 50, 'the scenario change must be high risk');
    const r = await http('POST', `${base}/v1/action`, { json: { tool: 'shell', args: { command: `echo deploy ${change.id}` } }, headers: auth() });
    expectStatus(r, 403, 'deploy without approval');
  } },
  { classname: 'e2e.cab', name: 'CAB approval lets exactly this change through', run: async () => {
    const args = { command: `echo deploy ${change.id}` };
    const ap = expectStatus(await http('POST', `${base}/v1/approvals`, { json: { tool: 'shell', args }, headers: { ...auth(), 'x-role': 'approver' } }), 200, 'CAB approval');
    expectStatus(await http('POST', `${base}/v1/action`, { json: { tool: 'shell', args, approval: ap.json.approval }, headers: auth() }), 200, 'approved deploy');
  } },
  { classname: 'e2e.execute', name: `execute: target runs ${change.to} and is healthy`, run: async () => {
    digestBefore = (await http('GET', `${base}/db/health`)).json?.digest;
    deploy(change.to, 'DEPLOY_CMD');
    check(await waitFor(async () => (await http('GET', `${base}/health`)).status === 200, { timeoutMs: 30_000 }), 'not healthy after deploy');
    const v = (await http('GET', `${base}/version`)).json?.version;
    check(v === change.to, `version is ${v}`);
  } },
  { classname: 'e2e.rollback', name: 'rollback: prior version restored, healthy, data intact', run: async () => {
    deploy('1.0.0', 'ROLLBACK_CMD');
    check(await waitFor(async () => (await http('GET', `${base}/health`)).status === 200, { timeoutMs: 30_000 }), 'not healthy after rollback');
    const v = (await http('GET', `${base}/version`)).json?.version;
    check(v === '1.0.0', `version is ${v}`);
    check((await http('GET', `${base}/db/health`)).json?.digest === digestBefore, 'data changed across deploy + rollback');
  } },
];
const { failed } = await runSuite('e2e-scenario', cases);
process.exit(failed ? 1 : 0);
