/** Keeps the system from suspending the app while a gate runs (a soak must not stall because the laptop idled). */
import { powerSaveBlocker } from 'electron';
import type { RunRecord } from '../core/runs/types';
import type { HostProcess } from './host-process';

export function preventSuspensionWhileRunning(host: HostProcess): () => void {
  let blocker: number | null = null;
  const running = new Set<number>();
  const update = () => {
    if (running.size > 0 && blocker === null) blocker = powerSaveBlocker.start('prevent-app-suspension');
    if (running.size === 0 && blocker !== null) {
      powerSaveBlocker.stop(blocker);
      blocker = null;
    }
  };
  const stop = host.connect('shell-power', (event, payload) => {
    if (event !== 'run.updated') return;
    const run = payload as RunRecord;
    if (run.status === 'running') running.add(run.id);
    else running.delete(run.id);
    update();
  });
  return () => {
    stop();
    if (blocker !== null) powerSaveBlocker.stop(blocker);
  };
}
