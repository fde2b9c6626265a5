/**
 * The signed statements of a release, built from the signing core: the
 * operator's test result, sign-offs, waivers and the bundle manifest. Each
 * is an in-toto Statement v1 in a DSSE envelope.
 */
import { IN_TOTO_PAYLOAD_TYPE, signEnvelope, type Envelope } from '../signoff/dsse';
import { evidenceManifest, manifestSubject, type EvidenceManifest, type ManifestFile } from '../signoff/evidence-manifest';
import { statement, statementPayload } from '../signoff/in-toto';
import type { Identity } from '../signoff/keys';
import {
  BUNDLE_MANIFEST_PREDICATE,
  SIGNOFF_PREDICATE,
  TEST_RESULT_PREDICATE,
  WAIVER_PREDICATE,
  bundleManifestPredicate,
  signoffPredicate,
  testResultPredicate,
  waiverPredicate,
  type GateBinding,
} from '../signoff/predicates';
import type { GateStatus } from '../runs/types';

export type { ManifestFile } from '../signoff/evidence-manifest';

/** What a gate-bound statement names: the gate, the run, the plan and the run's evidence manifest. */
export interface RunBinding extends GateBinding {
  manifestSha256: string;
}

/** The evidence manifest of one run, over the files under `gates/<id>/` (see layout.ts). */
export function gateManifest(gate: string, runNo: number, planDigest: string, files: ManifestFile[]): EvidenceManifest {
  return evidenceManifest({ gate, runNo, planDigest, files });
}

/** The test-result verdict of a run status: only `passed` is PASSED. */
export function resultOf(status: GateStatus): 'PASSED' | 'FAILED' {
  return status === 'passed' ? 'PASSED' : 'FAILED';
}

function bindingOf(b: RunBinding): GateBinding {
  return { gate: b.gate, runId: b.runId, runNo: b.runNo, planDigest: b.planDigest };
}

function signStatement(b: RunBinding, predicateType: string, predicate: object, by: Identity): Envelope {
  const st = statement([manifestSubject(b.gate, b.runNo, b.manifestSha256)], predicateType, predicate);
  return signEnvelope(IN_TOTO_PAYLOAD_TYPE, statementPayload(st), by);
}

export function resultEnvelope(
  b: RunBinding,
  run: { status: GateStatus; attempts: { n: number; status: string }[] },
  operator: Identity,
): Envelope {
  const name = (n: number) => `${b.gate} attempt ${n}`;
  const predicate = testResultPredicate({
    ...bindingOf(b),
    result: resultOf(run.status),
    operatorKeyId: operator.keyId,
    passedTests: run.attempts.filter((a) => a.status === 'passed').map((a) => name(a.n)),
    failedTests: run.attempts.filter((a) => a.status !== 'passed').map((a) => name(a.n)),
  });
  return signStatement(b, TEST_RESULT_PREDICATE, predicate, operator);
}

export function signoffEnvelope(
  b: RunBinding & { release: string; candidate: string },
  decision: { decision: 'approve' | 'reject'; role: string; comment?: string; time: Date },
  by: Identity,
): Envelope {
  const predicate = signoffPredicate({
    ...bindingOf(b),
    release: b.release,
    candidate: b.candidate,
    decision: decision.decision,
    role: decision.role,
    comment: decision.comment ?? '',
    time: decision.time,
    evidenceManifest: b.manifestSha256,
  });
  return signStatement(b, SIGNOFF_PREDICATE, predicate, by);
}

export function waiverEnvelope(
  b: RunBinding,
  w: { reason: string; expires: Date; role: string; time: Date },
  by: Identity,
): Envelope {
  return signStatement(b, WAIVER_PREDICATE, waiverPredicate({ ...bindingOf(b), ...w }), by);
}

/** Signs MANIFEST.json (by digest) as the release manager. */
export function manifestEnvelope(
  m: { release: string; candidate: string; planDigest: string; files: number; sha256: string; time: Date },
  by: Identity,
): Envelope {
  const predicate = bundleManifestPredicate({
    release: m.release,
    candidate: m.candidate,
    planDigest: m.planDigest,
    files: m.files,
    time: m.time,
  });
  const st = statement([{ name: 'MANIFEST.json', digest: { sha256: m.sha256 } }], BUNDLE_MANIFEST_PREDICATE, predicate);
  return signEnvelope(IN_TOTO_PAYLOAD_TYPE, statementPayload(st), by);
}

/** Pretty JSON with a final newline: how every envelope is written to disk. */
export function envelopeText(env: Envelope): string {
  return `${JSON.stringify(env, null, 2)}\n`;
}

/** The predicate of an envelope WITHOUT verifying it: for display of records already verified. */
export function peekPredicate(envelopeText: string): Record<string, unknown> | null {
  try {
    const env = JSON.parse(envelopeText) as Envelope;
    const st = JSON.parse(Buffer.from(env.payload, 'base64').toString('utf8')) as { predicate?: Record<string, unknown> };
    return st.predicate ?? null;
  } catch {
    return null;
  }
}
