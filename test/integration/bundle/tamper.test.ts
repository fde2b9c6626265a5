/**
 * Tamper and abuse cases: each must make `verify`, `import`, `sign`, `waive`
 * or `ceremony` exit 1 with a message naming the file or rule at fault.
 * Cases marked "re-signed" also re-sign MANIFEST.json with the trusted key,
 * to show the deeper checks hold even when the outer signature is renewed.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { zipSync, type Zippable } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../../electron/core/signoff/encoding';
import { readZip } from '../../../native/archive/zip-read';
import { hasStackTrace, workspace, type Workspace } from '../../helpers/cli';
import { DAY, cliIn, must, planText, signedRelease, team, type Team } from './fixture';
import {
  copyBundle, editFile, flipByte, forgeSignoff, forgeWaiver, renameInZip, resign, runFacts, zipOf, type RunFacts,
} from './tamper-tools';

let ws: Workspace;
let t: Team;
let cli: ReturnType<typeof cliIn>;
let plan: string;
let db: string;
let base: string;
let facts: { build: RunFacts; flaky: RunFacts };
let n = 0;

beforeAll(() => {
  ws = workspace('cockpit-tamper-');
  t = team(ws);
  cli = cliIn(ws);
  db = ws.db;
  ({ plan, base } = signedRelease(ws, t, cli, db));
  must(cli(['sign', 'req.zip', '--key', t.rui2.file, '--approve', '--out', 'rui2.dsse.json']), 'sign rui2');
  facts = { build: runFacts(base, 'build'), flaky: runFacts(base, 'flaky') };
}, 120_000);
afterAll(() => ws?.cleanup());

interface Outcome {
  code: number;
  text: string;
}

function verify(target: string, trust = t.mia.pub): Outcome {
  const r = cli(['verify', target, '--trust', trust, '--json']);
  expect(hasStackTrace(r.stdout + r.stderr)).toBe(false);
  try {
    const report = JSON.parse(r.stdout) as { ok: boolean; checks: { ok: boolean; name: string; message: string }[] };
    expect(report.ok).toBe(r.code === 0);
    return { code: r.code, text: report.checks.filter((c) => !c.ok).map((c) => `[${c.name}] ${c.message}`).join('\n') };
  } catch {
    return { code: r.code, text: r.stdout + r.stderr };
  }
}

/** A copy of the good bundle, changed by `mutate`, optionally re-signed, then verified. */
function tampered(mutate: (dir: string) => void, resignWith?: keyof Team | null, over?: Parameters<typeof resign>[2]): Outcome {
  const dir = copyBundle(base, join(ws.dir, 'cases', `c${++n}`));
  mutate(dir);
  if (resignWith) resign(dir, t[resignWith].id, over);
  return verify(dir);
}

function zipCase(extra: [string, Buffer, number][], edit: (zip: Buffer) => Buffer = (z) => z): Outcome {
  const file = join(ws.dir, 'cases', `z${++n}.zip`);
  mkdirSync(join(ws.dir, 'cases'), { recursive: true });
  writeFileSync(file, edit(zipOf(base, extra)));
  return verify(file);
}

function run(args: string[]): Outcome {
  const r = cli(args);
  expect(hasStackTrace(r.stdout + r.stderr)).toBe(false);
  return { code: r.code, text: r.stdout + r.stderr };
}

function importText(text: string, planFile = plan): Outcome {
  const file = join(ws.dir, 'cases', `s${++n}.dsse.json`);
  mkdirSync(join(ws.dir, 'cases'), { recursive: true });
  writeFileSync(file, text);
  return run(['import', planFile, file, '--db', db]);
}

const signoffFile = (who: keyof Team) => `signoffs/build/${t[who].id.keyId}.dsse.json`;
const auditLines = (dir: string) => readFileSync(join(dir, 'audit.jsonl'), 'utf8').trimEnd().split('\n');
const writeAudit = (dir: string, lines: string[]) => writeFileSync(join(dir, 'audit.jsonl'), `${lines.join('\n')}\n`);

describe('the untouched bundle', () => {
  it('verifies, as a directory and as a zip', () => {
    expect(verify(base)).toEqual({ code: 0, text: '' });
    expect(zipCase([]).code).toBe(0);
  });
});

