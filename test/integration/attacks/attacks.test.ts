/**
 * Attacks on the evidence, each tried the way a dishonest release manager
 * would: with a real bundle made through the CLI, the readable records
 * rewritten to agree with each other, and MANIFEST.json re-signed with the
 * release manager's own trusted key, so the manifest check alone cannot
 * catch any of them. Each must make `verify` exit 1 with its rule named.
 * `npm run reliability` counts these tests (tried, caught) in RELIABILITY.md.
 */
import { cpSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resultEnvelope, envelopeText, signoffEnvelope, waiverEnvelope } from '../../../electron/core/release/statements';
import { sha256Hex } from '../../../electron/core/signoff/encoding';
import { crc32 } from '../../../native/archive/crc32';
import { hasStackTrace, workspace, type Workspace } from '../../helpers/cli';
import { craftZip, unicodePathField } from '../../helpers/craft-zip';
import { DAY, cliIn, must, planText, signedRelease, team, type Team } from '../bundle/fixture';
import { copyBundle, forgeSignoff, forgeWaiver, resign, runFacts } from '../bundle/tamper-tools';
import { eventOf, rewriteAudit, rewriteRun, runJsonPath, type RunJsonDoc } from './attack-tools';

let ws: Workspace;
let t: Team;
let cli: ReturnType<typeof cliIn>;
let plan: string;
let base: string;
let rejected: string;
let n = 0;

beforeAll(() => {
  ws = workspace('cockpit-attacks-');
  t = team(ws);
  cli = cliIn(ws);
  const db = ws.db;
  ({ plan, base } = signedRelease(ws, t, cli, db));
  // Rui changes his mind: a later rejection, and a bundle that carries it.
  must(cli(['sign', 'req.zip', '--key', t.rui.file, '--reject', '--comment', 'p99 regressed', '--out', 'rui-reject.dsse.json']), 'rui rejects');
  must(cli(['import', plan, 'rui-reject.dsse.json', '--db', db]), 'import rejection');
  rejected = join(ws.dir, 'rejected');
  must(cli(['bundle', plan, '--out', rejected, '--key', t.mia.file, '--db', db]), 'bundle with the rejection');
  // Elsewhere: the same plan run twice (a second run of "build"), and another release's plan with the same gates.
  const other = join(ws.dir, 'other', 'cockpit.db');
  cli(['run', plan, '--db', other, '--key', t.ada.file]);
  must(cli(['run', plan, '--gate', 'build', '--db', other, '--key', t.ada.file]), 'build run #2');
  must(cli(['request', plan, '--gate', 'build', '--out', 'req-run2.zip', '--db', other]), 'request run #2');
  must(cli(['sign', 'req-run2.zip', '--key', t.rui.file, '--approve', '--out', 'rui-run2.dsse.json']), 'rui approves run #2');
  const otherPlan = ws.write('other-release.yaml', planText(t, { release: 'other-release' }));
  must(cli(['run', otherPlan, '--gate', 'build', '--db', other, '--key', t.ada.file]), 'other release');
  must(cli(['request', otherPlan, '--gate', 'build', '--out', 'req-other.zip', '--db', other]), 'request other release');
  must(cli(['sign', 'req-other.zip', '--key', t.rui.file, '--approve', '--out', 'rui-other-plan.dsse.json']), 'rui approves the other release');
}, 180_000);
afterAll(() => ws?.cleanup());

interface Failed {
  name: string;
  message: string;
}

interface Verdict {
  code: number;
  failed: Failed[];
}

function verify(dir: string, extra: string[] = []): Verdict {
  const r = cli(['verify', dir, '--trust', t.mia.pub, '--json', ...extra]);
  expect(hasStackTrace(r.stdout + r.stderr)).toBe(false);
  const report = JSON.parse(r.stdout) as { ok: boolean; checks: (Failed & { ok: boolean })[] };
  expect(report.ok).toBe(r.code === 0);
  return { code: r.code, failed: report.checks.filter((c) => !c.ok).map(({ name, message }) => ({ name, message })) };
}

