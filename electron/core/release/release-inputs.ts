/**
 * Gathers, from the store, what evaluateRelease needs for each gate: the run
 * that counts for the gate's current definition, its evidence manifest
 * digest, its signed result, sign-offs and waiver.
 */
import type { Gate, Plan } from '../plan/types';
import { gateState } from '../runs/effective-status';
import { planKeyOf } from '../runs/plan-runner';
import type { RunStore } from '../runs/ports';
import type { RunRecord } from '../runs/types';
import type { ReleaseRecords, StoredSignature } from './ports';
import type { GateInput } from './release-rules';
import { gateManifest } from './statements';

export interface GateRecords {
  gate: Gate;
  run: RunRecord | null;
  input: GateInput;
  signoffs: StoredSignature[];
  waiver: StoredSignature | null;
}

/** Names a stored signature in messages: its source file, else the signer. */
export function signatureSource(s: StoredSignature): string {
  return s.source.endsWith('.json') ? s.source : `${s.kind} by ${s.person} (key ${s.keyId.slice(0, 12)}…)`;
}

export function countingRun(plan: Plan, gate: Gate, store: RunStore): RunRecord | null {
  const key = planKeyOf(plan);
  const latest = store.findRun(key, gate.id) ?? undefined;
  return gateState(gate, latest, () => store.listRuns({ planKey: key, gateId: gate.id })).run;
}

export function gateRecords(plan: Plan, gate: Gate, store: RunStore, records: ReleaseRecords): GateRecords {
  const run = countingRun(plan, gate, store);
  if (!run) return { gate, run, input: { gate, run: null, signoffs: [], signoffSources: [] }, signoffs: [], waiver: null };
  const files = records.runFiles(run.id);
  const manifestSha256 = files ? gateManifest(gate.id, run.runNo, plan.digest, files).sha256 : null;
  const signoffs = records.signatures(run.id, 'signoff');
  const waiver = records.signatures(run.id, 'waiver').at(-1) ?? null;
  const result = records.result(run.id);
  const input: GateInput = {
    gate,
    run: {
      id: run.id,
      runNo: run.runNo,
      status: run.status,
      reason: run.reason,
      operatorKeyId: run.operatorKeyId ?? null,
      manifestSha256,
      attempts: store.attempts(run.id).map((a) => ({ n: a.n, exitCode: a.exitCode, status: a.status })),
      source: `the stored run #${run.runNo} of "${gate.id}"`,
    },
    signoffs: signoffs.map((s) => s.envelope),
    signoffSources: signoffs.map(signatureSource),
    ...(result ? { result: result.envelope, resultSource: `result of run #${run.runNo} signed by key ${result.keyId.slice(0, 12)}…` } : {}),
    ...(waiver ? { waiver: waiver.envelope, waiverSource: signatureSource(waiver) } : {}),
  };
  return { gate, run, input, signoffs, waiver };
}
