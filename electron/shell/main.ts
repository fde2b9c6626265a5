/**
 * The Electron main process: app lifecycle around one CockpitSession. All
 * the work is in electron/host and electron/core; this file only wires the
 * window, IPC, menu, notifications and power-save blocking to it.
 */
import { app, BrowserWindow, dialog, Menu } from 'electron';
import { existsSync } from 'node:fs';
import inspector from 'node:inspector';
import { sessionRouter } from '../host/handlers';
import { fileKeyVault } from '../host/key-vault';
import { adapters, openServices } from '../host/composition-root';
import { CockpitSession } from '../host/session';
import { defaultOperator } from '../host/session-runs';
import { dataDir, dbPath, isDev, preloadPath, rendererDir, resourcesDir, setupAppIdentity } from './app-paths';
import { debugSwitches, refusalMessage } from './debug-switches';
import { installExamples } from './examples';
import { registerIpc } from './ipc';
import { buildMenu } from './menu';
import { notifyOnNotices } from './notifications';
import { osKeyWrapper } from './os-key-store';
import { preventSuspensionWhileRunning } from './power';
import { registerAppScheme, serveAppProtocol } from './protocol';
import { confirmQuitWhileRunning } from './quit';
import { createMainWindow, hardenSession } from './window';

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

function start(): void {
  const services = openServices({ dbPath: dbPath() });
  const session = new CockpitSession({
    services,
    mode: 'desktop',
    version: app.getVersion(),
    dataDir: dataDir(),
    operator: defaultOperator(),
    keys: fileKeyVault(dataDir(), adapters.keys, osKeyWrapper()),
  });
  const route = sessionRouter(session, (channel, err) => console.error(`cockpit: ${channel} failed:`, err));
  serveAppProtocol(rendererDir());
  const devtools = isDev();
  let win: BrowserWindow | null = null;
  const window = () => win;

  const openPlan = (path: string) => {
    try {
      session.openPlan(path);
      refreshMenu();
    } catch (err) {
      void dialog.showMessageBox({ type: 'error', title: 'Cannot open plan', message: `Cannot open ${path}`, detail: (err as Error).message });
    }
  };
  const refreshMenu = () =>
    Menu.setApplicationMenu(buildMenu({ recent: () => session.recentPlans(), openPlan, dataDir: dataDir(), devtools }));

  // First plan: the command line, else the last one opened, else the example.
  const first = planFromArgv(process.argv) ?? session.recentPlans()[0] ?? installExamples(resourcesDir(), dataDir());
  if (first) {
    try {
      session.openPlan(first);
    } catch (err) {
      console.error(`cockpit: could not open ${first}: ${(err as Error).message}`);
    }
  }

  const quit = confirmQuitWhileRunning(session, window);
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
  registerIpc(route, session, window);
  refreshMenu();
  notifyOnNotices(session);
  preventSuspensionWhileRunning(session);

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
  for (const run of services.interrupted) {
    console.warn(`cockpit: run #${run.runNo} of "${run.gateId}" was interrupted by an earlier stop`);
  }
  // Durable runs survive restarts: follow the ones still running to completion.
  for (const p of services.reattach().problems) console.warn(`cockpit: ${p}`);
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