/** A copy of `from`, changed by the attacker, re-signed with the release manager's key (Mia, trusted), verified. */
function attack(from: string, mutate: (dir: string) => { auditHead?: string; planDigest?: string } | void, extra: string[] = []): Verdict {
  const dir = copyBundle(from, join(ws.dir, 'attacks', `a${++n}`));
  const over = mutate(dir) ?? {};
  resign(dir, t.mia.id, over);
  return verify(dir, extra);
}

function expectCaught(v: Verdict, rule: string, message: RegExp): void {
  expect(v.code).toBe(1);
  expect(v.failed, JSON.stringify(v.failed, null, 2)).toContainEqual(expect.objectContaining({ name: rule, message: expect.stringMatching(message) }));
}

const signoffFile = (dir: string, gate: string, who: keyof Team) => join(dir, 'signoffs', gate, `${t[who].id.keyId}.dsse.json`);
const file = (name: string) => readFileSync(join(ws.dir, name));

describe('the bundles the attacks start from', () => {
  it('verify as they are: the first passes, the second fails only because Rui rejected', () => {
    expect(verify(base)).toEqual({ code: 0, failed: [] });
    const v = verify(rejected);
    expect(v.failed.map((f) => f.name)).toEqual(['rejected']);
    expect(v.failed[0].message).toMatch(/gate "build" run #1 was rejected by Rui QA/);
  });
});

describe('attacks on a bundle, each re-signed by the release manager', () => {
  it('a failed gate rewritten as passed with no attempts, its result and log removed', () => {
    const v = attack(base, (d) => {
      for (const f of ['result.dsse.json', 'run-1.log']) rmSync(join(d, 'gates/flaky', f));
      rmSync(join(d, 'waivers/flaky.dsse.json'));
      rewriteRun(d, 'flaky', (r) => Object.assign(r, { status: 'passed', result: 'PASSED', reason: null, attempts: [] }));
      // The trail is rewritten too, so only the signatures can tell.
      const auditHead = rewriteAudit(d, (e) => e.data.gate !== 'flaky' || !['result.signed', 'waiver.recorded'].includes(e.type));
      return { auditHead };
    });
    expectCaught(v, 'unsigned result', /gate "flaky" run #1 has no result signed by its operator/);
    expect(v.failed.some((f) => f.name === 'gate' || /flaky.*passed, approved/.test(f.message))).toBe(false);
  });

  it("a blanked operator, plus the operator's own approval", () => {
    const v = attack(base, (d) => {
      rewriteRun(d, 'build', (r) => { r.operator = { name: null, keyId: null }; });
      rmSync(signoffFile(d, 'build', 'lin'));
      writeFileSync(signoffFile(d, 'build', 'ada'), forgeSignoff(t.ada.id, runFacts(d, 'build'), { role: 'qa' }));
      return { auditHead: rewriteAudit(d, (e) => !eventOf('build', 'signoff.approved', t.lin.id.keyId)(e)) };
    });
    expectCaught(v, 'separation of duties', /operator cannot sign off own run: Ada Ops ran this gate/);
    expectCaught(v, 'run record mismatch', /gates\/build\/run-1\.json disagrees with the operator's signed result: it names operator none/);
  });

  it('an extra approval forged with a second key of a look-alike signer', () => {
    // A plan written with "Rui\u200bQA" (a zero-width space) beside "Rui QA", the look-alike holding Eve's key,
    // and every statement signed afresh for that plan, as an older cockpit would have accepted it.
    const lookAlike = planText(t).replace('  - { name: Lin Sec', `  - { name: "Rui\\u200bQA", key: ${t.eve.pub}, roles: [qa] }\n  - { name: Lin Sec`);
    const v = attack(base, (d) => {
      writeFileSync(join(d, 'plan.yaml'), lookAlike);
      const planDigest = sha256Hex(lookAlike);
      for (const gate of ['build', 'flaky', 'smoke']) {
        const run = rewriteRun(d, gate, (r) => { r.planDigest = planDigest; });
        const binding = { gate, runId: run.runId, runNo: run.runNo, planDigest, manifestSha256: run.evidenceManifest };
        const signed = { status: run.status === 'waived' ? 'failed' : run.status, reason: run.reason, attempts: signedAttempts(run) } as Parameters<typeof resultEnvelope>[1];
        writeFileSync(join(d, 'gates', gate, 'result.dsse.json'), envelopeText(resultEnvelope(binding, signed, t.ada.id)));
        if (gate === 'flaky') {
          const w = waiverEnvelope(binding, { reason: 'known flaky runner', expires: new Date(Date.now() + DAY), role: 'release-manager', time: new Date() }, t.mia.id);
          writeFileSync(join(d, 'waivers/flaky.dsse.json'), envelopeText(w));
        }
        if (gate === 'build') {
          const s = { ...binding, release: 'tamper', candidate: 'rc-1' };
          rmSync(signoffFile(d, 'build', 'lin'));
          writeFileSync(signoffFile(d, 'build', 'rui'), envelopeText(signoffEnvelope(s, { decision: 'approve', role: 'qa', time: new Date() }, t.rui.id)));
          writeFileSync(signoffFile(d, 'build', 'eve'), envelopeText(signoffEnvelope(s, { decision: 'approve', role: 'qa', time: new Date() }, t.eve.id)));
        }
      }
      return { planDigest, auditHead: rewriteAudit(d, (e) => !['signoff.approved', 'signoff.rejected', 'result.signed', 'waiver.recorded'].includes(e.type)) };
    });
    expectCaught(v, 'plan', /plan\.yaml:9:5: signer name "Rui\\u200bQA" looks the same as "Rui QA" at line 7/);
  });

  it('an older approval put back in place of a later rejection', () => {
    const v = attack(rejected, (d) => writeFileSync(signoffFile(d, 'build', 'rui'), file('rui.dsse.json')));
    expectCaught(v, 'statement removed', /audit\.jsonl event \d+: records a rejection by Rui QA of gate "build" run #1; the bundle holds only an earlier statement of theirs/);
  });

  it('a rejection removed', () => {
    const v = attack(rejected, (d) => rmSync(signoffFile(d, 'build', 'rui')));
    expectCaught(v, 'statement removed', /records a rejection by Rui QA of gate "build" run #1; the bundle holds no statement of theirs/);
  });

  it('a waiver past its expiry, the trail rewritten to match', () => {
    const v = attack(base, (d) => {
      writeFileSync(join(d, 'waivers/flaky.dsse.json'), forgeWaiver(t.mia.id, runFacts(d, 'flaky'), 'release-manager', new Date(Date.now() - DAY)));
      return { auditHead: rewriteAudit(d, (e) => !eventOf('flaky', 'waiver.recorded')(e)) };
    });
    expectCaught(v, 'waiver expired', /waivers\/flaky\.dsse\.json: waiver expired on/);
    expectCaught(v, 'gate not passed', /gate "flaky" run #1 is failed: .*; its waiver is not valid/);
  });

  it('evidence swapped between gates', () => {
    const v = attack(base, (d) => {
      const a = readFileSync(join(d, 'gates/build/run-1.log'));
      writeFileSync(join(d, 'gates/build/run-1.log'), readFileSync(join(d, 'gates/smoke/run-1.log')));
      writeFileSync(join(d, 'gates/smoke/run-1.log'), a);
      rewriteRun(d, 'build');
      rewriteRun(d, 'smoke');
    });
    expectCaught(v, 'replay', /gates\/build\/result\.dsse\.json: replayed from another run: the statement's subject is not this run's evidence manifest/);
    expectCaught(v, 'replay', /signoffs\/build\/[0-9a-f]{64}\.dsse\.json: replayed from another run: it signs different evidence/);
    expectCaught(v, 'replay', /gates\/smoke\/result\.dsse\.json: replayed from another run/);
  });

  it('a sign-off replayed from another run of the gate', () => {
    const v = attack(base, (d) => writeFileSync(signoffFile(d, 'build', 'rui'), file('rui-run2.dsse.json')));
    expectCaught(v, 'replay', /replayed from another run: signed for run 2 \(id \d+\), this is run 1/);
  });

  it('a sign-off replayed onto another gate', () => {
    const v = attack(base, (d) => {
      mkdirSync(join(d, 'signoffs/smoke'), { recursive: true });
      writeFileSync(signoffFile(d, 'smoke', 'rui'), file('rui.dsse.json'));
    });
    expectCaught(v, 'replay', /signoffs\/smoke\/[0-9a-f]{64}\.dsse\.json: replayed from another gate: signed for "build", this is "smoke"/);
  });

  it("a sign-off replayed from another release's plan", () => {
    const v = attack(base, (d) => writeFileSync(signoffFile(d, 'build', 'rui'), file('rui-other-plan.dsse.json')));
    expectCaught(v, 'replay', /replayed from another plan: the plan digest differs/);
  });
});

describe('what the bundle alone cannot show, and what does', () => {
  it("a rejection dropped together with its audit event verifies; the rejecter's own copy (--expect) exposes it", () => {
    const dropped = (d: string) => {
      writeFileSync(signoffFile(d, 'build', 'rui'), file('rui.dsse.json'));
      return { auditHead: rewriteAudit(d, (e) => !eventOf('build', 'signoff.rejected', t.rui.id.keyId)(e)) };
    };
    // The limit ADR 0007 states: a consistent rewrite of the trail by the release manager passes on its own.
    expect(attack(rejected, dropped).code).toBe(0);
    const v = attack(rejected, dropped, ['--expect', join(ws.dir, 'rui-reject.dsse.json')]);
    expectCaught(v, 'expected statement', /rui-reject\.dsse\.json: Rui QA's sign-off of gate "build" run #1 is not in the bundle, and no later statement of theirs is: it was removed/);
    // An approval that a later rejection superseded is accounted for.
    expect(verify(rejected, ['--expect', join(ws.dir, 'rui.dsse.json')]).failed.map((f) => f.name)).toEqual(['rejected']);
  });
});

describe('in the store', () => {
  it('an older approval imported again after a later rejection is ignored, and the gate stays rejected', () => {
    const r = cli(['import', plan, 'rui.dsse.json', '--db', ws.db]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/rui\.dsse\.json: ignored: Rui QA already signed a rejection of gate "build" run #1 at .*; a later statement supersedes an earlier one/);
    expect(r.stdout).not.toMatch(/imported/);
    const status = JSON.parse(cli(['status', plan, '--db', ws.db, '--json']).stdout) as { gates: { id: string; signoff: { status: string } | null }[] };
    expect(status.gates.find((g) => g.id === 'build')?.signoff?.status).toBe('rejected');
    const again = join(ws.dir, 'after-reimport');
    must(cli(['bundle', plan, '--out', again, '--key', t.mia.file, '--db', ws.db]), 'bundle');
    expect(verify(again).failed.map((f) => f.name)).toEqual(['rejected']);
  });
});

function signedAttempts(run: RunJsonDoc) {
  const full = JSON.parse(readFileSync(runJsonPath(base, run.gate as string), 'utf8')) as {
    attempts: { n: number; status: string; exitCode: number | null; signal: string | null; timedOut: boolean; durationMs: number | null }[];
  };
  return full.attempts.map(({ n: k, status, exitCode, signal, timedOut, durationMs }) => ({ n: k, status, exitCode, signal, timedOut, durationMs }));
}

describe('zips from outside, through the CLI', () => {
  const MiB = 1024 * 1024;
  const zipCase = (name: string, zip: Buffer) => {
    const p = join(ws.dir, 'zips', name);
    mkdirSync(join(ws.dir, 'zips'), { recursive: true });
    writeFileSync(p, zip);
    return p;
  };
  const timed = (args: string[]) => {
    const t0 = Date.now();
    const r = cli(args);
    expect(hasStackTrace(r.stdout + r.stderr)).toBe(false);
    return { ...r, ms: Date.now() - t0 };
  };

  it('a zip bomb (2.8 GB in 3 MB) is refused by verify and sign within seconds, naming the limit', () => {
    const chunk = Buffer.alloc(4 * MiB);
    const deflated = { bytes: Buffer.from(deflateSync(chunk, { level: 9 })), size: chunk.length, crc: crc32(chunk) };
    const bomb = zipCase('bomb.zip', craftZip(Array.from({ length: 717 }, (_, i) => ({ name: `gates/build/evidence/${i}.bin`, data: chunk, deflated }))));
    const v = timed(['verify', bomb, '--trust', t.mia.pub]);
    expect(v.code).toBe(1);
    expect(v.stdout).toMatch(/too large: its entries inflate to \d+ bytes in all \(at most 1073741824\); nothing was inflated/);
    expect(v.ms).toBeLessThan(5000);
    const s = timed(['sign', bomb, '--key', t.rui.file, '--approve', '--out', join(ws.dir, 'never.dsse.json')]);
    expect(s.code).toBe(1);
    expect(s.stderr).toMatch(/too large/);
  });

  it('a Unicode-path entry and a directory named like a file are refused', () => {
    const entries = readdirSync(base, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
    const files = entries.map((e) => {
      const rel = join(e.parentPath, e.name).slice(base.length + 1);
      return { name: rel, data: readFileSync(join(base, rel)) };
    });
    const renamed = zipCase('unicode.zip', craftZip([...files, { name: 'gates/build/evidence/y.txt', data: Buffer.from('x'), extra: unicodePathField('gates/build/run-1.log') }]));
    expect(verify(renamed).failed).toContainEqual({ name: 'unsafe entry', message: expect.stringMatching(/gates\/build\/evidence\/y\.txt: Unicode-path extra field/) });
    const dirLike = zipCase('dir.zip', craftZip([...files, { name: 'gates/build/evidence/z', data: Buffer.alloc(0), attrs: (0o040755 << 16) >>> 0 }]));
    expect(verify(dirLike).failed).toContainEqual({ name: 'unsafe entry', message: expect.stringMatching(/gates\/build\/evidence\/z: a directory entry named like a file/) });
  });
});

describe('attacks found by review, re-signed by the release manager', () => {
  it('the release manager signs a PASSED result for a failed gate with their own key', () => {
    const v = attack(base, (d) => {
      rmSync(join(d, 'waivers/flaky.dsse.json'));
      const run = rewriteRun(d, 'flaky', (r) => Object.assign(r, {
        status: 'passed', result: 'PASSED', reason: null, operator: { name: 'Mia RM', keyId: t.mia.id.keyId },
        attempts: r.attempts.map((a) => ({ ...a, status: 'passed', exitCode: 0 })),
      }));
      const binding = { gate: 'flaky', runId: run.runId, runNo: run.runNo, planDigest: run.planDigest, manifestSha256: run.evidenceManifest };
      const attempts = signedAttempts(run).map((a) => ({ ...a, status: 'passed', exitCode: 0 }));
      const signed = { status: 'passed', reason: null, attempts } as Parameters<typeof resultEnvelope>[1];
      writeFileSync(join(d, 'gates/flaky/result.dsse.json'), envelopeText(resultEnvelope(binding, signed, t.mia.id)));
      return { auditHead: rewriteAudit(d, (e) => e.data.gate !== 'flaky' || !['result.signed', 'waiver.recorded'].includes(e.type)) };
    });
    expectCaught(v, 'separation of duties', /Mia RM ran gate "flaky" run #1 and cannot also sign the bundle/);
  });

  it('an earlier approved run handed over in place of the later, rejected one', () => {
    must(cli(['run', plan, '--gate', 'build', '--db', ws.db, '--key', t.ada.file]), 'build run #2');
    must(cli(['request', plan, '--gate', 'build', '--out', 'req-2.zip', '--db', ws.db]), 'request run #2');
    must(cli(['sign', 'req-2.zip', '--key', t.rui.file, '--reject', '--out', 'rui-reject-2.dsse.json']), 'rui rejects run #2');
    must(cli(['import', plan, 'rui-reject-2.dsse.json', '--db', ws.db]), 'import');
    const rerun = join(ws.dir, 'rerun');
    must(cli(['bundle', plan, '--out', rerun, '--key', t.mia.file, '--db', ws.db]), 'bundle');
    const v = attack(rerun, (d) => {
      for (const dir of ['gates/build', 'signoffs/build']) {
        rmSync(join(d, dir), { recursive: true, force: true });
        cpSync(join(base, dir), join(d, dir), { recursive: true });
      }
    });
    expectCaught(v, 'later run left out', /audit\.jsonl event \d+: records run #2 of gate "build", later than the run #1 the bundle holds/);
  });
});
