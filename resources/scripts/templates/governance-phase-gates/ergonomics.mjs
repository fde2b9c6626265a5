// Milestone P8.3, spec and migration ergonomics at scale:
//   negative-checks     P8.3.1+2  the pain-point taxonomy is frozen and every pain point has negative
//                                 fixtures the spec compiler must REJECT (422); reference specs must pass (JUnit)
//   migration-assistant P8.3.3    migration specs: coverage, state-map safety, rollback readiness
//   benchmark           P8.3.4    spec/migration validation timings across the reference verticals
//   report              P8.3.5    every ergonomics change is covered by conformance + negative suites
// Demo: the "compiler" is the demo target's /api/spec/validate; fixtures live in specs/.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { args, fail, http, log, numEnv, ok, percentile, readJson, targetUrl, writeJson } from '../common/lib.mjs';
import { check, runSuite } from '../common/junit.mjs';

const cmd = args()._[0];
const base = targetUrl();
const specs = (kind) => readdirSync(join('specs', kind)).filter((f) => f.endsWith('.json')).sort();
const load = (kind, f) => JSON.parse(readFileSync(join('specs', kind, f), 'utf8'));
const validate = (spec) => http('POST', `${base}/api/spec/validate`, { json: spec });

async function negativeChecks() {
  const tax = readJson('pain-points.json');
  const invalid = specs('invalid');
  const cases = [
    { classname: 'taxonomy', name: 'pain-point taxonomy is frozen and every pain point has negative fixtures', run: async () => {
      check(Boolean(tax.frozen), 'taxonomy has no freeze date');
      for (const p of tax.painPoints) for (const f of p.negativeFixtures) check(invalid.includes(f), `${p.id}: fixture ${f} missing`);
      return `${tax.painPoints.length} pain points`;
    } },
    ...specs('valid').map((f) => ({ classname: 'conformance', name: `accepts ${f}`, run: async () => {
      const r = await validate(load('valid', f));
      check(r.status === 200, `rejected: ${JSON.stringify(r.json?.errors ?? r.status)}`);
    } })),
    ...invalid.map((f) => ({ classname: 'negative', name: `rejects ${f}`, run: async () => {
      const r = await validate(load('invalid', f));
      check(r.status === 422, `expected 422, got ${r.status} (a wrong spec compiled)`);
      check(r.json.errors.every((e) => /"|migration|rollback|entity|fields/.test(e)), 'an error message does not name what is wrong');
      return r.json.errors[0];
    } })),
  ];
  const { failed } = await runSuite('negative-checks', cases);
  process.exit(failed ? 1 : 0);
}

async function migrationAssistant() {
  const problems = [];
  const checked = [];
  for (const kind of ['valid', 'invalid']) {
    for (const f of specs(kind)) {
      const spec = load(kind, f);
      if (!spec.migration) continue;
      const r = await validate(spec);
      const accepted = r.status === 200;
      checked.push({ spec: `${kind}/${f}`, accepted, errors: r.json?.errors ?? [] });
      if (kind === 'valid' && !accepted) problems.push(`${f}: a correct migration was rejected`);
      if (kind === 'invalid' && accepted) problems.push(`${f}: an unsafe migration was accepted`);
      log(`  ${kind}/${f}: ${accepted ? 'accepted' : `rejected (${r.json.errors.join('; ')})`}`);
    }
  }
  const rules = { coverage: checked.length > 0, stateMapSafety: checked.some((c) => c.errors.some((e) => e.includes('stateMap'))), rollbackReadiness: checked.some((c) => c.errors.some((e) => e.includes('rollback'))) };
  for (const [k, v] of Object.entries(rules)) if (!v) problems.push(`no migration fixture exercises ${k}`);
  writeJson('out/p8/migration-assistant.json', { checked, rules, problems, ok: problems.length === 0 });
  if (problems.length) fail(problems.join('; '));
  ok(`migration assistant: ${checked.length} migration specs; coverage, state-map safety and rollback readiness enforced`);
}

async function benchmark() {
  const rounds = numEnv('BENCH_ROUNDS', 20, { min: 1, max: 10_000 });
  const verticals = {};
  for (const f of specs('valid')) {
    const spec = load('valid', f);
    const ms = [];
    for (let i = 0; i < rounds; i++) ms.push((await validate(spec)).ms);
    verticals[spec.entity] = { rounds, p50Ms: percentile(ms, 50), p95Ms: percentile(ms, 95) };
    log(`  ${spec.entity.padEnd(10)} p50 ${percentile(ms, 50).toFixed(1)}ms  p95 ${percentile(ms, 95).toFixed(1)}ms over ${rounds} validations`);
  }
  const errorsPerBadSpec = [];
  for (const f of specs('invalid')) errorsPerBadSpec.push((await validate(load('invalid', f))).json?.errors?.length ?? 0);
  writeJson('out/p8/usability-benchmark.json', { verticals, diagnostics: { badSpecs: errorsPerBadSpec.length, meanErrorsPerBadSpec: errorsPerBadSpec.reduce((x, y) => x + y, 0) / errorsPerBadSpec.length }, ok: true });
  ok(`usability benchmark across ${Object.keys(verticals).length} reference verticals written`);
}

function report() {
  const { changes } = readJson('ergonomics-changes.json');
  const neg = readJson('out/negative-checks/negative-checks.json');
  const passedNames = new Set(neg.results.filter((r) => r.outcome === 'passed').map((r) => r.name));
  const problems = [];
  for (const c of changes) {
    for (const f of c.conformance) if (!passedNames.has(`accepts ${f}`)) problems.push(`${c.id}: conformance ${f} not passing`);
    for (const f of c.negative) if (!passedNames.has(`rejects ${f}`)) problems.push(`${c.id}: negative check ${f} not passing`);
  }
  writeJson('out/p8/ergonomics-report.json', { changes: changes.map((c) => c.id), invariantSafety: problems.length === 0, problems, ok: problems.length === 0 });
  if (problems.length) fail(problems.join('; '));
  ok(`ergonomics report: ${changes.length} changes, each covered by conformance + negative suites (invariants preserved)`);
}

const commands = { 'negative-checks': negativeChecks, 'migration-assistant': migrationAssistant, benchmark, report };
if (!commands[cmd]) fail(`usage: ergonomics.mjs ${Object.keys(commands).join('|')}`, 2);
await commands[cmd]();
