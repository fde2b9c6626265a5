/** The status of every gate of a plan, in the shape `status --json` and the UI share. */
import { topoOrder } from '../plan/graph';
import type { Plan } from '../plan/types';
import { gateState, unmetNeeds } from './effective-status';
import { planKeyOf } from './plan-runner';
import type { MetricsReader, MetricsStats, RunStore, StoredVerdict } from './ports';
import type { RunRecord } from './types';
import type { Gate } from '../plan/types';
import type { GateReleaseView } from '../release/view-types';
import type { GateView, MetricsView, PlanStatus, ThresholdView } from './status-types';

export type { AttemptView, GateView, MetricsView, PlanStatus, ThresholdView } from './status-types';

/** Supplies a gate's sign-off view (and its status with waivers applied); see core/release. */
export type ReleaseViewOf = (gate: Gate, run: RunRecord | null) => GateReleaseView;

export function planStatus(plan: Plan, store: RunStore, releaseView?: ReleaseViewOf, metrics?: MetricsReader): PlanStatus {
  const key = planKeyOf(plan);
  const latest = store.latestRuns(key);
  const states = new Map(
    plan.gates.map((g) => [g.id, gateState(g, latest.get(g.id), () => store.listRuns({ planKey: key, gateId: g.id }))]),
  );
  const gates = topoOrder(plan.gates).map((gate): GateView => {
    const s = states.get(gate.id)!;
    const run = s.run;
    const rv = releaseView?.(gate, run);
    const waiting = s.status === 'not-run' ? unmetNeeds(gate, (id) => states.get(id)?.status ?? 'not-run') : null;
    return {
      id: gate.id,
      title: gate.title,
      needs: gate.needs,
      status: rv?.status ?? s.status,
      runNo: run?.runNo ?? null,
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
      thresholds: thresholdViews(gate.thresholds, run && metrics ? metrics.verdicts(run.id) : []),
      ...metricsView(run && metrics ? metrics.stats(run.id) : null),
      signoffs: rv?.signoffs ?? [],
      signoff: rv?.signoff ?? null,
      waiver: rv?.waiver ?? null,
      blockers: rv?.blockers ?? [],
      staleRunNo: s.staleRun?.runNo ?? null,
    };
  });
  const summary = { total: gates.length } as PlanStatus['summary'];
  for (const st of ['not-run', 'running', 'passed', 'failed', 'blocked', 'cancelled', 'interrupted', 'waived'] as const) {
    summary[st] = gates.filter((g) => g.status === st).length;
  }
  return { plan: { file: plan.file, release: plan.release, candidate: plan.candidate, digest: plan.digest }, gates, summary };
}

/** The plan's thresholds with the run's stored verdicts, matched by metric key and expression. */
function thresholdViews(thresholds: Plan['gates'][number]['thresholds'], stored: StoredVerdict[]): ThresholdView[] {
  const used = new Set<StoredVerdict>();
  return thresholds.map((t) => {
    const v = stored.find((s) => !used.has(s) && s.key === t.key && s.expr === t.expr.source);
    if (!v) return { metric: t.key, expr: t.expr.source, ok: null, value: null };
    used.add(v);
    const view: ThresholdView = { metric: t.key, expr: t.expr.source, ok: v.ok, value: v.value, final: v.final };
    if (v.breachedAt !== undefined) view.breachedAt = v.breachedAt;
    return view;
  });
}

function metricsView(stats: MetricsStats | null): { metrics?: MetricsView } {
  if (!stats) return {};
  const { points, series, badLines, badSamples, scrapes, scrapeFailures } = stats;
  return { metrics: { points, series, badLines, badSamples, scrapes, scrapeFailures } };
}
