/** What the buttons and shortcuts do: one place that calls the host and reports failures. */
import { api } from '../api';
import { errorMessage } from '../lib/errors';
import { lastTerminalSize } from '../terminal/run-terminal';
import { useConnection } from './connection';
import { useHistory } from './history';
import { refreshStatusSoon, usePlan } from './plan';
import { useRuns } from './runs';
import { signingInput } from './signing';
import { useToasts } from './toasts';
import { useUi } from './ui';
import { reportUnlessOffline } from './toasts';

function fail(title: string, err: unknown): void {
  useToasts.getState().push({ level: 'error', title, body: errorMessage(err) });
}

/** The WebSocket client would queue a request until it reconnects; a person should decide again then. */
function refuseOffline(what: string): boolean {
  if (useConnection.getState().state === 'online') return false;
  useToasts.getState().push({ level: 'warning', title: `Cannot ${what} now`, body: 'The cockpit is not connected to its host. Try again once it is.' });
  return true;
}

/** Starts a gate; with `open`, shows its run view. Returns the new run id. */
export async function runGate(gateId: string, opts: { open?: boolean } = {}): Promise<number | null> {
  if (refuseOffline(`run ${gateId}`)) return null;
  const signing = await signingInput(`the result of ${gateId}`);
  if (!signing) return null;
  try {
    const { cols, rows } = lastTerminalSize();
    const res = await api().request('gate.run', { gateId, cols, rows, ...signing });
    void useRuns.getState().fetchRun(res.runId).catch(reportUnlessOffline('Could not load the run'));
    refreshStatusSoon();
    if (opts.open) useUi.getState().navigate({ name: 'gate', gateId, runId: res.runId });
    return res.runId;
  } catch (err) {
    fail(`Could not start ${gateId}`, err);
    return null;
  }
}

export async function runAll(): Promise<void> {
  if (refuseOffline('run all gates')) return;
  const signing = await signingInput('the result of every gate it runs');
  if (!signing) return;
  try {
    const res = await api().request('plan.runAll', signing);
    if (!res.started) {
      useToasts.getState().push({ level: 'info', title: 'Nothing to run', body: 'Every runnable gate has already passed or is running.' });
    }
    refreshStatusSoon();
  } catch (err) {
    fail('Could not run all gates', err);
  }
}

export async function cancelRun(runId: number, gateId: string): Promise<void> {
  if (refuseOffline(`cancel ${gateId}`)) return;
  try {
    const res = await api().request('run.cancel', { runId });
    if (!res.cancelled) {
      useToasts.getState().push({ level: 'info', title: `${gateId} was not running`, body: 'It finished before the cancel arrived.' });
    }
    refreshStatusSoon();
  } catch (err) {
    fail(`Could not cancel ${gateId}`, err);
  }
}

/** After start-up or a reconnect: fetch everything the page shows again. */
export async function reloadEverything(): Promise<void> {
  await usePlan.getState().load();
  const { route } = useUi.getState();
  if (route.name === 'gate') {
    await useRuns.getState().fetchGateRuns(route.gateId).catch(reportUnlessOffline(`Could not load the runs of ${route.gateId}`));
    if (route.runId != null) await useRuns.getState().fetchRun(route.runId).catch(reportUnlessOffline('Could not load the run'));
  }
  if (useHistory.getState().loaded || route.name === 'history') await useHistory.getState().load();
}
