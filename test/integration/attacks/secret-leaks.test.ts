/**
 * Secrets never leave a run. Gates that dump their environment run with the
 * cockpit's passphrase and a secret that another gate declares both set;
 * afterwards neither value (nor its hex) is anywhere under the data
 * directory, in any log, bundle or durable run directory, local or on a host:
 * the bytes are grepped. The store is private (0700/0600) throughout.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, lstatSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workspace, type CliResult, type Workspace } from '../../helpers/cli';
import { sshdForSuite, sshdMissing } from '../../helpers/sshd';
import { PASSPHRASE, cliIn, person, type Person } from '../bundle/fixture';

const tag = `leak-${randomBytes(4).toString('hex')}`;
const TOKEN = `deploy-token-${randomBytes(12).toString('hex')}`;
const sshd = sshdMissing ? null : sshdForSuite(tag, { beforeAll, afterAll });

let ws: Workspace;
let ada: Person;
let data: string;
let cli: ReturnType<typeof cliIn>;
let plan: string;
let result: CliResult;

function planText(): string {
  const remote = sshd
    ? `hosts:\n  box: ${sshd().hostYaml()}\n`
    : '';
  const remoteGate = sshd
    ? `  - id: remote-durable
    on: box
    durable: true
    env: { T: "\${secret:DEPLOY_TOKEN}" }
    run: |-
      echo "remote declared: $T"; env | sort; echo "remote passphrase: $COCKPIT_PASSPHRASE"
`
    : '';
  return `version: 1
release: ${tag}
candidate: rc1
signers:
  - { name: Ada Ops, key: ${ada.pub}, roles: [operations, release-manager] }
${remote}gates:
  - id: declares
    env: { API_TOKEN: "\${secret:DEPLOY_TOKEN}" }
    run: |-
      echo "declared: $API_TOKEN"
  - id: dump
    run: |-
      env | sort; echo "inherited token: [$DEPLOY_TOKEN]"; echo "inherited passphrase: [$COCKPIT_PASSPHRASE]"
  - id: dump-durable
    durable: true
    run: |-
      env | sort; echo "durable token: [$DEPLOY_TOKEN]"
  - id: print-durable
    durable: true
    env: { T: "\${secret:DEPLOY_TOKEN}" }
    run: |-
      echo "durable declared: $T"
${remoteGate}`;
}

/** Every regular file under `dir`, with its mode; and every directory's mode. */
function walk(dir: string, out: { path: string; mode: number; dir: boolean }[] = []) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const st = lstatSync(p);
    out.push({ path: p, mode: st.mode & 0o777, dir: st.isDirectory() });
    if (st.isDirectory()) walk(p, out);
  }
  return out;
}

const needles = () => [PASSPHRASE, TOKEN].flatMap((v) => [Buffer.from(v), Buffer.from(Buffer.from(v).toString('hex'))]);

function leaksIn(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return walk(dir).filter((f) => !f.dir && needles().some((n) => readFileSync(f.path).includes(n))).map((f) => f.path);
}

beforeAll(() => {
  ws = workspace('cockpit-leaks-');
  ada = person(ws, 'Ada Ops', 'ada');
  data = join(ws.dir, 'data');
  cli = cliIn(ws);
  plan = ws.write('plan.yaml', planText());
  // cliIn sets COCKPIT_PASSPHRASE (the key's) and COCKPIT_DATA_DIR; the token is the other gates' secret.
  result = cli(['run', plan, '--key', ada.file], { DEPLOY_TOKEN: TOKEN });
  for (const out of ['bundle', 'bundle.zip']) {
    const b = cli(['bundle', plan, '--out', join(ws.dir, out), '--key', ada.file]);
    expect(b.code, b.stderr).toBe(0);
  }
}, 120_000);
afterAll(() => ws?.cleanup());

