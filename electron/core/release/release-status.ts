/** The plan's status with sign-offs, waivers and ceremony blockers, for `status` and the UI. */
import type { Plan } from '../plan/types';
import { planStatus, type PlanStatus } from '../runs/plan-status';
import type { MetricsReader, RunStore } from '../runs/ports';
import type { ReleaseRecords } from './ports';
import { gateRecords, type GateRecords } from './release-inputs';
import { evaluateRelease, type ReleaseEvaluation } from './release-rules';
import { gateReleaseView } from './signoff-view';

export interface ReleaseState {
  records: GateRecords[];
  evaluation: ReleaseEvaluation;
}

export function releaseState(plan: Plan, store: RunStore, records: ReleaseRecords, now: Date, bundleSigner?: { keyId: string }): ReleaseState {
  const recs = plan.gates.map((g) => gateRecords(plan, g, store, records));
  return { records: recs, evaluation: evaluateRelease(plan, recs.map((r) => r.input), now, bundleSigner) };
}

export function releaseStatus(
  plan: Plan,
  store: RunStore,
  records: ReleaseRecords,
  now: Date,
  metrics?: MetricsReader,
): PlanStatus & { ready: boolean } {
  const state = releaseState(plan, store, records, now);
  const status = planStatus(plan, store, (gate) => {
    const i = plan.gates.findIndex((g) => g.id === gate.id);
    return gateReleaseView(state.records[i], state.evaluation.gates[i]);
  }, metrics);
  return { ...status, ready: state.evaluation.ok };
}
