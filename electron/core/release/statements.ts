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
  SIGNED_RUN_STATUSES,
  signoffPredicate,
  testResultPredicate,
  waiverPredicate,
  type GateBinding,
  type SignedRunStatus,
} from '../signoff/predicates';
import type { AttemptRecord, GateStatus } from '../runs/types';

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

/** What the operator's result signs about a finished run: its status, reason and every attempt. */
export interface SignableRun {
  status: GateStatus;
  reason: string | null;
  attempts: Pick<AttemptRecord, 'n' | 'status' | 'exitCode' | 'signal' | 'timedOut' | 'durationMs'>[];
}

export function resultEnvelope(b: RunBinding, run: SignableRun, operator: Identity): Envelope {
  if (!(SIGNED_RUN_STATUSES as readonly string[]).includes(run.status)) {
    throw new Error(`a ${run.status} run has no result to sign`);
  }
  const attempts = run.attempts.map((a) => {
    if (a.status === 'running') throw new Error(`attempt ${a.n} is still running; a result is signed once the run ends`);
    return { ...a, status: a.status };
  });
  const name = (n: number) => `${b.gate} attempt ${n}`;
  const predicate = testResultPredicate({
    ...bindingOf(b),
    result: resultOf(run.status),
    operatorKeyId: operator.keyId,
    passedTests: attempts.filter((a) => a.status === 'passed').map((a) => name(a.n)),
    failedTests: attempts.filter((a) => a.status !== 'passed').map((a) => name(a.n)),
    status: run.status as SignedRunStatus,
    reason: run.reason,
    attempts,
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

/** An envelope's parts WITHOUT verifying it: for display and matching of records verified elsewhere. */
export interface PeekedEnvelope {
  /** The first signature's key id. */
  keyId: string | null;
  /** The base64 payload: equal payloads are the same signed statement. */
  payload: string;
  predicateType: string | null;
  predicate: Record<string, unknown>;
}

export function peekEnvelope(envelope: unknown): PeekedEnvelope | null {
  try {
    const env = (typeof envelope === 'string' ? JSON.parse(envelope) : envelope) as Partial<Envelope> | null;
    if (!env || typeof env.payload !== 'string') return null;
    const st = JSON.parse(Buffer.from(env.payload, 'base64').toString('utf8')) as { predicateType?: unknown; predicate?: unknown };
    const keyId = Array.isArray(env.signatures) ? env.signatures[0]?.keyid : undefined;
    const predicate = st.predicate && typeof st.predicate === 'object' ? (st.predicate as Record<string, unknown>) : {};
    return {
      keyId: typeof keyId === 'string' ? keyId : null,
      payload: env.payload,
      predicateType: typeof st.predicateType === 'string' ? st.predicateType : null,
      predicate,
    };
  } catch {
    return null;
  }
}

/** The predicate of an envelope WITHOUT verifying it: for display of records already verified. */
export function peekPredicate(envelopeText: string): Record<string, unknown> | null {
  return peekEnvelope(envelopeText)?.predicate ?? null;
}
