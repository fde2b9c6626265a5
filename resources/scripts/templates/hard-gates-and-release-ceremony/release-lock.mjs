// Gate 6: release process lock. Verifies the evidence of Gates 1-5, then lays
// out the immutable evidence directory of the doc (MANIFEST.json with sha256s,
// the five evidence files, RELEASE_CHECKLIST.md with the sign-off matrix).
// It does not tag: `release-cockpit ceremony PLAN` tags the candidate only when
// every gate has passed and been signed off, and signs the bundle.
import { copyFileSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { bad, fail, ok, readJson, sha256File, strEnv, writeJson } from '../common/lib.mjs';

const candidate = strEnv('RELEASE_CANDIDATE', 'release-candidate-1');
const checks = [
  ['Gate 1', 'out/go-no-go-summary.json', (j) => j.decision === 'GO'],
  ['Gate 2', 'out/soak/soak-summary.json', (j) => j.verdict === 'PASS'],
  ['Gate 3', 'out/security-tests.json', (j) => j.ok === true],
  ['Gate 4', 'out/restore/restore-drill.json', (j) => j.ok === true],
  ['Gate 5', 'out/integration-tests/integration-tests.json', (j) => j.failed === 0 && j.tests > 0],
];
let problems = 0;
for (const [gate, file, pass] of checks) {
  const good = pass(readJson(file));
  (good ? ok : bad)(`${gate}: ${file} ${good ? 'PASS' : 'does not show a pass'}`);
  if (!good) problems++;
}
if (problems) fail(`${problems} gate(s) without passing evidence: the release is not locked`);

const dir = join('out', candidate);
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
const files = {
  'go-no-go-summary.json': 'out/go-no-go-summary.json',
  'soak-metrics-final.csv': 'out/soak/soak-metrics-final.csv',
  'security-tests.json': 'out/security-tests.json',
  'restore-drill.json': 'out/restore/restore-drill.json',
  'integration-tests.json': 'out/integration-tests/integration-tests.json',
};
for (const [name, src] of Object.entries(files)) copyFileSync(src, join(dir, name));
const signoffs = [
  ['Engineering', 'Code reviewed, tests pass', 'gate1-go-no-go, gate5-integration'],
  ['QA', 'Security testing complete', 'gate3-security'],
  ['Operations', 'Soak and backup/restore validated', 'gate2-soak, gate4-backup-restore'],
  ['Release Manager', 'All gates passed', 'release ceremony (signs the bundle)'],
  ['Director/VP', 'Approved for GA', 'gate6-release-lock'],
];
writeFileSync(
  join(dir, 'RELEASE_CHECKLIST.md'),
  [
    `# Release checklist: ${candidate}`,
    '',
    '| gate | evidence | sha256 |',
    '|---|---|---|',
    ...Object.keys(files).map((n, i) => `| Gate ${i + 1} | ${n} | \`${sha256File(join(dir, n)).slice(0, 16)}…\` |`),
    '',
    '## Sign-offs (recorded by Release Cockpit as signed statements)',
    '',
    '| role | meaning | gate | signed |',
    '|---|---|---|---|',
    ...signoffs.map(([r, m, g]) => `| ${r} | ${m} | ${g} | ☐ |`),
    '',
  ].join('\n'),
);
const manifest = Object.keys(files).concat('RELEASE_CHECKLIST.md').map((n) => ({ path: n, sha256: sha256File(join(dir, n)), size: statSync(join(dir, n)).size }));
writeJson(join(dir, 'MANIFEST.json'), { candidate, createdAt: new Date().toISOString(), files: manifest });
for (const m of manifest) console.log(`  ${m.sha256}  ${basename(m.path)}`);
ok(`evidence for ${candidate} locked in ${dir} (${manifest.length} files); next: sign-offs, then \`release-cockpit ceremony\``);
