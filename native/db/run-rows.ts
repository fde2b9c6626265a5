/** Row shapes of the run tables and their mapping to the domain records. */
import type { AttemptRecord, EvidenceItem, GateStatus, RunEvent, RunRecord } from '../../electron/core/runs/types';

export interface RunRow {
  id: number;
  plan_key: string;
  plan_digest: string;
  plan_path: string;
  gate_id: string;
  gate_digest: string;
  run_no: number;
  status: string;
  reason: string | null;
  operator: string | null;
  operator_key_id?: string | null;
  target: string;
  durable: number;
  started_at: number;
  ended_at: number | null;
  owner_pid: number | null;
  run_dir: string;
  metrics_path: string;
}

export interface AttemptRow {
  n: number;
  status: string;
  exit_code: number | null;
  signal: string | null;
  timed_out: number;
  started_at: number;
  ended_at: number | null;
  duration_ms: number | null;
  log_path: string;
  log_bytes: number;
}

export interface EventRow {
  id: number;
  ts: number;
  run_id: number | null;
  gate_id: string | null;
  type: string;
  data: string;
}

export function toRun(r: RunRow): RunRecord {
  return {
    id: r.id,
    planKey: r.plan_key,
    planDigest: r.plan_digest,
    planPath: r.plan_path,
    gateId: r.gate_id,
    gateDigest: r.gate_digest,
    runNo: r.run_no,
    status: r.status as GateStatus,
    reason: r.reason,
    operator: r.operator,
    operatorKeyId: r.operator_key_id ?? null,
    target: r.target,
    durable: r.durable !== 0,
    startedAt: r.started_at,
    endedAt: r.ended_at,
    ownerPid: r.owner_pid,
    runDir: r.run_dir,
    metricsPath: r.metrics_path,
  };
}

export function toAttempt(r: AttemptRow): AttemptRecord {
  return {
    n: r.n,
    status: r.status as AttemptRecord['status'],
    exitCode: r.exit_code,
    signal: r.signal,
    timedOut: r.timed_out !== 0,
    startedAt: r.started_at,
    endedAt: r.ended_at,
    durationMs: r.duration_ms,
    logPath: r.log_path,
    logBytes: r.log_bytes,
  };
}

/** Named parameters for the attempts table (SQLite binds no booleans). */
export function attemptParams(runId: number, a: AttemptRecord) {
  return {
    run_id: runId,
    n: a.n,
    status: a.status,
    exit_code: a.exitCode,
    signal: a.signal,
    timed_out: a.timedOut ? 1 : 0,
    started_at: a.startedAt,
    ended_at: a.endedAt,
    duration_ms: a.durationMs,
    log_path: a.logPath,
    log_bytes: a.logBytes,
  };
}

export function toEvidence(r: { path: string; sha256: string; size: number }): EvidenceItem {
  return { path: r.path, sha256: r.sha256, size: r.size };
}

export function toEvent(r: EventRow): RunEvent {
  return { id: r.id, ts: r.ts, runId: r.run_id, gateId: r.gate_id, type: r.type, data: JSON.parse(r.data) };
}

/**
 * Parameters for a partial update: for each field, `set_x` says whether the
 * patch has it (so an explicit null is written) and `x` carries the value.
 * This keeps one prepared UPDATE for every patch shape.
 */
export function patchParams<T extends object>(
  patch: Partial<T>,
  columns: Record<string, keyof T>,
  convert: (key: keyof T, v: unknown) => unknown = (_k, v) => v,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [col, key] of Object.entries(columns)) {
    const has = Object.prototype.hasOwnProperty.call(patch, key) && patch[key] !== undefined;
    out[`set_${col}`] = has ? 1 : 0;
    out[col] = has ? convert(key, patch[key]) : null;
  }
  return out;
}

/** `col = CASE WHEN @set_col THEN @col ELSE col END` for each column. */
export function patchSql(columns: Record<string, unknown>): string {
  return Object.keys(columns)
    .map((c) => `${c} = CASE WHEN @set_${c} THEN @${c} ELSE ${c} END`)
    .join(', ');
}
