/** Routes host events into the stores. Installed once at start-up. */
import { api } from '../api';
import { reloadHistorySoon } from './history';
import { dispatchOutput } from './live';
import { refreshStatusSoon, usePlan } from './plan';
import { reloadRecentSoon } from './recent';
import { useRuns } from './runs';
import { onReleaseUpdated } from './release';
import { useToasts } from './toasts';

export function installEventHandlers(): () => void {
  const client = api();
  const offs = [
    client.on('run.updated', (run) => {
      useRuns.getState().upsertRun(run);
      refreshStatusSoon();
      reloadHistorySoon();
      reloadRecentSoon();
    }),
    client.on('run.attempt', ({ runId, attempt }) => {
      useRuns.getState().upsertAttempt(runId, attempt);
      refreshStatusSoon();
    }),
    client.on('run.output', dispatchOutput),
    client.on('plan.changed', (plan) => usePlan.getState().setPlan(plan)),
    client.on('notice', (notice) => useToasts.getState().push(notice)),
    client.on('release.updated', onReleaseUpdated),
  ];
  return () => offs.forEach((off) => off());
}
