/**
 * Which run counts for a gate: the latest run made with the gate's current
 * definition. A run of an older definition says nothing about the gate as it
 * is now, so the gate is shown as not run.
 */
import type { Gate } from '../plan/types';
import type { GateStatus, RunRecord } from './types';

export interface GateState {
  gate: Gate;
  run: RunRecord | null;
  status: GateStatus;
  /** Set when a newer definition superseded the latest run. */
  staleRun: RunRecord | null;
}

export function gateState(gate: Gate, latest: RunRecord | undefined, history: () => RunRecord[]): GateState {
  if (latest && latest.gateDigest === gate.digest) {
    return { gate, run: latest, status: latest.status, staleRun: null };
  }
  if (!latest) return { gate, run: null, status: 'not-run', staleRun: null };
  const current = history().find((r) => r.gateDigest === gate.digest) ?? null;
  return {
    gate,
    run: current,
    status: current ? current.status : 'not-run',
    staleRun: current ? null : latest,
  };
}

export function satisfiesNeeds(status: GateStatus): boolean {
  return status === 'passed' || status === 'waived';
}

/** Returns a reason when any need is not satisfied, e.g. `needs go-no-go (failed)`. */
export function unmetNeeds(gate: Gate, statusOf: (gateId: string) => GateStatus): string | null {
  const unmet = gate.needs
    .map((id) => ({ id, status: statusOf(id) }))
    .filter((n) => !satisfiesNeeds(n.status));
  if (unmet.length === 0) return null;
  return `needs ${unmet.map((n) => `${n.id} (${n.status})`).join(', ')}`;
}
