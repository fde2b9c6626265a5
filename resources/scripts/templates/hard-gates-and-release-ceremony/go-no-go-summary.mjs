// Gate 1 verdict (Go/No-Go startup reliability): reads the evidence of the
// cycle, health and determinism gates, applies the pass criteria, and
// captures the release artifact bundle for Gate 1 (hashes of everything it read).
//   Pass: N/N cycles successful, 0 zombie PIDs, all health checks, 2x identical test results.
//   node go-no-go-summary.mjs [--cycles 10]
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { args, bad, fail, log, numEnv, ok, readJson, sha256File, writeJson } from '../common/lib.mjs';

const a = args();
const cycles = Number(a.cycles ?? 10);
const healthExpected = numEnv('HEALTH_CHECKS', 30);
const criteria = [];
const add = (name, pass, detail) => {
  criteria.push({ name, pass, detail });
  (pass ? ok : bad)(`${name}: ${detail}`);
};

const cycleFiles = existsSync('out/cycles') ? readdirSync('out/cycles').filter((f) => /^cycle-\d+\.json$/.test(f)) : [];
const cycleResults = cycleFiles.map((f) => readJson(join('out/cycles', f)));
const okCycles = cycleResults.filter((c) => c.ok).length;
const zombieCount = cycleResults.reduce((n, c) => n + (c.zombies?.length ?? 0), 0);
add('start/stop cycles', okCycles === cycles && cycleResults.length === cycles, `${okCycles}/${cycles} successful`);
add('zombie processes', zombieCount === 0, `${zombieCount} zombie PID(s)`);

const health = readJson('out/health/health-checks.json');
add('health checks', health.ok && health.passed === health.checks && health.checks >= healthExpected, `${health.passed}/${health.checks} passed (${health.misses.length} misses)`);

const runs = [1, 2].map((n) => readJson(`out/integration-tests/attempt-${n}.json`));
const outcome = (r) => JSON.stringify(r.results.map((t) => [t.classname, t.name, t.outcome]));
add('integration tests twice, identical', runs[0].failed === 0 && runs[1].failed === 0 && outcome(runs[0]) === outcome(runs[1]), `run 1: ${runs[0].passed}/${runs[0].tests}, run 2: ${runs[1].passed}/${runs[1].tests}`);

const evidenceFiles = [...cycleFiles.map((f) => join('out/cycles', f)), 'out/health/health-checks.json', 'out/integration-tests/attempt-1.json', 'out/integration-tests/attempt-2.json'];
const bundle = evidenceFiles.map((p) => ({ path: p, sha256: sha256File(p) }));
const go = criteria.every((c) => c.pass);
writeJson('out/go-no-go-summary.json', { gate: 'Gate 1: Go/No-Go', at: new Date().toISOString(), decision: go ? 'GO' : 'NO-GO', criteria, artifactBundle: bundle });
log(`captured release artifact bundle: ${bundle.length} files hashed into out/go-no-go-summary.json`);
if (!go) fail('NO-GO: Gate 1 criteria not met (zero tolerance: stop, investigate, fix, retry)');
ok('✓✓✓ ALL GATE 1 CRITERIA PASSED ✓✓✓  Release Candidate Ready: YES');
