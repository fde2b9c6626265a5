/**
 * The attack suite (test/integration/attacks/), run by vitest for the
 * reliability report: each test is one attack tried; a passing test is an
 * attack caught (it asserts the refusal and the rule named).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface AttackResult {
  file: string;
  group: string;
  name: string;
  caught: boolean;
}

export function runAttacks(root: string): AttackResult[] {
  const dir = mkdtempSync(join(tmpdir(), 'cockpit-attacks-report-'));
  try {
    const out = join(dir, 'attacks.json');
    // The run itself keeps run directories (its byte checks read them); the attacks check that they go.
    const env = { ...process.env };
    delete env.COCKPIT_KEEP_RUN_DIRS;
    spawnSync(join(root, 'node_modules', '.bin', 'vitest'), ['run', 'test/integration/attacks', '--reporter=json', `--outputFile.json=${out}`], {
      cwd: root, stdio: ['ignore', 'ignore', 'inherit'], env,
    });
    const report = JSON.parse(readFileSync(out, 'utf8')) as {
      testResults: { name: string; assertionResults: { ancestorTitles: string[]; title: string; status: string }[] }[];
    };
    return report.testResults.flatMap((f) => f.assertionResults.map((a) => ({
      file: f.name.slice(f.name.indexOf('test/integration/attacks/')),
      group: a.ancestorTitles.join(' › '),
      name: a.title,
      caught: a.status === 'passed',
    })));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function attackSection(results: AttackResult[]): string[] {
  const caught = results.filter((r) => r.caught).length;
  return [
    '## Attacks on the evidence', '',
    `- tried: ${results.length}; caught: ${caught}`, '',
    'Each is a test in `test/integration/attacks/`, against a real bundle and store made through the CLI; the bundle',
    "attacks rewrite the readable records to agree with each other and re-sign MANIFEST.json with the release manager's",
    'trusted key, so only the deeper rules can catch them ([ADR 0007](docs/adr/0007-trust-model.md)). "Caught" means the test',
    'passed: the attack was refused with its rule named (one test shows the documented limit and what exposes it).', '',
    '| attack | group (file) | caught |', '|---|---|---|',
    ...results.map((r) => `| ${r.name} | ${r.group} (\`${r.file.replace('test/integration/attacks/', '')}\`) | ${r.caught ? 'yes' : '**NO**'} |`),
    '',
  ];
}
