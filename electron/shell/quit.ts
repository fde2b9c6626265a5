/**
 * Quitting while gates run asks first. Confirmed, running gates are
 * cancelled (no process left behind) and recorded; durable runs keep going
 * on their target and the cockpit reattaches to them on its next start.
 */
import { app, dialog, type BrowserWindow } from 'electron';
import type { HostProcess } from './host-process';

export function confirmQuitWhileRunning(host: HostProcess, window: () => BrowserWindow | null): { isQuitting(): boolean } {
  let quitting = false;
  let asking = false;
  app.on('before-quit', (event) => {
    if (quitting) return;
    // The host answers asynchronously: hold the quit, then quit again once it is decided.
    event.preventDefault();
    if (asking) return;
    asking = true;
    void host.active().then((active) => {
      asking = false;
      if (active.length > 0 && !confirmed(active, window())) return;
      quitting = true;
      void host.shutdown().finally(() => app.quit());
    });
  });
  return { isQuitting: () => quitting };
}

function confirmed(active: { gateId: string; durable: boolean }[], win: BrowserWindow | null): boolean {
  const durable = active.filter((r) => r.durable).map((r) => r.gateId);
  const others = active.filter((r) => !r.durable).map((r) => r.gateId);
  const lines = [
    others.length > 0 ? `These gates will be cancelled: ${others.join(', ')}.` : '',
    durable.length > 0 ? `Durable runs keep running and the cockpit reattaches on its next start: ${durable.join(', ')}.` : '',
  ].filter(Boolean);
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
  return choice === 0;
}
