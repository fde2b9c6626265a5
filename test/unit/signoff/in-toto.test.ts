import { describe, expect, it } from 'vitest';
import { parseStatement, statement, statementPayload, STATEMENT_TYPE } from '../../../electron/core/signoff/in-toto';
import {
  BUNDLE_MANIFEST_PREDICATE,
  SIGNOFF_PREDICATE,
  TEST_RESULT_PREDICATE,
  WAIVER_PREDICATE,
  bundleManifestPredicate,
  signoffPredicate,
  testResultPredicate,
  waiverPredicate,
} from '../../../electron/core/signoff/predicates';

const H = (c: string) => c.repeat(64);
const subject = [{ name: 'gates/perf/run-3.manifest.json', digest: { sha256: H('a') } }];
const binding = { gate: 'perf', runId: 7, runNo: 3, planDigest: H('b') };
const when = new Date('2025-03-01T10:00:00Z');

const signoff = signoffPredicate({
  ...binding,
  release: 'v2.0',
  candidate: 'rc1',
  decision: 'approve',
  role: 'qa',
  comment: 'looks good',
  time: when,
  evidenceManifest: H('a'),
});

describe('in-toto statements', () => {
  it('round-trips a sign-off statement through its canonical payload', () => {
    const st = statement(subject, SIGNOFF_PREDICATE, signoff);
    expect(st._type).toBe('https://in-toto.io/Statement/v1');
    const parsed = parseStatement(statementPayload(st), SIGNOFF_PREDICATE);
    expect(parsed).toEqual({ ok: true, statement: st });
    expect(signoff.time).toBe('2025-03-01T10:00:00.000Z');
  });

  it('builds each predicate type so that it parses back', () => {
    const preds: [string, object][] = [
      [
        TEST_RESULT_PREDICATE,
        testResultPredicate({
          ...binding, result: 'FAILED', operatorKeyId: H('c'), passedTests: ['a'], failedTests: ['b'], status: 'failed', reason: 'attempt 1 exited 3',
          attempts: [{ n: 1, status: 'failed', exitCode: 3, signal: null, timedOut: false, durationMs: 12 }],
        }),
      ],
      [WAIVER_PREDICATE, waiverPredicate({ ...binding, reason: 'flaky infra', expires: when, role: 'rm', time: when })],
      [BUNDLE_MANIFEST_PREDICATE, bundleManifestPredicate({ release: 'v2', candidate: 'rc1', planDigest: H('b'), time: when, files: 12 })],
    ];
    for (const [type, p] of preds) {
      const r = parseStatement(statementPayload(statement(subject, type, p)), type);
      expect(r.ok, type).toBe(true);
    }
    const tr = preds[0][1] as Record<string, unknown>;
    expect(tr).toMatchObject({ result: 'FAILED', operator: H('c'), configuration: [{ name: 'plan.yaml', digest: { sha256: H('b') } }] });
    expect('warnedTests' in tr).toBe(false);
  });

  it('refuses to build an invalid predicate or statement', () => {
    expect(() => signoffPredicate({ ...binding, release: 'v', candidate: 'c', decision: 'maybe' as 'approve', role: 'qa', time: when, evidenceManifest: H('a') })).toThrow(/decision/);
    expect(() => waiverPredicate({ ...binding, reason: '', expires: when, role: 'rm', time: when })).toThrow(/reason/);
    expect(() => waiverPredicate({ ...binding, reason: 'r', expires: new Date('nope'), role: 'rm', time: when })).toThrow(/invalid date/);
    expect(() => statement([], SIGNOFF_PREDICATE, signoff)).toThrow(/subject/);
    expect(() => statement([{ name: 'x', digest: { sha256: 'abc' } }], SIGNOFF_PREDICATE, signoff)).toThrow(/digest\.sha256/);
  });

  it('rejects malformed statements with specific messages', () => {
    const good = JSON.parse(statementPayload(statement(subject, SIGNOFF_PREDICATE, signoff)).toString());
    const cases: [unknown, RegExp][] = [
      [{ ...good, _type: 'https://in-toto.io/Statement/v0.1' }, /"_type" must be/],
      [{ ...good, subject: [] }, /"subject" must be a non-empty array/],
      [{ ...good, subject: [{ name: 'x', digest: { sha1: 'ab' } }] }, /unsupported algorithm\(s\): sha1/],
      [{ ...good, predicateType: 'not a uri' }, /must be a URI/],
      [{ ...good, predicate: { ...good.predicate, runNo: 0 } }, /"runNo" must be a positive integer/],
      [{ ...good, predicate: { ...good.predicate, time: '2025-03-01' } }, /"time" must be an RFC 3339/],
      [{ ...good, predicate: { ...good.predicate, gate: undefined } }, /missing "gate"/],
      [{ ...good, predicate: { ...good.predicate, sneaky: true } }, /unknown field "sneaky"/],
      [{ ...good, extra: 1 }, /unknown field "extra"/],
    ];
    for (const [value, message] of cases) {
      const r = parseStatement(JSON.stringify(value));
      expect(r.ok, String(message)).toBe(false);
      if (!r.ok) expect(r.errors.join('\n')).toMatch(message);
    }
    const wrong = parseStatement(JSON.stringify(good), WAIVER_PREDICATE);
    expect(wrong.ok).toBe(false);
    if (!wrong.ok) expect(wrong.errors[0]).toBe(`wrong predicateType "${SIGNOFF_PREDICATE}", expected "${WAIVER_PREDICATE}"`);
    const truncated = parseStatement('{"_type":"' + STATEMENT_TYPE);
    expect(truncated.ok).toBe(false);
    if (!truncated.ok) expect(truncated.errors[0]).toMatch(/not valid JSON/);
  });

  it('rejects impossible dates', () => {
    const good = JSON.parse(statementPayload(statement(subject, SIGNOFF_PREDICATE, signoff)).toString());
    const r = parseStatement(JSON.stringify({ ...good, predicate: { ...good.predicate, time: '2025-02-30T10:00:00Z' } }));
    expect(r.ok).toBe(false);
  });
});
