/** The application menu: open plans, recent plans, theme, devtools in development only. */
import { app, BrowserWindow, dialog, Menu, nativeTheme, shell, type MenuItemConstructorOptions } from 'electron';
import { basename } from 'node:path';

export interface MenuActions {
  recent: () => string[];
  openPlan: (path: string) => void;
  dataDir: string;
  devtools: boolean;
}

async function chooseAndOpen(actions: MenuActions): Promise<void> {
  const win = BrowserWindow.getFocusedWindow();
  const options = {
    title: 'Open Release Plan',
    properties: ['openFile' as const],
    filters: [{ name: 'Release plans', extensions: ['yaml', 'yml'] }],
  };
  const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
  if (!result.canceled && result.filePaths[0]) actions.openPlan(result.filePaths[0]);
}

export function buildMenu(actions: MenuActions): Menu {
  const isMac = process.platform === 'darwin';
  const recent = actions.recent();
  const file: MenuItemConstructorOptions = {
    label: 'File',
    submenu: [
      { label: 'Open Plan…', accelerator: 'CmdOrCtrl+O', click: () => void chooseAndOpen(actions) },
      {
        label: 'Open Recent',
        submenu:
          recent.length > 0
            ? recent.map((p) => ({ label: `${basename(p)} — ${p}`, click: () => actions.openPlan(p) }))
            : [{ label: 'No recent plans', enabled: false }],
      },
      { type: 'separator' },
      isMac ? { role: 'close' } : { role: 'quit', label: 'Quit', accelerator: 'CmdOrCtrl+Q' },
    ],
  };
  const view: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [
      { role: 'reload' },
      {
        label: 'Toggle Dark Theme',
        click: () => {
          nativeTheme.themeSource = nativeTheme.shouldUseDarkColors ? 'light' : 'dark';
        },
      },
      ...(actions.devtools ? [{ role: 'toggleDevTools' } as const] : []),
      { type: 'separator' },
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };
  const help: MenuItemConstructorOptions = {
    role: 'help',
    submenu: [
      { label: 'Open Data Folder', click: () => void shell.openPath(actions.dataDir) },
      {
        label: 'About Release Cockpit',
        click: () =>
          void dialog.showMessageBox({
            type: 'info',
            title: 'Release Cockpit',
            message: `Release Cockpit ${app.getVersion()}`,
            detail: 'Runs release gates, keeps signed evidence, and tags the release candidate only when every gate is green.',
          }),
      },
    ],
  };
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' } as MenuItemConstructorOptions] : []),
    file,
    { role: 'editMenu' },
    view,
    help,
  ];
  return Menu.buildFromTemplate(template);
}
