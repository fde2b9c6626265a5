/**
 * `gates/<id>/run-<n>.json`: one run as a release manager reads it (result,
 * attempts, exit codes, durations, operator), and what verification needs to
 * bind signatures to it (run id, evidence manifest digest).
 */
import type { Gate } from '../plan/types';
import { GATE_STATUSES, type AttemptRecord, type EvidenceItem, type GateStatus, type RunRecord } from '../runs/types';
import { isPlainObject, isSha256Hex } from '../signoff/encoding';
import { resultOf } from './statements';

export const RUN_JSON_TYPE = 'release-cockpit-run';

export interface RunJson {
  type: typeof RUN_JSON_TYPE;
  version: 1;
  gate: string;
  title: string;
  runNo: number;
  runId: number;
  status: GateStatus;
  result: 'PASSED' | 'FAILED';
  reason: string | null;
  operator: { name: string | null; keyId: string | null };
  target: string;
  startedAt: string;
  endedAt: string | null;
  durationMs: number | null;
  attempts: {
    n: number;
    status: string;
    exitCode: number | null;
    signal: string | null;
    timedOut: boolean;
    startedAt: string;
    endedAt: string | null;
    durationMs: number | null;
    logBytes: number;
  }[];
  evidence: EvidenceItem[];
  planDigest: string;
  gateDigest: string;
  /** Hex SHA-256 of the evidence manifest over the run's files (what sign-offs sign). */
  evidenceManifest: string;
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

export function runJson(
  gate: Pick<Gate, 'id' | 'title'>,
  run: RunRecord,
  attempts: AttemptRecord[],
  evidence: EvidenceItem[],
  planDigest: string,
  evidenceManifest: string,
): RunJson {
  return {
    type: RUN_JSON_TYPE,
    version: 1,
    gate: gate.id,
    title: gate.title,
    runNo: run.runNo,
    runId: run.id,
    status: run.status,
    result: resultOf(run.status),
    reason: run.reason,
    operator: { name: run.operator, keyId: run.operatorKeyId ?? null },
    target: run.target,
    startedAt: new Date(run.startedAt).toISOString(),
    endedAt: iso(run.endedAt),
    durationMs: run.endedAt === null ? null : run.endedAt - run.startedAt,
    attempts: attempts.map((a) => ({
      n: a.n,
      status: a.status,
      exitCode: a.exitCode,
      signal: a.signal,
      timedOut: a.timedOut,
      startedAt: new Date(a.startedAt).toISOString(),
      endedAt: iso(a.endedAt),
      durationMs: a.durationMs,
      logBytes: a.logBytes,
    })),
    evidence,
    planDigest,
    gateDigest: run.gateDigest,
    evidenceManifest,
  };
}

export function runJsonText(r: RunJson): string {
  return `${JSON.stringify(r, null, 2)}\n`;
}

/** Reads the fields verification relies on; anything else in the file is informative only. */
export function parseRunJson(text: string): { ok: true; run: RunJson } | { ok: false; error: string } {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: `not valid JSON: ${(e as Error).message}` };
  }
  if (!isPlainObject(v) || v.type !== RUN_JSON_TYPE || v.version !== 1) return { ok: false, error: `not a ${RUN_JSON_TYPE} v1 document` };
  if (typeof v.gate !== 'string') return { ok: false, error: '"gate" is missing' };
  for (const k of ['runNo', 'runId'] as const) {
    if (!Number.isInteger(v[k]) || (v[k] as number) < 1) return { ok: false, error: `"${k}" must be a positive integer` };
  }
  if (!(GATE_STATUSES as readonly unknown[]).includes(v.status)) return { ok: false, error: '"status" is not a gate status' };
  if (!isSha256Hex(v.evidenceManifest)) return { ok: false, error: '"evidenceManifest" must be a SHA-256' };
  const op = v.operator;
  if (!isPlainObject(op) || !(op.keyId === null || isSha256Hex(op.keyId))) return { ok: false, error: '"operator.keyId" must be null or a key id' };
  if (!Array.isArray(v.attempts) || !v.attempts.every((a) => isPlainObject(a) && Number.isInteger(a.n))) {
    return { ok: false, error: '"attempts" must be an array of attempts, each with its number "n"' };
  }
  return { ok: true, run: v as unknown as RunJson };
}
