/** The status of every gate of a plan, in the shape `status --json` and the UI share. */
import { topoOrder } from '../plan/graph';
import type { Plan } from '../plan/types';
import { gateState, unmetNeeds } from './effective-status';
import { planKeyOf } from './plan-runner';
import type { MetricsReader, MetricsStats, RunStore, StoredVerdict } from './ports';
import type { EvidenceItem, GateStatus, RunRecord } from './types';
import type { Gate } from '../plan/types';
import type { GateReleaseView, SignoffSummary, SignoffView, WaiverView } from '../release/signoff-view';

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
  /** Null until the run has evaluated it. */
  ok: boolean | null;
  value: number | null;
  /** When it broke (epoch ms, data time). */
  breachedAt?: number;
  /** True once the run ended and this is the final verdict; false while live. */
  final?: boolean;
}

/** A run's metrics ingestion in status: points stored and bad lines by line number. */
export interface MetricsView {
  points: number;
  series: number;
  badLines: number;
  badSamples: MetricsStats['badSamples'];
  scrapes: number;
  scrapeFailures: number;
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
  /** Present once the run has read metrics: points stored, bad lines by line number. */
  metrics?: MetricsView;
  signoffs: SignoffView[];
  /** The gate's sign-off rule and how far it is met; null when the gate takes no sign-offs. */
  signoff: SignoffSummary | null;
  waiver: WaiverView | null;
  /** What keeps this gate out of the ceremony; empty when it is ready. */
  blockers: string[];
  /** A run of an older definition of this gate, which no longer counts. */
  staleRunId: number | null;
}

export interface PlanStatus {
  plan: { file: string; release: string; candidate: string; digest: string };
  gates: GateView[];
  summary: Record<GateStatus, number> & { total: number };
}

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
      thresholds: thresholdViews(gate.thresholds, run && metrics ? metrics.verdicts(run.id) : []),
      ...metricsView(run && metrics ? metrics.stats(run.id) : null),
      signoffs: rv?.signoffs ?? [],
      signoff: rv?.signoff ?? null,
      waiver: rv?.waiver ?? null,
      blockers: rv?.blockers ?? [],
      staleRunId: s.staleRun?.runNo ?? null,
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