describe('what a gate inherits', () => {
  it('every gate ran, and the run itself printed no secret', () => {
    expect(result.code, result.stderr + result.stdout).toBe(0);
    for (const v of [PASSPHRASE, TOKEN]) expect(result.stdout + result.stderr).not.toContain(v);
  });

  it("neither the passphrase nor another gate's secret is in a gate's environment", () => {
    const dump = cli(['log', plan, '--gate', 'dump']).stdout;
    expect(dump).toMatch(/^PATH=/m); // env really ran
    expect(dump).toMatch(/^COCKPIT_GATE=dump\r?$/m);
    expect(dump).not.toMatch(/^(COCKPIT_PASSPHRASE|COCKPIT_DATA_DIR|DEPLOY_TOKEN)=/m);
    expect(dump).toContain('inherited token: []');
    expect(dump).toContain('inherited passphrase: []');
    const durable = cli(['log', plan, '--gate', 'dump-durable']).stdout;
    expect(durable).toMatch(/^PATH=/m);
    expect(durable).not.toMatch(/^(COCKPIT_PASSPHRASE|COCKPIT_DATA_DIR|DEPLOY_TOKEN)=/m);
    expect(durable).toContain('durable token: []');
  });

  it('a declared secret reaches its gate, and is masked in what it prints', () => {
    expect(cli(['log', plan, '--gate', 'declares']).stdout).toContain('declared: ***');
    expect(cli(['log', plan, '--gate', 'print-durable']).stdout).toContain('durable declared: ***');
  });

  it.skipIf(!!sshdMissing)('on a host, a durable gate gets its secret masked and no passphrase', () => {
    const log = cli(['log', plan, '--gate', 'remote-durable']).stdout;
    expect(log).toContain('remote declared: ***');
    expect(log).toContain('remote passphrase: \r\n');
  });
});

describe('where the bytes could be', () => {
  it('under the data directory (store, WAL, logs, blobs, metrics), in neither bundle: nowhere', () => {
    expect(leaksIn(data)).toEqual([]);
    expect(leaksIn(join(ws.dir, 'bundle'))).toEqual([]);
    const zip = readFileSync(join(ws.dir, 'bundle.zip'));
    for (const n of needles()) expect(zip.includes(n)).toBe(false);
  });

  it('durable run directories are gone once their run is stored, here and on the host', () => {
    const dirs = walk(data).filter((f) => f.dir && /[\\/]durable$/.test(f.path));
    expect(dirs.map((d) => d.path)).toEqual([]);
    if (sshd) {
      const remote = join(homedir(), '.release-cockpit', 'runs', `${tag}@rc1`);
      expect(leaksIn(remote)).toEqual([]);
      expect(existsSync(remote) ? walk(remote).filter((f) => /attempt-\d+$/.test(f.path)).map((f) => f.path) : []).toEqual([]);
    }
  });

  it('a durable directory kept for debugging (COCKPIT_KEEP_RUN_DIRS=1) holds masked output only, all private', () => {
    const kept = join(ws.dir, 'kept-data');
    const r = cli(['run', plan, '--gate', 'print-durable', '--gate', 'dump-durable'], { DEPLOY_TOKEN: TOKEN, COCKPIT_DATA_DIR: kept, COCKPIT_KEEP_RUN_DIRS: '1' });
    expect(r.code, r.stderr).toBe(0);
    const outputs = walk(kept).filter((f) => f.path.endsWith('output.log'));
    // On this machine the gate's environment and the secrets to mask never touch the disk, not even briefly.
    expect(walk(kept).filter((f) => /[\\/](env\.sh|mask)$/.test(f.path)).map((f) => f.path)).toEqual([]);
    expect(outputs).toHaveLength(2);
    expect(outputs.some((f) => readFileSync(f.path, 'utf8').includes('durable declared: ***'))).toBe(true);
    expect(leaksIn(kept)).toEqual([]);
    expect(walk(kept).filter((f) => (f.mode & 0o077) !== 0).map((f) => `${f.path} ${f.mode.toString(8)}`)).toEqual([]);
  });

  it('a store from before files were private (0755 and 0644) is made private when it is opened', () => {
    const old = join(ws.dir, 'old-data');
    const files = join(old, 'cockpit.db.files', 'runs', 'p@c', 'g', 'run-1');
    mkdirSync(files, { recursive: true, mode: 0o755 });
    writeFileSync(join(files, 'attempt-1.log'), 'old log\n', { mode: 0o644 });
    chmodSync(join(old, 'cockpit.db.files'), 0o755);
    expect(cli(['status', plan], { COCKPIT_DATA_DIR: old }).code).toBe(0);
    expect(walk(old).filter((f) => (f.mode & 0o077) !== 0).map((f) => `${f.path} ${f.mode.toString(8)}`)).toEqual([]);
  });

  it('the data directory is 0700, and everything in it is its owner\'s alone', () => {
    expect(lstatSync(data).mode & 0o777).toBe(0o700);
    const open = walk(data).filter((f) => (f.mode & 0o077) !== 0).map((f) => `${f.path} ${f.mode.toString(8)}`);
    expect(open).toEqual([]);
    expect(lstatSync(join(data, 'cockpit.db')).mode & 0o777).toBe(0o600);
  });
});