const cases: [string, () => Outcome, RegExp][] = [
  ['a changed byte in a log', () => tampered((d) => editFile(d, 'gates/build/run-1.log', (b) => flipByte(b))), /gates\/build\/run-1\.log was modified/],
  ['a changed byte in evidence', () => tampered((d) => editFile(d, 'gates/build/evidence/out/report.txt', (b) => flipByte(b, 3))), /gates\/build\/evidence\/out\/report\.txt was modified/],
  ['a file deleted', () => tampered((d) => rmSync(join(d, 'gates/smoke/run-1.log'))), /gates\/smoke\/run-1\.log is listed in MANIFEST\.json but missing/],
  ['a file added', () => tampered((d) => writeFileSync(join(d, 'gates/build/evidence/out/extra.txt'), 'x')), /gates\/build\/evidence\/out\/extra\.txt is in the bundle but not in MANIFEST\.json/],
  ['an edited manifest', () => tampered((d) => editFile(d, 'MANIFEST.json', (b) => b.toString().replace('"release": "tamper"', '"release": "tamper "'))), /MANIFEST\.json was changed after it was signed/],
  ['a manifest re-signed with an untrusted key', () => tampered(() => undefined, 'eve'), /MANIFEST\.dsse\.json: signed by [0-9a-f]{64}, not by the trusted key/],
  ['verify given the wrong trusted key', () => verify(base, t.ada.pub), /not by the trusted key/],
  ['a changed log with the manifest re-signed (trusted key)', () => tampered((d) => editFile(d, 'gates/build/run-1.log', (b) => flipByte(b)), 'mia'), /gates\/build\/run-1\.json: the gate's files do not match the evidence manifest/],
  ['a sign-off by an unknown key (import)', () => importText(forgeSignoff(t.eve.id, facts.build, { role: 'qa' })), /unknown signer: key [0-9a-f]{64} is not a signer in the plan/],
  ['a sign-off by an unknown key (bundle, re-signed)', () => tampered((d) => writeFileSync(join(d, signoffFile('eve')), forgeSignoff(t.eve.id, facts.build, { role: 'qa' })), 'mia'), /signoffs\/build\/[0-9a-f]{64}\.dsse\.json: unknown signer/],
  ['a signer without the role', () => importText(forgeSignoff(t.lin.id, facts.build, { role: 'qa' })), /signer lacks role: Lin Sec does not hold "qa"/],
  ['a role the gate does not take', () => importText(forgeSignoff(t.mia.id, facts.build, { role: 'release-manager' })), /gate "build" accepts qa, security, not "release-manager"/],
  ['the operator signing their own gate (import)', () => importText(forgeSignoff(t.ada.id, facts.build, { role: 'qa' })), /operator cannot sign off own run: Ada Ops ran this gate/],
  ['the operator signing their own gate (sign refuses)', () => run(['sign', 'req.zip', '--key', t.ada.file, '--approve', '--role', 'qa', '--out', 'ada.dsse.json']), /separation of duties: Ada Ops ran gate "build"/],
  ['one person with two keys counted twice (re-signed)', () => tampered((d) => {
    rmSync(join(d, signoffFile('lin')));
    writeFileSync(join(d, signoffFile('rui2')), readFileSync(join(ws.dir, 'rui2.dsse.json')));
  }, 'mia'), /gate "build" run #1 needs 1 more approval/],
  ['a sign-off replayed from another gate (re-signed)', () => tampered((d) => {
    mkdirSync(join(d, 'signoffs/smoke'), { recursive: true });
    writeFileSync(join(d, `signoffs/smoke/${t.rui.id.keyId}.dsse.json`), readFileSync(join(ws.dir, 'rui.dsse.json')));
  }, 'mia'), /replayed from another gate: signed for "build", this is "smoke"/],
  ['a sign-off replayed from another run', () => importText(forgeSignoff(t.rui.id, facts.build, { role: 'qa', runNo: 7, runId: 70 })), /replayed from another run: signed for run 7/],
  ['a sign-off replayed from another plan', () => {
    const other = ws.write('plan-edited.yaml', `${planText(t)}# edited after signing\n`);
    return run(['import', other, 'rui.dsse.json', '--db', db]);
  }, /replayed from another plan: the plan digest differs/],
  ['a sign-off for another release', () => importText(forgeSignoff(t.rui.id, facts.build, { role: 'qa', release: 'other-release' })), /replayed from another plan: signed for release "other-release"/],
  ['an expired waiver (import)', () => importText(forgeWaiver(t.mia.id, facts.flaky, 'release-manager', new Date(Date.now() - DAY))), /waiver expired on/],
  ['an expired waiver (bundle, re-signed)', () => tampered((d) => writeFileSync(join(d, 'waivers/flaky.dsse.json'), forgeWaiver(t.mia.id, facts.flaky, 'release-manager', new Date(Date.now() - DAY))), 'mia'), /waiver expired on/],
  ['a waiver by the wrong role (import)', () => importText(forgeWaiver(t.lin.id, facts.flaky, 'security', new Date(Date.now() + DAY))), /waiver signer lacks a waiver role/],
  ['a waiver by the wrong role (waive refuses)', () => run(['waive', plan, '--gate', 'flaky', '--reason', 'r', '--expires', '2099-01-01', '--key', t.lin.file, '--db', db]), /signer lacks role: Lin Sec holds security; the plan's waiver rule accepts release-manager/],
  ['a waiver removed (re-signed)', () => tampered((d) => rmSync(join(d, 'waivers/flaky.dsse.json')), 'mia'), /gate "flaky" run #1 is failed: the command exited with code 3; no waiver/],
  ['an audit event edited (re-signed)', () => tampered((d) => {
    const lines = auditLines(d);
    lines[1] = lines[1].replace('"runNo":1', '"runNo":9');
    writeAudit(d, lines);
  }, 'mia'), /audit\.jsonl: event 2: event was edited/],
  ['an audit event removed (re-signed)', () => tampered((d) => writeAudit(d, auditLines(d).filter((_, i) => i !== 2)), 'mia'), /audit\.jsonl: event \d+: .*(removed|reordered)/],
  ['audit events reordered (re-signed)', () => tampered((d) => {
    const lines = auditLines(d);
    [lines[1], lines[2]] = [lines[2], lines[1]];
    writeAudit(d, lines);
  }, 'mia'), /audit\.jsonl: event \d+: seq \d+ found where seq \d+ belongs/],
  ['audit events cut from the end (re-signed, old head)', () => tampered((d) => writeAudit(d, auditLines(d).slice(0, -1)), 'mia'), /the last event is not the recorded head/],
  ['zip-slip (../x)', () => zipCase([['../x', Buffer.from('evil'), 0o100644]]), /\.\.\/x: zip-slip/],
  ['an absolute path in a zip', () => zipCase([['/tmp/evil', Buffer.from('evil'), 0o100644]]), /\/tmp\/evil: absolute path in zip/],
  ['a symlink in a bundle directory', () => tampered((d) => symlinkSync('../../../plan.yaml', join(d, 'gates/build/evidence/link'))), /gates\/build\/evidence\/link: symlink in the bundle/],
  ['a symlink entry in a zip', () => zipCase([['gates/build/evidence/link', Buffer.from('/etc/passwd'), 0o120777]]), /gates\/build\/evidence\/link: symlink entry in zip/],
  ['duplicate entries in a zip', () => zipCase([['gates/smoke/run-1.loX', Buffer.from('forged log'), 0o100644]], (z) => renameInZip(z, 'gates/smoke/run-1.loX', 'gates/smoke/run-1.log')), /gates\/smoke\/run-1\.log: duplicate entry in zip/],
  ['a truncated envelope (re-signed)', () => tampered((d) => editFile(d, signoffFile('rui'), (b) => b.subarray(0, b.length >> 1)), 'mia'), /signoffs\/build\/[0-9a-f]{64}\.dsse\.json: envelope is not valid JSON \(truncated or garbled\?\)/],
  ['a truncated envelope (import)', () => importText(readFileSync(join(ws.dir, 'rui.dsse.json'), 'utf8').slice(0, 200)), /truncated or garbled/],
  ['a wrong payloadType (re-signed)', () => tampered((d) => editFile(d, signoffFile('rui'), (b) => b.toString().replace('application/vnd.in-toto+json', 'application/json')), 'mia'), /wrong payloadType "application\/json"/],
  ['a sign-off file named for another key (re-signed)', () => tampered((d) => {
    writeFileSync(join(d, signoffFile('eve')), readFileSync(join(d, signoffFile('rui'))));
    rmSync(join(d, signoffFile('rui')));
  }, 'mia'), /named for key [0-9a-f]{64} but signed by [0-9a-f]{64}/],
  ['an unsigned result (re-signed)', () => tampered((d) => rmSync(join(d, 'gates/smoke/result.dsse.json')), 'mia'), /gate "smoke" run #1 has no result signed by its operator/],
  ['a run record turned from failed to passed (re-signed)', () => tampered((d) => editFile(d, 'gates/flaky/run-1.json', (b) => b.toString().replace('"status": "waived"', '"status": "passed"')), 'mia'), /the signed result says FAILED but the run is passed/],
  ['plan.yaml edited to add a signer (re-signed)', () => tampered((d) => {
    editFile(d, 'plan.yaml', (b) => b.toString().replace('signers:\n', `signers:\n  - { name: Eve Intruder, key: ${t.eve.pub}, roles: [qa] }\n`));
  }, 'mia', { planDigest: sha256Hex(planText(t).replace('signers:\n', `signers:\n  - { name: Eve Intruder, key: ${t.eve.pub}, roles: [qa] }\n`)) }), /replayed from another plan: the plan digest differs/],
  ['a gate directory the plan does not have (re-signed)', () => tampered((d) => {
    mkdirSync(join(d, 'gates/ghost'), { recursive: true });
    writeFileSync(join(d, 'gates/ghost/run-1.log'), 'boo');
  }, 'mia'), /gates\/ghost\/run-1\.log: the plan has no gate "ghost"/],
  ['sign refuses a tampered request', () => {
    const req = readZip(readFileSync(join(ws.dir, 'req.zip')));
    const entries: Zippable = {};
    for (const [name, bytes] of req.files) entries[name] = name === 'gates/build/run-1.log' ? flipByte(bytes) : bytes;
    writeFileSync(join(ws.dir, 'req-tampered.zip'), zipSync(entries));
    return run(['sign', 'req-tampered.zip', '--key', t.rui.file, '--approve', '--out', 'never.dsse.json']);
  }, /gates\/build\/run-1\.log was modified: its SHA-256 differs from the evidence manifest/],
  // The last two change the store: a rejection, then a new run of the gate.
  ['a rejected sign-off blocks the ceremony', () => {
    must(cli(['sign', 'req.zip', '--key', t.lin.file, '--reject', '--comment', 'p99 regressed', '--out', 'lin-reject.dsse.json']), 'reject');
    must(cli(['import', plan, 'lin-reject.dsse.json', '--db', db]), 'import rejection');
    return run(['ceremony', plan, '--key', t.mia.file, '--db', db, '--out', join(ws.dir, 'ceremony-out')]);
  }, /gate "build" run #1 was rejected by Lin Sec \(security\)/],
  ['a sign-off from an earlier run of the gate', () => {
    expect(cli(['run', plan, '--gate', 'build', '--key', t.ada.file, '--db', db, '--json']).code).toBe(0);
    return run(['import', plan, 'rui.dsse.json', '--db', db]);
  }, /replayed from another run: signed for run 1 \(id \d+\), this is run 2/],
];

describe('tampering and abuse', () => {
  for (const [name, act, message] of cases) {
    it(`${name}: exits 1 naming the cause`, () => {
      const out = act();
      expect(out.text).toMatch(message);
      expect(out.code).toBe(1);
    });
  }

  it('the blocked ceremony tagged nothing and wrote no bundle', () => {
    expect(execFileSync('git', ['-C', join(ws.dir, 'repo'), 'tag', '-l'], { encoding: 'utf8' })).toBe('');
    expect(existsSync(join(ws.dir, 'ceremony-out'))).toBe(false);
  });
});
