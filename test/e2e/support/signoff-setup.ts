/**
 * A cockpit for the sign-off E2E: the example plan in a temp dir whose
 * signers are identities made right here with `keys create` (never
 * committed), a git repo for the ceremony's tag, and the gates already run
 * by the operator with `run --key` into the same database `serve` uses.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI, REPO, copyExamplePlan, startCockpit, type Cockpit } from './cockpit-server';

export const PASSPHRASE = 'correct horse battery staple';

export interface Person {
  name: string;
  file: string;
  keyId: string;
  publicKey: string;
}

export interface SignoffCockpit {
  cockpit: Cockpit;
  operator: Person;
  reviewer: Person;
  manager: Person;
  cli(args: string[]): { code: number; stdout: string; stderr: string };
}

function cliIn(dir: string) {
  return (args: string[]) => {
    const r = spawnSync(process.execPath, [CLI, ...args], {
      cwd: dir,
      env: { ...process.env, NO_COLOR: '1', COCKPIT_DATA_DIR: join(dir, 'data'), COCKPIT_PASSPHRASE: PASSPHRASE },
      encoding: 'utf8',
    });
    return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
  };
}

function createKey(cli: ReturnType<typeof cliIn>, name: string): Person {
  const r = cli(['keys', 'create', '--name', name]);
  if (r.code !== 0) throw new Error(`keys create ${name}: ${r.stderr}`);
  const file = /file:\s+(.+)/.exec(r.stdout)![1].trim();
  return { name, file, keyId: /key id:\s+([0-9a-f]{64})/.exec(r.stdout)![1], publicKey: cli(['keys', 'public', file]).stdout.trim() };
}

/** The example plan with these people as its signers and a 4-second soak. */
function planVariant(text: string, p: { operator: Person; reviewer: Person; manager: Person }): string {
  const start = text.indexOf('signers:\n');
  const end = text.indexOf('waivers:', start);
  if (start < 0 || end < 0) throw new Error('the example plan has no signers block to replace');
  const signers = [
    'signers:',
    `  - { name: ${p.operator.name}, key: "${p.operator.publicKey}", roles: [operations] }`,
    `  - { name: ${p.reviewer.name}, key: "${p.reviewer.publicKey}", roles: [qa, operations, security-reviewer] }`,
    `  - { name: ${p.manager.name}, key: "${p.manager.publicKey}", roles: [release-manager] }`,
    '',
  ].join('\n');
  let plan = text.slice(0, start) + signers + text.slice(end);
  // A short soak with no injected errors: a few dozen requests must not trip `rate < 0.01` by chance.
  plan = mustReplace(plan, 'SOAK_SECONDS: "60"', 'SOAK_SECONDS: "4"\n      SOAK_ERROR_RATE: "0"');
  // The final verdict of a whole-run slope is one least-squares fit, and over
  // 4 s a freshly started worker's RSS can climb past 500 MB/h by chance (it
  // did in CI). These tests are about sign-offs, so the leak check goes.
  plan = mustReplace(plan, /^\s*process_resident_memory_bytes\{service:worker\}: .*\n/m, '');
  // In resources/ the repo is the checkout (../..); in the temp dir it is the temp dir itself.
  return mustReplace(plan, /^repo: \.\.\/\.\.$/m, 'repo: ..');
}

/** Like String.replace, but a pattern that no longer matches the example plan is an error, not a silent no-op. */
function mustReplace(text: string, pattern: string | RegExp, replacement: string): string {
  const out = text.replace(pattern, replacement);
  if (out === text) throw new Error(`the example plan no longer contains ${String(pattern)}`);
  return out;
}

export async function signoffCockpit(): Promise<SignoffCockpit> {
  const { dir, planPath } = copyExamplePlan();
  const cli = cliIn(dir);
  const operator = createKey(cli, 'Olga Operator');
  const reviewer = createKey(cli, 'Rui Reviewer');
  const manager = createKey(cli, 'Mia Manager');
  writeFileSync(planPath, planVariant(readFileSync(planPath, 'utf8'), { operator, reviewer, manager }));
  // The plan's repo (`..` from plans/) is the temp dir: a git repo with a commit for the ceremony's tag.
  const git = (...args: string[]) => execFileSync('git', ['-C', dir, ...args], { stdio: 'pipe' });
  git('init', '-q');
  git('-c', 'user.name=E2E', '-c', 'user.email=e2e@example.com', 'commit', '-q', '--allow-empty', '-m', 'release candidate');
  const db = join(dir, 'cockpit.db');
  const run = cli(['run', planPath, '--db', db, '--key', operator.file]);
  if (!/license-audit/.test(run.stdout)) throw new Error(`run: ${run.stderr}${run.stdout}`);
  const expires = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
  const waived = cli(['waive', planPath, '--gate', 'license-audit', '--reason', 'AGPL finding accepted for the demo', '--expires', expires, '--key', reviewer.file, '--db', db]);
  if (waived.code !== 0) throw new Error(`waive: ${waived.stderr}`);
  const notes = cli(['run', planPath, '--gate', 'release-notes', '--db', db, '--key', operator.file]);
  if (notes.code !== 0) throw new Error(`run release-notes: ${notes.stderr}${notes.stdout}`);
  const status = JSON.parse(cli(['status', planPath, '--db', db, '--json']).stdout) as { gates: { id: string; status: string; reason: string | null }[] };
  const notGreen = status.gates.filter((g) => g.status !== 'passed' && g.status !== 'waived');
  if (notGreen.length > 0) throw new Error(`gates not green before the test: ${notGreen.map((g) => `${g.id} ${g.status} (${g.reason})`).join('; ')}`);
  const cockpit = await startCockpit(dir, planPath);
  return { cockpit, operator, reviewer, manager, cli };
}

export { REPO };
