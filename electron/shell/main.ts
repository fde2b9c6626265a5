/**
 * The Electron main process: the window, IPC, menu, notifications and
 * power-save blocking, around the host process that does all the work (the
 * store, the runner, the API: electron/host, in a utilityProcess started by
 * host-process.ts). This file only wires them together.
 */
import { app, BrowserWindow, dialog, Menu } from 'electron';
import { existsSync } from 'node:fs';
import inspector from 'node:inspector';
import { join } from 'node:path';
import type { PlanView } from '../contract/contract';
import { dataDir, dbPath, isDev, preloadPath, rendererDir, resourcesDir, setupAppIdentity, sqliteBinding } from './app-paths';
import { debugSwitches, refusalMessage } from './debug-switches';
import { installExamples } from './examples';
import { startHost, type HostProcess } from './host-process';
import { registerIpc } from './ipc';
import { buildMenu } from './menu';
import { notifyOnNotices, showNotice } from './notifications';
import { osKeyWrapper } from './os-key-store';
import { preventSuspensionWhileRunning } from './power';
import { registerAppScheme, serveAppProtocol } from './protocol';
import { confirmQuitWhileRunning } from './quit';
import { createMainWindow, hardenSession } from './window';
import { IPC_EVENT_CHANNEL } from '../contract/channels';

// First of all: no debugging switch (see debug-switches.ts), unless the inspector already runs (an inspect-fuse build).
const refused = inspector.url() === undefined ? debugSwitches(process.argv, process.env) : [];
if (refused.length > 0) {
  const message = refusalMessage(refused);
  process.stderr.write(`${message}\n`);
  dialog.showErrorBox('Release Cockpit', message);
  app.exit(2);
} else {
  registerAppScheme();
  setupAppIdentity();
  startWhenReady();
}

/** A plan path given on the command line (`electron main.cjs plan.yaml`), if any. */
function planFromArgv(argv: string[]): string | null {
  return argv.slice(1).find((a) => /\.ya?ml$/i.test(a) && !a.startsWith('-') && existsSync(a)) ?? null;
}

/** The host process's entry, beside this file in the bundle (dist/host/host.cjs; app.asar in a package). */
function hostEntry(): string {
  return join(__dirname, '..', 'host', 'host.cjs');
}

function start(): void {
  const devtools = isDev();
  let win: BrowserWindow | null = null;
  const window = () => win;
  const cliPlan = planFromArgv(process.argv);
  const example = installExamples(resourcesDir(), dataDir());
  const tellWindow = (notice: { level: 'error' | 'warning' | 'info'; title: string; body: string }) => {
    if (win && !win.isDestroyed()) win.webContents.send(IPC_EVENT_CHANNEL, { event: 'notice', payload: notice });
    showNotice(notice);
  };
  const host: HostProcess = startHost({
    entry: hostEntry(),
    init: () => ({ dbPath: dbPath(), dataDir: dataDir(), version: app.getVersion(), sealing: osKeyWrapper() !== undefined, plan: cliPlan, fallback: example, sqliteBinding: sqliteBinding() }),
    sealer: osKeyWrapper(),
    onReady: ({ interrupted, reattach }) => {
      for (const run of interrupted) console.warn(`cockpit: ${run} was interrupted by an earlier stop`);
      for (const p of reattach) console.warn(`cockpit: ${p}`);
      void refreshMenu();
    },
    onCrash: ({ code, restarting }) => {
      tellWindow({
        level: 'error',
        title: 'The cockpit host stopped',
        body: restarting
          ? `It exited (${code ?? 'killed'}) and is restarting; durable runs keep going and are followed again, other running gates are recorded as interrupted.`
          : `It exited (${code ?? 'killed'}) again and again, so it is not restarted. Quit and start Release Cockpit again.`,
      });
    },
    onFatal: (message) => {
      dialog.showErrorBox('Release Cockpit could not start', message);
      app.exit(3);
    },
  });
  serveAppProtocol(rendererDir());

  const openPlan = (path: string) => {
    void host.request('shell', 'plan.open', { path }).then((reply) => {
      if (!reply.ok) void dialog.showMessageBox({ type: 'error', title: 'Cannot open plan', message: `Cannot open ${path}`, detail: reply.error.message });
      void refreshMenu();
    });
  };
  const refreshMenu = async () => {
    const reply = await host.request('shell', 'plan.recent', {});
    const recent = reply.ok ? (reply.result as string[]) : [];
    Menu.setApplicationMenu(buildMenu({ recent: () => recent, openPlan, dataDir: dataDir(), devtools }));
  };
  // The menu follows the open plan (opened from the window, or again after a host restart).
  host.connect('shell-menu', (event, payload) => {
    if (event === 'plan.changed' && (payload as PlanView | null)) void refreshMenu();
  });

  const quit = confirmQuitWhileRunning(host, window);
  const createWindow = () => {
    win = createMainWindow({ preload: preloadPath(), devtools });
    hardenSession(win.webContents.session);
    // Closing the window quits, through the same confirmation as Quit.
    win.on('close', (event) => {
      if (quit.isQuitting()) return;
      event.preventDefault();
      app.quit();
    });
    win.on('closed', () => {
      win = null;
    });
  };
  createWindow();
  registerIpc(host, window);
  void refreshMenu();
  notifyOnNotices(host);
  preventSuspensionWhileRunning(host);

  app.on('second-instance', (_event, argv) => {
    const plan = planFromArgv(argv);
    if (plan) openPlan(plan);
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });
  app.on('activate', () => {
    if (!win) createWindow();
  });
}

function startWhenReady(): void {
  if (!app.requestSingleInstanceLock()) {
    // Another cockpit owns the store and the runs; it gets focus (and our plan) instead.
    app.quit();
    return;
  }
  app.on('window-all-closed', () => app.quit());
  app.whenReady().then(start).catch((err: unknown) => {
    dialog.showErrorBox('Release Cockpit could not start', (err as Error)?.message ?? String(err));
    app.exit(3);
  });
}
