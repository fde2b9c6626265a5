/**
 * A release with real runs, sign-offs and a waiver, made through the CLI:
 * the starting point of the bundle tests. Identities are made in-process
 * (same key-file format as `keys create`) so the tests can also sign with them.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encryptKeyFile } from '../../../electron/core/signoff/key-file';
import { formatPublicKey, generateIdentity, type Identity } from '../../../electron/core/signoff/keys';
import { runCli, type CliResult, type Workspace } from '../../helpers/cli';

export const PASSPHRASE = 'a long test passphrase';

export interface Person {
  id: Identity;
  file: string;
  pub: string;
}

export function person(ws: Workspace, name: string, label: string): Person {
  const id = generateIdentity(name);
  const file = join(ws.dir, 'keys', `${label}.key.json`);
  mkdirSync(join(ws.dir, 'keys'), { recursive: true });
  // The cost of files written before 0.2 (they still open): keeps a suite with dozens of keys fast.
  writeFileSync(file, encryptKeyFile(id, PASSPHRASE, { N: 2 ** 15 }), { mode: 0o600 });
  return { id, file, pub: formatPublicKey(id.publicKeyRaw) };
}

export function cliIn(ws: Workspace) {
  const env = { COCKPIT_PASSPHRASE: PASSPHRASE, COCKPIT_DATA_DIR: join(ws.dir, 'data') };
  return (args: string[], extraEnv: Record<string, string> = {}): CliResult => runCli(args, { cwd: ws.dir, env: { ...env, ...extraEnv } });
}

/** A git repo with one commit, for the ceremony's tag. */
export function gitRepo(dir: string): string {
  mkdirSync(dir, { recursive: true });
  const git = (...args: string[]) => execFileSync('git', ['-C', dir, ...args], { stdio: 'pipe' });
  git('init', '-q');
  git('-c', 'user.name=Test', '-c', 'user.email=test@example.com', 'commit', '-q', '--allow-empty', '-m', 'initial');
  return dir;
}

export interface Team {
  ada: Person; // operator (also holds qa, to test separation of duties)
  rui: Person; // reviewer, qa
  rui2: Person; // the same person's second key
  lin: Person; // security reviewer
  mia: Person; // release manager, may waive
  eve: Person; // not in the plan
}

export function team(ws: Workspace): Team {
  return {
    ada: person(ws, 'Ada Ops', 'ada'),
    rui: person(ws, 'Rui QA', 'rui'),
    rui2: person(ws, 'Rui QA', 'rui2'),
    lin: person(ws, 'Lin Sec', 'lin'),
    mia: person(ws, 'Mia RM', 'mia'),
    eve: person(ws, 'Eve Intruder', 'eve'),
  };
}

export function planText(t: Team, opts: { release?: string; extra?: string } = {}): string {
  return `version: 1
release: ${opts.release ?? 'tamper'}
candidate: rc-1
repo: repo
signers:
  - { name: Ada Ops, key: ${t.ada.pub}, roles: [operations, qa] }
  - { name: Rui QA, key: ${t.rui.pub}, roles: [qa] }
  - { name: Rui QA, key: ${t.rui2.pub}, roles: [qa] }
  - { name: Lin Sec, key: ${t.lin.pub}, roles: [security] }
  - { name: Mia RM, key: ${t.mia.pub}, roles: [release-manager] }
waivers: { roles: [release-manager] }
gates:
  - id: build
    run: mkdir -p out && printf 'report-v1' > out/report.txt && echo build-log-line
    evidence: [out/report.txt]
    signoff: { roles: [qa, security], quorum: 2 }
  - id: flaky
    run: echo flaky-log-line; exit 3
  - id: smoke
    run: echo smoke-log-line
${opts.extra ?? ''}`;
}

export const DAY = 86_400_000;

export function must(r: CliResult, what: string): CliResult {
  if (r.code !== 0) throw new Error(`${what} failed (${r.code}): ${r.stderr}${r.stdout}`);
  return r;
}

/**
 * The release the bundle suites start from, made through the CLI in `ws`:
 * Ada runs the plan signed ("flaky" fails), Rui and Lin approve "build"
 * (rui.dsse.json, lin.dsse.json from req.zip), Mia waives "flaky" for 30 days
 * and writes the bundle to `<ws>/base`.
 */
export function signedRelease(ws: Workspace, t: Team, cli: ReturnType<typeof cliIn>, db: string): { plan: string; base: string } {
  gitRepo(join(ws.dir, 'repo'));
  const plan = ws.write('plan.yaml', planText(t));
  const r = cli(['run', plan, '--db', db, '--key', t.ada.file, '--json']);
  if (r.code !== 1) throw new Error(`run: expected "flaky" to fail (exit 1), got ${r.code}: ${r.stderr}`);
  must(cli(['request', plan, '--gate', 'build', '--out', 'req.zip', '--db', db]), 'request');
  must(cli(['sign', 'req.zip', '--key', t.rui.file, '--approve', '--out', 'rui.dsse.json']), 'sign rui');
  must(cli(['sign', 'req.zip', '--key', t.lin.file, '--approve', '--out', 'lin.dsse.json']), 'sign lin');
  must(cli(['import', plan, 'rui.dsse.json', 'lin.dsse.json', '--db', db]), 'import');
  const expires = new Date(Date.now() + 30 * DAY).toISOString();
  must(cli(['waive', plan, '--gate', 'flaky', '--reason', 'known flaky runner', '--expires', expires, '--key', t.mia.file, '--db', db]), 'waive');
  const base = join(ws.dir, 'base');
  must(cli(['bundle', plan, '--out', base, '--key', t.mia.file, '--db', db]), 'bundle');
  return { plan, base };
}
