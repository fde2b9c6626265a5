/**
 * `--json` output of a plan's status, in the names DESIGN.md gives it: a
 * gate's run number is printed as `runId` (and `staleRunId`), as scripts and
 * tests outside the repo read it. Inside the cockpit it is `runNo`, so it is
 * never mistaken for a store row id.
 */
import type { GateView, PlanStatus } from '../core/runs/plan-status';

type GateJson = Omit<GateView, 'runNo' | 'staleRunNo'> & { runId: number | null; staleRunId: number | null };

export function statusJson(status: PlanStatus): Omit<PlanStatus, 'gates'> & { gates: GateJson[] } {
  return {
    ...status,
    gates: status.gates.map(({ runNo, staleRunNo, ...gate }) => ({ ...gate, runId: runNo, staleRunId: staleRunNo })),
  };
}
