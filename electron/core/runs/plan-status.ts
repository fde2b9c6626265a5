/** The status of every gate of a plan, in the shape `status --json` and the UI share. */
import { topoOrder } from '../plan/graph';
import type { Plan } from '../plan/types';
import { gateState, unmetNeeds } from './effective-status';
import { planKeyOf } from './plan-runner';
import type { RunStore } from './ports';
import type { EvidenceItem, GateStatus } from './types';

export interface AttemptView {
  n: number;
  status: string;
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  durationMs: number | null;
  startedAt: number;
  logBytes: number;
}

export interface ThresholdView {
  metric: string;
  expr: string;
  ok: boolean | null;
  value: number | null;
}

export interface GateView {
  id: string;
  title: string;
  needs: string[];
  status: GateStatus;
  /** The run number (as in `log --run N` and `gates/<id>/run-N` in bundles); null when not run. */
  runId: number | null;
  reason: string | null;
  /** Needs that are not satisfied now, for a gate that has not run. */
  blockedBy: string | null;
  target: string;
  repeat: number;
  operator: string | null;
  startedAt: number | null;
  endedAt: number | null;
  attempts: AttemptView[];
  evidence: EvidenceItem[];
  thresholds: ThresholdView[];
  signoffs: unknown[];
  /** A run of an older definition of this gate, which no longer counts. */
  staleRunId: number | null;
}

export interface PlanStatus {
  plan: { file: string; release: string; candidate: string; digest: string };
  gates: GateView[];
  summary: Record<GateStatus, number> & { total: number };
}

export function planStatus(plan: Plan, store: RunStore): PlanStatus {
  const key = planKeyOf(plan);
  const latest = store.latestRuns(key);
  const states = new Map(
    plan.gates.map((g) => [g.id, gateState(g, latest.get(g.id), () => store.listRuns({ planKey: key, gateId: g.id }))]),
  );
  const gates = topoOrder(plan.gates).map((gate): GateView => {
    const s = states.get(gate.id)!;
    const run = s.run;
    const waiting = s.status === 'not-run' ? unmetNeeds(gate, (id) => states.get(id)?.status ?? 'not-run') : null;
    return {
      id: gate.id,
      title: gate.title,
      needs: gate.needs,
      status: s.status,
      runId: run?.runNo ?? null,
      reason: run?.reason ?? null,
      blockedBy: waiting,
      target: gate.on ?? 'local',
      repeat: gate.repeat,
      operator: run?.operator ?? null,
      startedAt: run?.startedAt ?? null,
      endedAt: run?.endedAt ?? null,
      attempts: run
        ? store.attempts(run.id).map((a) => ({
            n: a.n,
            status: a.status,
            exitCode: a.exitCode,
            signal: a.signal,
            timedOut: a.timedOut,
            durationMs: a.durationMs,
            startedAt: a.startedAt,
            logBytes: a.logBytes,
          }))
        : [],
      evidence: run ? store.evidence(run.id) : [],
      thresholds: gate.thresholds.map((t) => ({ metric: t.key, expr: t.expr.source, ok: null, value: null })),
      signoffs: [],
      staleRunId: s.staleRun?.runNo ?? null,
    };
  });
  const summary = { total: gates.length } as PlanStatus['summary'];
  for (const st of ['not-run', 'running', 'passed', 'failed', 'blocked', 'cancelled', 'interrupted', 'waived'] as const) {
    summary[st] = gates.filter((g) => g.status === st).length;
  }
  return { plan: { file: plan.file, release: plan.release, candidate: plan.candidate, digest: plan.digest }, gates, summary };
}
