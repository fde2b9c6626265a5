/**
 * Reattaching to durable runs after a restart. A durable run whose owner
 * process is gone stays `running` (recover.ts leaves it alone); here a cockpit
 * that is starting (serve, the app, `attach`) claims it, finds the gate it ran
 * (the plan file, or the plan text stored when it started if the file moved on)
 * and follows it again from the stored offsets until it completes.
 */
import { resolve } from 'node:path';
import type { Gate, Plan, PlanResult } from '../../core/plan/types';
import type { PlanRunner } from '../../core/runs/plan-runner';
import type { RunStore } from '../../core/runs/ports';
import { resolveGateEnv } from '../../core/runs/secrets';
import type { RunRecord } from '../../core/runs/types';

export interface ReattachDeps {
  store: RunStore;
  runner: PlanRunner;
  /** Compare-and-set of a running durable run's owner; false when another process took it. */
  claim(runId: number, expectedOwner: number | null, pid: number): boolean;
  isAlive(pid: number): boolean;
  selfPid: number;
  loadPlan(file: string): PlanResult;
  parsePlan(source: string, file: string): PlanResult;
  env: Record<string, string | undefined>;
}

export interface ReattachFilter {
  /** Only runs of this plan file. */
  planFile?: string;
  gateIds?: string[];
}

export interface ReattachResult {
  /** Runs now followed by this process; `done` settles when each completes. */
  resumed: { run: RunRecord; done: Promise<RunRecord> }[];
  /** Runs followed by another live cockpit process. */
  elsewhere: RunRecord[];
  /** Runs that could not be reattached, in words. */
  problems: string[];
}

function gateOf(result: PlanResult, run: RunRecord, exact: boolean): { plan: Plan; gate: Gate } | null {
  if (!result.ok) return null;
  const gate = result.plan.gates.find((g) => g.id === run.gateId && (!exact || g.digest === run.gateDigest));
  return gate ? { plan: result.plan, gate } : null;
}

export function reattachDurableRuns(deps: ReattachDeps, filter: ReattachFilter = {}): ReattachResult {
  const out: ReattachResult = { resumed: [], elsewhere: [], problems: [] };
  const mine = new Set(deps.runner.activeRuns().map((r) => r.id));
  const planFile = filter.planFile ? resolve(filter.planFile) : null;
  for (const run of deps.store.runningRuns()) {
    if (!run.durable || mine.has(run.id)) continue;
    if (planFile && resolve(run.planPath) !== planFile) continue;
    if (filter.gateIds?.length && !filter.gateIds.includes(run.gateId)) continue;
    const owner = run.ownerPid;
    if (owner !== null && owner !== deps.selfPid && deps.isAlive(owner)) {
      out.elsewhere.push(run);
      continue;
    }
    const name = `run #${run.runNo} of "${run.gateId}"`;
    const source = deps.store.planSource(run.planDigest);
    const found = gateOf(deps.loadPlan(run.planPath), run, true) ?? (source !== null ? gateOf(deps.parsePlan(source, run.planPath), run, false) : null);
    if (!found) {
      out.problems.push(`${name}: the gate it ran is in neither ${run.planPath} nor the stored plan; cannot reattach`);
      continue;
    }
    const missing = resolveGateEnv(found.gate.env, deps.env).missing;
    if (missing.length > 0) {
      out.problems.push(`${name}: set ${missing.join(', ')} in the environment to reattach (its log masks them)`);
      continue;
    }
    if (!deps.claim(run.id, owner, deps.selfPid)) {
      out.elsewhere.push(run);
      continue;
    }
    const claimed = { ...run, ownerPid: deps.selfPid };
    const done = deps.runner.resumeRun(found.plan, claimed);
    done.catch(() => undefined); // callers that only start it (serve, the app) must not crash on a rejection
    out.resumed.push({ run: claimed, done });
  }
  return out;
}
