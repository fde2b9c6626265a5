/**
 * The whole offline sign-off flow through the real CLI, with three people:
 * an operator runs the gates with their key, a reviewer signs a request
 * offline, the release manager waives a known failure, bundles, verifies and
 * holds the ceremony, which tags a throwaway git repo with the bundle digest.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../../electron/core/signoff/encoding';
import { readZip } from '../../../native/archive/zip-read';
import { workspace, type CliResult, type Workspace } from '../../helpers/cli';
import { cliIn, gitRepo } from './fixture';
import { listFiles } from './tamper-tools';

let ws: Workspace;
let cli: ReturnType<typeof cliIn>;
const keys: Record<string, { file: string; pub: string; keyId: string }> = {};
let plan: string;

function ok(r: CliResult, what: string): CliResult {
  if (r.code !== 0) throw new Error(`${what} exited ${r.code}: ${r.stderr}${r.stdout}`);
  return r;
}

function createKey(label: string, name: string, out?: string) {
  const r = ok(cli(['keys', 'create', '--name', name, ...(out ? ['--out', out] : [])]), `keys create ${name}`);
  const file = /file:\s+(.+)/.exec(r.stdout)![1].trim();
  const pub = ok(cli(['keys', 'public', file]), 'keys public').stdout;
  keys[label] = { file, pub: pub.trim(), keyId: /key id:\s+([0-9a-f]{64})/.exec(r.stdout)![1] };
  return pub;
}

beforeAll(() => {
  ws = workspace('cockpit-e2e-signoff-');
  cli = cliIn(ws);
  createKey('ada', 'Ada Ops');
  createKey('rui', 'Rui QA', join(ws.dir, 'officer', 'rui.key.json'));
  createKey('mia', 'Mia RM');
  gitRepo(join(ws.dir, 'repo'));
  plan = ws.write('plan.yaml', `version: 1
release: e2e
candidate: rc-7
repo: repo
signers:
  - { name: Ada Ops, key: ${keys.ada.pub}, roles: [operations] }
  - { name: Rui QA, key: ${keys.rui.pub}, roles: [qa] }
  - { name: Mia RM, key: ${keys.mia.pub}, roles: [release-manager] }
waivers: { roles: [release-manager] }
gates:
  - id: build
    run: mkdir -p out && printf 'all green' > out/report.txt && echo building
    evidence: [out/report.txt]
    signoff: { roles: [qa], quorum: 1 }
  - id: perf
    needs: [build]
    run: for i in 1 2 3; do echo "{\\"metric\\":\\"lat\\",\\"value\\":$((i*10)),\\"time\\":$((1700000000000 + i))}" >> "$COCKPIT_METRICS"; done; echo perf
    thresholds:
      lat: ["p(95) < 100"]
  - id: flaky
    run: echo flaky; exit 3
`);
}, 60_000);
afterAll(() => ws?.cleanup());

describe('offline sign-off, bundle, verify and ceremony', () => {
  it('keys list shows the identities in the data directory', () => {
    const list = ok(cli(['keys', 'list']), 'keys list').stdout;
    expect(list).toContain('Ada Ops');
    expect(list).toContain(keys.mia.keyId);
    expect(list).toContain(join(ws.dir, 'data', 'keys', `${keys.mia.keyId}.key.json`));
    expect(list).not.toContain('Rui QA'); // written with --out elsewhere
    expect(cli(['keys', 'public', keys.rui.file]).stdout).toMatch(/^ed25519:[A-Za-z0-9+/]{43}=\n$/);
  });

  it('run --key records the operator and signs each result', () => {
    const r = cli(['run', plan, '--db', ws.db, '--key', keys.ada.file, '--json']);
    expect(r.code).toBe(1); // flaky fails
    const gates = JSON.parse(r.stdout).gates;
    const build = gates.find((g: { id: string }) => g.id === 'build');
    expect(build.operator).toBe('Ada Ops');
    expect(build.signoff).toMatchObject({ status: 'pending', quorum: 1, missing: 1 });
    expect(build.signoffs).toEqual([]);
  });

  it('request writes a zip the reviewer can check and sign offline', () => {
    ok(cli(['request', plan, '--gate', 'build', '--out', 'req.zip', '--db', ws.db]), 'request');
    const req = readZip(readFileSync(join(ws.dir, 'req.zip')));
    expect(req.problems).toEqual([]);
    expect([...req.files.keys()].sort()).toEqual([
      'gates/build/evidence/out/report.txt', 'gates/build/result.dsse.json', 'gates/build/run-1.json',
      'gates/build/run-1.log', 'gates/build/run-1.manifest.json', 'plan.yaml', 'request.json',
    ]);
    const signed = ok(cli(['sign', 'req.zip', '--key', keys.rui.file, '--approve', '--comment', 'evidence reviewed', '--out', 'rui.dsse.json']), 'sign');
    expect(signed.stdout).toMatch(/approved gate "build" run #1 as Rui QA \(qa\)/);
    expect(ok(cli(['import', plan, 'rui.dsse.json', '--db', ws.db]), 'import').stdout).toMatch(/imported approval of gate "build" run #1 by Rui QA/);
  });

  it('waive turns the failed gate waived; status shows sign-offs and the waiver', () => {
    const expires = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
    ok(cli(['waive', plan, '--gate', 'flaky', '--reason', 'known flaky runner', '--expires', expires, '--key', keys.mia.file, '--db', ws.db]), 'waive');
    const st = JSON.parse(ok(cli(['status', plan, '--db', ws.db, '--json']), 'status').stdout);
    const by = Object.fromEntries(st.gates.map((g: { id: string }) => [g.id, g]));
    expect(by.build.signoffs).toEqual([
      { person: 'Rui QA', keyId: keys.rui.keyId, role: 'qa', decision: 'approve', comment: 'evidence reviewed', time: expect.any(String), valid: true },
    ]);
    expect(by.build.signoff).toEqual({ status: 'approved', roles: ['qa'], quorum: 1, approved: 1, rejected: 0, missing: 0 });
    expect(by.flaky.status).toBe('waived');
    expect(by.flaky.waiver).toMatchObject({ person: 'Mia RM', role: 'release-manager', reason: 'known flaky runner', valid: true });
    expect(st.ready).toBe(true);
  });

  it('bundle writes exactly the documented layout, and verify passes offline (dir and zip)', () => {
    ok(cli(['bundle', plan, '--out', 'bundle', '--key', keys.mia.file, '--db', ws.db]), 'bundle dir');
    ok(cli(['bundle', plan, '--out', 'bundle.zip', '--key', keys.mia.file, '--db', ws.db]), 'bundle zip');
    const dir = join(ws.dir, 'bundle');
    expect(listFiles(dir)).toEqual([
      'MANIFEST.dsse.json', 'MANIFEST.json', 'RELEASE_CHECKLIST.md', 'audit.jsonl',
      'gates/build/evidence/out/report.txt', 'gates/build/result.dsse.json', 'gates/build/run-1.json', 'gates/build/run-1.log',
      'gates/flaky/result.dsse.json', 'gates/flaky/run-1.json', 'gates/flaky/run-1.log',
      'gates/perf/metrics.csv', 'gates/perf/result.dsse.json', 'gates/perf/run-1.json', 'gates/perf/run-1.log', 'gates/perf/thresholds.json',
      'plan.yaml', `signoffs/build/${keys.rui.keyId}.dsse.json`, 'waivers/flaky.dsse.json',
    ]);
    const log = cli(['log', plan, '--gate', 'build', '--db', ws.db]).stdoutBytes;
    expect(readFileSync(join(dir, 'gates/build/run-1.log')).equals(log)).toBe(true);
    const manifest = JSON.parse(readFileSync(join(dir, 'MANIFEST.json'), 'utf8'));
    expect(manifest.files.map((f: { path: string }) => f.path).sort()).toEqual(listFiles(dir).filter((p) => !p.startsWith('MANIFEST')).sort());
    expect(manifest.planDigest).toBe(sha256Hex(readFileSync(plan)));
    expect(readFileSync(join(dir, 'gates/perf/metrics.csv'), 'utf8')).toMatch(/^time,metric,tags,value\n.*lat,,10\n/);
    expect(readFileSync(join(dir, 'RELEASE_CHECKLIST.md'), 'utf8')).toMatch(/\| Rui QA \| qa \| approve \|.*evidence reviewed \| yes \|/);
    const run = JSON.parse(readFileSync(join(dir, 'gates/flaky/run-1.json'), 'utf8'));
    expect(run).toMatchObject({ status: 'waived', result: 'FAILED', operator: { name: 'Ada Ops', keyId: keys.ada.keyId }, attempts: [{ exitCode: 3 }] });
    const audit = readFileSync(join(dir, 'audit.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l).type);
    expect(audit).toEqual(expect.arrayContaining(['run.start', 'run.end', 'result.signed', 'signoff.requested', 'signoff.approved', 'waiver.recorded', 'bundle.signed']));

    writeFileSync(join(ws.dir, 'mia.pub'), keys.mia.pub + '\n');
    const v = cli(['verify', 'bundle', '--trust', 'mia.pub']);
    expect(v.stdout).toMatch(/bundle: verified/);
    expect(v.code).toBe(0);
    const vz = JSON.parse(cli(['verify', 'bundle.zip', '--trust', keys.mia.pub, '--json']).stdout);
    expect(vz.ok).toBe(true);
    expect(vz.checks.every((c: { ok: boolean }) => c.ok)).toBe(true);
  });

  it('verify makes no network call at all', () => {
    const log = join(ws.dir, 'network.log');
    const preload = join(__dirname, 'no-network.cjs');
    const r = cli(['verify', 'bundle.zip', '--trust', keys.mia.pub], { NODE_OPTIONS: `--require ${preload}`, COCKPIT_NETWORK_LOG: log });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(existsSync(log)).toBe(false);
  });

  it('ceremony writes the final bundle and tags the repo with the manifest digest', () => {
    const r = ok(cli(['ceremony', plan, '--key', keys.mia.file, '--db', ws.db]), 'ceremony');
    const bundleDir = join(ws.dir, 'state', 'bundles', 'e2e-rc-7');
    const digest = sha256Hex(readFileSync(join(bundleDir, 'MANIFEST.json')));
    expect(r.stdout).toContain(digest);
    const git = (...args: string[]) => execFileSync('git', ['-C', join(ws.dir, 'repo'), ...args], { encoding: 'utf8' });
    expect(git('tag', '-n9')).toMatch(new RegExp(`rc-7\\s+Release e2e rc-7[\\s\\S]*MANIFEST.json sha256: ${digest}`));
    expect(git('cat-file', '-t', 'rc-7').trim()).toBe('tag');
    expect(git('cat-file', '-p', 'rc-7')).toContain(`MANIFEST.json sha256: ${digest}`);
    expect(cli(['verify', bundleDir, '--trust', keys.mia.pub]).code).toBe(0);
    const again = cli(['ceremony', plan, '--key', keys.mia.file, '--db', ws.db]);
    expect(again.code).toBe(1);
    expect(again.stdout).toMatch(/tag "rc-7" already exists/);
  });
});
