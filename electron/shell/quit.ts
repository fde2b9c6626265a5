/**
 * Quitting while gates run asks first. Confirmed, running gates are
 * cancelled (no process left behind) and recorded; durable runs keep going
 * on their target and the cockpit reattaches to them on its next start.
 */
import { app, dialog, type BrowserWindow } from 'electron';
import type { CockpitSession } from '../host/session';

export function confirmQuitWhileRunning(session: CockpitSession, window: () => BrowserWindow | null): { isQuitting(): boolean } {
  let quitting = false;
  app.on('before-quit', (event) => {
    if (quitting) return;
    const active = session.runs.active();
    if (active.length > 0) {
      const durable = active.filter((r) => r.durable).map((r) => r.gateId);
      const others = active.filter((r) => !r.durable).map((r) => r.gateId);
      const lines = [
        others.length > 0 ? `These gates will be cancelled: ${others.join(', ')}.` : '',
        durable.length > 0 ? `Durable runs keep running and the cockpit reattaches on its next start: ${durable.join(', ')}.` : '',
      ].filter(Boolean);
      const win = window();
      const options = {
        type: 'warning' as const,
        buttons: ['Quit', 'Keep Running'],
        defaultId: 1,
        cancelId: 1,
        title: 'Gates are running',
        message: `${active.length} gate${active.length === 1 ? ' is' : 's are'} running. Quit anyway?`,
        detail: lines.join('\n'),
      };
      const choice = win && !win.isDestroyed() ? dialog.showMessageBoxSync(win, options) : dialog.showMessageBoxSync(options);
      if (choice !== 0) {
        event.preventDefault();
        return;
      }
    }
    event.preventDefault();
    quitting = true;
    session.shutdown().finally(() => app.quit());
  });
  return { isQuitting: () => quitting };
}
