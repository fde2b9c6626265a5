/** Keeps the system from suspending the app while a gate runs (a soak must not stall because the laptop idled). */
import { powerSaveBlocker } from 'electron';
import type { CockpitSession } from '../host/session';

export function preventSuspensionWhileRunning(session: CockpitSession): () => void {
  let blocker: number | null = null;
  const update = () => {
    const running = session.runs.active().length > 0;
    if (running && blocker === null) blocker = powerSaveBlocker.start('prevent-app-suspension');
    if (!running && blocker !== null) {
      powerSaveBlocker.stop(blocker);
      blocker = null;
    }
  };
  const client = session.connect((event) => {
    // The runner forgets a run just after its final event: look again on the next tick.
    if (event === 'run.updated') setImmediate(update);
  });
  return () => {
    client.dispose();
    if (blocker !== null) powerSaveBlocker.stop(blocker);
  };
}
