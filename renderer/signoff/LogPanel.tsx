/** The run's terminal log, in the run view's own reader (search, copy, save), so a reviewer reads what the gate printed. */
import { useEffect } from 'react';
import { TerminalPane } from '../components/run/TerminalPane';
import { useRuns } from '../state/runs';
import type { AttemptRecord } from '../types';
import { reportUnlessOffline } from '../state/toasts';

const NONE: AttemptRecord[] = [];

export function LogPanel({ runId, repeat }: { runId: number; repeat: number }) {
  const run = useRuns((s) => s.byId[runId]);
  const attempts = useRuns((s) => s.attempts[runId]) ?? NONE;
  useEffect(() => {
    void useRuns.getState().fetchRun(runId).catch(reportUnlessOffline('Could not load the run'));
  }, [runId]);
  return (
    <div className="so-log">
      {run ? <TerminalPane run={run} repeat={repeat} attempts={attempts} /> : <div className="terminal-card skeleton" aria-busy="true" />}
    </div>
  );
}
