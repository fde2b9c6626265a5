/**
 * The Soak page: live charts of a gate's metrics (error rate, latency,
 * memory per service...), its thresholds and their verdicts, for a run that
 * may last 48 hours. Charts share one time window, chosen on the timeline;
 * in follow mode it slides with new data, redrawn at most once a second.
 */
import './soak.css';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { EmptyState } from '../components/common/EmptyState';
import { cancelRun, runGate } from '../state/actions';
import { usePlan } from '../state/plan';
import { useRuns } from '../state/runs';
import { useRunIdFor } from '../state/use-run-id';
import { chartGroups } from './groups';
import { MetricChart } from './MetricChart';
import { SoakHeader } from './SoakHeader';
import { useChartColors } from './theme-colors';
import { Timeline } from './Timeline';
import type { TimeWindow } from './types';
import { dataSpan, useLiveMetrics } from './use-metrics';
import { VerdictList } from './VerdictList';
import { reportUnlessOffline } from '../state/toasts';

/** Gates worth a soak view: with thresholds or metrics; the `soak` gate first. */
function soakGates(gates: import('../types').GateSummary[]) {
  const list = gates.filter((g) => g.thresholds.length > 0 || g.id === 'soak' || g.kind === 'script');
  return list.sort((a, b) => Number(b.id === 'soak') - Number(a.id === 'soak') || Number(b.thresholds.length > 0) - Number(a.thresholds.length > 0));
}

export function SoakView({ gateId: routeGate, runId: routeRun }: { gateId: string | null; runId: number | null }) {
  const plan = usePlan((s) => s.plan);
  const status = usePlan((s) => s.status);
  const gates = useMemo(() => soakGates(plan?.gates ?? []), [plan]);
  const gateId = routeGate ?? gates[0]?.id ?? null;
  const def = gates.find((g) => g.id === gateId);
  const latestRunNo = status?.gates.find((g) => g.id === gateId)?.runNo ?? null;
  const latestId = useRunIdFor(gateId ?? '', latestRunNo);
  const runId = routeRun ?? latestId;
  const run = useRuns((s) => (runId != null ? s.byId[runId] : undefined));
  const runIds = useRuns((s) => (gateId ? s.byGate[gateId] : undefined));
  const byId = useRuns((s) => s.byId);
  const runs = useMemo(() => (runIds ?? []).map((id) => byId[id]).filter(Boolean), [runIds, byId]);
  const live = useLiveMetrics(runId, run?.status);
  const colors = useChartColors();
  const groups = useMemo(() => chartGroups(live.series), [live.series]);
  const span = useMemo(() => dataSpan(live.series), [live.series]);
  const [view, setView] = useState<{ window: TimeWindow | null; follow: boolean }>({ window: null, follow: true });

  useEffect(() => setView({ window: null, follow: true }), [runId]);
  useEffect(() => {
    if (runId != null) void useRuns.getState().fetchRun(runId).catch(reportUnlessOffline('Could not load the run'));
  }, [runId, run?.status]);
  useEffect(() => {
    if (gateId) void useRuns.getState().fetchGateRuns(gateId).catch(reportUnlessOffline(`Could not load the runs of ${gateId}`));
  }, [gateId, latestRunNo]);

  // Follow: the chosen window length, ending at the latest point; no window chosen: the whole run.
  const window = useMemo<TimeWindow | null>(() => {
    if (!span) return null;
    if (!view.window) return span;
    if (!view.follow) return view.window;
    const len = view.window.to - view.window.from;
    return { from: Math.max(span.from, span.to - len), to: span.to };
  }, [span, view]);
  const kinds = useMemo(() => new Map(live.series.map((s) => [s.metric, s.kind])), [live.series]);
  const onWindow = useCallback((w: TimeWindow, follow: boolean) => setView({ window: w, follow }), []);

  if (!plan) return <div className="page page-center"><EmptyState icon="activity" title="No plan is open">Open a plan to watch its soak gates.</EmptyState></div>;
  if (!gateId || !def) {
    return <div className="page page-center"><EmptyState icon="activity" title="No soak gate">This plan has no gate with metrics or thresholds.</EmptyState></div>;
  }

  return (
    <div className="page page-soak" data-testid="soak-page" data-run-id={runId ?? ''}>
      <SoakHeader gates={gates} gateId={gateId} run={run} runs={runs} follow={view.follow}
        onFollow={(follow) => setView((v) => ({ ...v, follow }))}
        onRun={() => void runGate(gateId)} onCancel={() => run && void cancelRun(run.id, gateId)} />
      <section className="card soak-verdict-card">
        <header className="card-head">
          <h3 className="card-title">Thresholds</h3>
          {live.stats && (
            <span className="card-sub" data-testid="soak-stats">
              {live.stats.points.toLocaleString()} points · {live.stats.series} series
              {live.stats.badLines > 0 ? ` · ${live.stats.badLines} bad lines (first at line ${live.stats.badSamples[0]?.lineNo ?? '?'})` : ''}
              {live.stats.scrapeFailures > 0 ? ` · ${live.stats.scrapeFailures} failed scrapes` : ''}
            </span>
          )}
        </header>
        <VerdictList thresholds={def.thresholds} verdicts={live.verdicts} kindOf={(m) => kinds.get(m) ?? 'gauge'} />
      </section>
      {live.error && <p className="soak-error">{live.error}</p>}
      {runId == null ? (
        <EmptyState icon="activity" title="Not run yet">Run the gate to see its metrics here as they arrive.</EmptyState>
      ) : groups.length === 0 || !window || !span ? (
        <EmptyState icon="activity" title={run?.status === 'running' ? 'Waiting for the first points' : 'No metrics in this run'}>
          The gate writes metric lines to <code>$COCKPIT_METRICS</code> (k6 <code>--out json</code> or the short form).
        </EmptyState>
      ) : (
        <>
          <Timeline runId={runId} group={groups.find((g) => g.kind === 'trend') ?? groups[0]} span={span} window={window} tick={live.tick} colors={colors} onWindow={onWindow} />
          <div className="soak-grid">
            {groups.map((g) => (
              <MetricChart key={g.id} runId={runId} group={g} window={window} tick={live.tick} verdicts={live.verdicts} colors={colors} />
            ))}
          </div>
        </>
      )}
    </div>
  );
}
