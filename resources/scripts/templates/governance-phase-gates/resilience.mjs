// Milestone P8.2, multi-tenant operational resilience (the drills themselves are
// ../common/chaos.mjs and ../common/soak.mjs; this script holds the contract and the report):
//   contract  P8.2.1  the resilience contract defines tenant isolation, rollback isolation and a
//                     recovery window for every drill scenario
//   report    P8.2.5  every scenario passed within its recovery window, or is explicitly deferred
//                     (owner + date); the SLO/error budget held on verify/migrate/command
import { args, bad, fail, ok, readJson, writeJson } from '../common/lib.mjs';

const cmd = args()._[0];
const contract = readJson('resilience-contract.json');

if (cmd === 'contract') {
  const problems = [];
  for (const k of ['tenantIsolation', 'rollbackIsolation', 'recoveryWindowsSeconds', 'scenarios']) if (!contract[k]) problems.push(`contract lacks ${k}`);
  for (const s of Object.keys(contract.scenarios ?? {})) {
    if (s !== 'fairness' && !(contract.recoveryWindowsSeconds?.[s] > 0)) problems.push(`scenario ${s} has no recovery window`);
  }
  writeJson('out/p8/resilience-contract.json', { scenarios: Object.keys(contract.scenarios ?? {}), recoveryWindowsSeconds: contract.recoveryWindowsSeconds, problems, ok: problems.length === 0 });
  if (problems.length) fail(problems.join('; '));
  ok(`resilience contract: tenant isolation, rollback isolation, recovery windows for ${Object.keys(contract.recoveryWindowsSeconds).length} scenarios`);
} else if (cmd === 'report') {
  const problems = [];
  const scenarios = {};
  for (const s of Object.keys(contract.scenarios)) {
    const r = readJson(`out/chaos/${s}.json`, { ok: false, error: 'not run' });
    const deferred = contract.deferred.find((d) => d.scenario === s);
    const window = contract.recoveryWindowsSeconds[s];
    const inWindow = r.recoveryMs === undefined || window === undefined || r.recoveryMs <= window * 1000;
    scenarios[s] = { passed: r.ok && inWindow, recoveryMs: r.recoveryMs ?? null, windowSeconds: window ?? null, deferred: deferred ?? null };
    if (r.ok && inWindow) ok(`${s}: closed (passed${r.recoveryMs !== undefined ? `, recovered in ${r.recoveryMs}ms` : ''})`);
    else if (deferred?.owner && deferred?.until) ok(`${s}: explicitly deferred to ${deferred.until} (${deferred.owner})`);
    else {
      bad(`${s}: failed and not deferred (${r.error ?? 'outside its recovery window'})`);
      problems.push(`${s} failed and is not explicitly deferred`);
    }
  }
  const slo = readJson('out/slo-budget/slo-budget-summary.json', { verdict: 'MISSING' });
  if (slo.verdict !== 'PASS') problems.push(`SLO/error budget on verify/migrate/command: ${slo.verdict}`);
  else ok(`SLO/error budget held: ${slo.requests} requests, error rate ${(slo.errorRate * 100).toFixed(3)}%`);
  writeJson('out/p8/resilience-report.json', { scenarios, slo: { verdict: slo.verdict, errorRate: slo.errorRate ?? null }, problems, ok: problems.length === 0 });
  if (problems.length) fail(problems.join('; '));
  ok('resilience report published: all scenarios closed or explicitly deferred');
} else fail('usage: resilience.mjs contract|report', 2);
