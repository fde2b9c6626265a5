/** A gate's run: header with actions, live progress, terminal, attempts and gate facts. */
import { useEffect } from 'react';
import { usePageCommands } from '../../lib/use-shortcuts';
import { cancelRun, runGate } from '../../state/actions';
import { usePlan } from '../../state/plan';
import { useRuns } from '../../state/runs';
import { useUi } from '../../state/ui';
import { OFFLINE_HINT, useOnline } from '../../state/use-online';
import { useRunIdFor } from '../../state/use-run-id';
import type { AttemptRecord } from '../../types';
import { EmptyState } from '../common/EmptyState';
import { Icon } from '../common/Icon';
import { StatusPill } from '../common/StatusPill';
import { AttemptsList } from './AttemptsList';
import { GateFacts } from './GateFacts';
import { RunPicker } from './RunPicker';
import { RunProgress } from './RunProgress';
import { TerminalPane } from './TerminalPane';
import { reportUnlessOffline } from '../../state/toasts';

const NO_ATTEMPTS: AttemptRecord[] = [];

export function RunView({ gateId, runId }: { gateId: string; runId: number | null }) {
  const def = usePlan((s) => s.plan?.gates.find((g) => g.id === gateId));
  const view = usePlan((s) => s.status?.gates.find((g) => g.id === gateId));
  const back = useUi((s) => s.back);
  const online = useOnline();
  const offlineTitle = online ? undefined : OFFLINE_HINT;
  const latestId = useRunIdFor(gateId, view?.runNo ?? null);
  const id = runId ?? latestId;
  const run = useRuns((s) => (id != null ? s.byId[id] : undefined));
  const attempts = useRuns((s) => (id != null ? s.attempts[id] : undefined)) ?? NO_ATTEMPTS;
  const status = run?.status;

  useEffect(() => {
    if (id != null) void useRuns.getState().fetchRun(id).catch(reportUnlessOffline('Could not load the run'));
  }, [id, status]);

  usePageCommands({ run: () => void runGate(gateId, { open: true }) }, [gateId]);

  const title = def?.title ?? view?.title ?? gateId;
  const repeat = def?.repeat ?? view?.repeat ?? 1;
  if (!def && !view && usePlan.getState().status) {
    return (
      <div className="page page-center">
        <EmptyState icon="alert" title={`No gate “${gateId}” in this plan`}>
          <p>It may have been renamed or removed from the plan file.</p>
        </EmptyState>
      </div>
    );
  }

  return (
    <div className="page page-run">
      <div className="run-head">
        <button type="button" className="icon-button" aria-label="Back" title="Back (Esc)" onClick={back}>
          <Icon name="left" />
        </button>
        <div className="run-title">
          <h2>{title}</h2>
          <span className="mono muted">{gateId}</span>
          {run && <span className="muted">Run #{run.runNo}</span>}
        </div>
        {run && <StatusPill status={run.status} />}
        <div className="run-tools">
          <RunPicker gateId={gateId} runId={id} />
          {run?.status === 'running' ? (
            <button type="button" className="btn btn-danger" onClick={() => void cancelRun(run.id, gateId)} disabled={!online} title={offlineTitle}>
              <Icon name="stop" size={13} />
              Cancel run
            </button>
          ) : (
            <button type="button" className="btn btn-primary" onClick={() => void runGate(gateId, { open: true })} disabled={!online} title={offlineTitle}>
              <Icon name="play" size={13} />
              {run ? 'Run again' : 'Run gate'}
            </button>
          )}
        </div>
      </div>
      {run && (
        <div className="run-status-line">
          <RunProgress run={run} attempts={attempts} repeat={repeat} timeoutMs={def?.timeoutMs ?? null} />
          {run.reason && run.status !== 'passed' && (
            <div className={`reason reason-${run.status}`} data-testid="run-reason">
              {run.reason}
            </div>
          )}
        </div>
      )}
      <div className="run-body">
        {run ? (
          <TerminalPane run={run} repeat={repeat} attempts={attempts} />
        ) : (
          <div className="terminal-card terminal-empty">
            <EmptyState icon="play" title={id == null && view?.runNo == null ? 'This gate has not run yet' : 'Loading run…'}>
              {id == null && view?.runNo == null && <p>Run it to see its output here, live. Press r.</p>}
            </EmptyState>
          </div>
        )}
        <aside className="run-side" aria-label="Run details">
          <AttemptsList attempts={attempts} repeat={repeat} />
          <GateFacts def={def} run={run ?? null} />
        </aside>
      </div>
    </div>
  );
}
