/** Run records and statuses shared by the runner, the store, the CLI and the UI. */

export const GATE_STATUSES = [
  'not-run',
  'running',
  'passed',
  'failed',
  'blocked',
  'cancelled',
  'interrupted',
  'waived',
] as const;
export type GateStatus = (typeof GATE_STATUSES)[number];

/** A status that will not change any more. */
export function isFinal(status: GateStatus): boolean {
  return status !== 'running' && status !== 'not-run';
}

export interface AttemptRecord {
  /** 1-based attempt number within the run. */
  n: number;
  status: 'running' | 'passed' | 'failed' | 'cancelled' | 'interrupted';
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  startedAt: number;
  endedAt: number | null;
  durationMs: number | null;
  /** Absolute path of this attempt's log file (raw pty bytes, secrets masked). */
  logPath: string;
  /** Bytes of the log known to be stored. */
  logBytes: number;
}

export interface EvidenceItem {
  /** Path relative to the gate's cwd, with forward slashes. */
  path: string;
  sha256: string;
  size: number;
}

export interface RunRecord {
  id: number;
  /** `release@candidate`: runs of a plan survive edits that leave a gate's definition unchanged. */
  planKey: string;
  planDigest: string;
  planPath: string;
  gateId: string;
  gateDigest: string;
  /** 1-based, per (planKey, gateId). */
  runNo: number;
  status: GateStatus;
  /** Why it is failed/blocked/cancelled/interrupted, in words. */
  reason: string | null;
  operator: string | null;
  /** Key id of the operator's identity (`run --key`); null when the run was not signed. */
  operatorKeyId?: string | null;
  /** `local` or a host name from the plan. */
  target: string;
  durable: boolean;
  startedAt: number;
  endedAt: number | null;
  /** Pid of the cockpit process that owns the run; used to find runs orphaned by a crash. */
  ownerPid: number | null;
  /** Directory holding this run's logs, metrics and wrapper state. */
  runDir: string;
  metricsPath: string;
}

export interface RunEvent {
  id?: number;
  ts: number;
  runId: number | null;
  gateId: string | null;
  type: string;
  data: Record<string, unknown>;
  /** Audit chain to append to (`release@candidate`); defaults to the run's plan. */
  planKey?: string;
  /** Who acted, for the audit trail; defaults to `data.operator`. */
  actor?: string;
}
