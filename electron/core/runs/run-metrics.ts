/**
 * The runner's side of a gate's metrics: starts the MetricsWatcher port
 * around a script gate, turns live breaches into events (and a cancel, for
 * abortOnFail), and folds the final threshold verdicts into the gate's verdict.
 */
import type { ThresholdVerdict } from '../metrics/threshold-eval';
import type { Gate } from '../plan/types';
import type { MetricsWatch } from './ports';
import type { ActiveRun, RunnerDeps, RunnerEvent } from './runner-deps';
import type { GateVerdict } from './script-gate';

/** `512.3`, `0.0123`, `42`: enough digits to read, no float noise. */
export function formatMetricValue(v: number | null): string {
  if (v === null) return 'no data';
  if (Number.isInteger(v)) return String(v);
  return Math.abs(v) >= 1 ? String(Number(v.toFixed(1))) : String(Number(v.toPrecision(3)));
}

/** `p(99) < 400 on http_req_duration (value 512.3)` */
export function describeVerdict(v: Pick<ThresholdVerdict, 'expr' | 'key' | 'value'>): string {
  return `${v.expr} on ${v.key} (value ${formatMetricValue(v.value)})`;
}

export function abortReason(v: ThresholdVerdict): string {
  return `threshold ${v.expr} on ${v.key} breached (value ${formatMetricValue(v.value)}): aborted`;
}

/** The gate's verdict once its thresholds' final verdicts are known. */
export function withThresholds(verdict: GateVerdict, finals: ThresholdVerdict[], aborted: string | null): GateVerdict {
  if (aborted) return { status: 'failed', reason: aborted };
  if (verdict.status === 'cancelled') return verdict;
  const failed = finals.filter((v) => !v.ok);
  if (failed.length === 0) return verdict;
  const list = `threshold${failed.length > 1 ? 's' : ''} failed: ${failed.map(describeVerdict).join('; ')}`;
  return { status: 'failed', reason: verdict.status === 'failed' && verdict.reason ? `${verdict.reason}; ${list}` : list };
}

export interface RunMetricsLink {
  /** Call once the gate's attempts are over: final verdicts, folded into `verdict`. */
  finish(verdict: GateVerdict): Promise<GateVerdict>;
  /** A durable run is left running as this process goes away: stop watching, decide nothing. */
  detach(): void;
}

export interface RunMetricsInput {
  deps: RunnerDeps;
  gate: Gate;
  active: ActiveRun;
  emit: (e: RunnerEvent) => void;
  record: (type: string, data: Record<string, unknown>) => void;
  /** Stops the run (abortOnFail). */
  cancel: () => void;
}

export function linkRunMetrics(input: RunMetricsInput): RunMetricsLink {
  const { deps, gate, active, emit, record } = input;
  const run = active.run;
  let aborted: string | null = null;
  let watch: MetricsWatch | null = null;
  if (deps.metrics && !gate.probe) {
    watch = deps.metrics.start(run, gate, {
      onEvent: (type, data) => record(type, data),
      onEvaluation: (e, stats) => {
        emit({ type: 'metrics', runId: run.id, gateId: gate.id, verdicts: e.verdicts, stats });
        const abortNow = e.abort && aborted === null;
        const culprit = abortNow ? e.verdicts.find((v) => v.abort) ?? null : null;
        const breaches = culprit && !e.newBreaches.includes(culprit) ? [...e.newBreaches, culprit] : e.newBreaches;
        for (const v of breaches) {
          const abort = v === culprit;
          record('threshold.breach', { metric: v.key, expr: v.expr, value: v.value, breachedAt: v.breachedAt ?? null, abort });
          emit({ type: 'threshold', runId: run.id, gateId: gate.id, verdict: v, abort });
        }
        if (culprit) {
          aborted = abortReason(culprit);
          record('threshold.abort', { metric: culprit.key, expr: culprit.expr, value: culprit.value, reason: aborted });
          input.cancel();
        }
      },
    });
  }
  return {
    detach: () => watch?.detach?.(),
    async finish(verdict) {
      if (!watch) return verdict;
      let finals: ThresholdVerdict[] = [];
      try {
        const done = await watch.finish();
        finals = done.verdicts;
        record('thresholds.final', {
          failed: finals.filter((v) => !v.ok).length,
          total: finals.length,
          points: done.stats.points,
          badLines: done.stats.badLines,
        });
      } catch (err) {
        record('metrics.error', { message: (err as Error).message });
      }
      return withThresholds(verdict, finals, aborted);
    },
  };
}
