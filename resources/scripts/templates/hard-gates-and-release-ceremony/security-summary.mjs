// Gate 3 verdict: every adversarial test of 3A-3C rejected with the correct
// error code, and 3D (secrets scan + config validation) clean. Writes out/security-tests.json.
import { existsSync } from 'node:fs';
import { bad, fail, ok, readJson, writeJson } from '../common/lib.mjs';

const parts = {
  '3A internal service auth': ['out/security-auth/security-auth.json'],
  '3B policy enforcement': ['out/security-policy/security-policy.json'],
  '3C allowlist, sandboxing and input validation': ['out/security-sandbox/security-sandbox.json', 'out/security-input/security-input.json'],
};
const report = { gate: 'Gate 3: Security & Safety', at: new Date().toISOString(), subGates: {}, attacks: 0, rejected: 0 };
let problems = 0;
for (const [name, files] of Object.entries(parts)) {
  const results = files.flatMap((f) => (existsSync(f) ? readJson(f).results : (bad(`${name}: missing ${f}`), problems++, [])));
  const attacks = results.filter((r) => !r.name.startsWith('control:'));
  const through = results.filter((r) => r.outcome !== 'passed');
  report.subGates[name] = { tests: results.length, attacks: attacks.length, failed: through.map((r) => `${r.name}: ${r.message}`) };
  report.attacks += attacks.length;
  report.rejected += attacks.filter((r) => r.outcome === 'passed').length;
  if (through.length) problems++;
  (through.length ? bad : ok)(`${name}: ${attacks.length - through.length}/${attacks.length} attacks rejected with the correct code`);
}
const d = readJson('out/security/secrets-config.json');
report.subGates['3D secrets scan and config validation'] = { ok: d.ok, files: d.files, findings: d.findings.length, problems: d.problems };
(d.ok ? ok : bad)(`3D secrets scan and config validation: ${d.findings.length} findings, ${d.problems.length} problems`);
if (!d.ok) problems++;
if (report.attacks < 10) {
  bad(`only ${report.attacks} adversarial tests; the gate requires 10+`);
  problems++;
}
report.ok = problems === 0;
writeJson('out/security-tests.json', report);
if (!report.ok) fail('Gate 3 failed: a security bypass or finding (zero tolerance)');
ok(`Gate 3: all ${report.attacks} adversarial tests rejected; policies enforced server-side`);
