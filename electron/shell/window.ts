/**
 * The main window, locked down per Electron's security checklist: isolated,
 * sandboxed, no Node, strict CSP, no navigation, no new windows, no
 * permissions. Links to http(s) sites open in the user's browser.
 */
import { BrowserWindow, shell, type Session } from 'electron';
import { APP_ORIGIN, DESKTOP_CSP } from './protocol';

export function isWebUrl(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}

/** Permissions, CSP on every response: once per session. */
export function hardenSession(ses: Session): void {
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [DESKTOP_CSP] } });
  });
}

export function createMainWindow(opts: { preload: string; devtools: boolean }): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 560,
    show: false,
    title: 'Release Cockpit',
    backgroundColor: '#111418',
    webPreferences: {
      preload: opts.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: opts.devtools,
    },
  });
  const wc = win.webContents;
  wc.on('will-navigate', (event) => event.preventDefault());
  wc.on('will-redirect', (event) => event.preventDefault());
  wc.on('will-attach-webview', (event) => event.preventDefault());
  wc.setWindowOpenHandler(({ url, disposition }) => {
    // A link the user clicked (target=_blank) opens in the browser; script-opened windows do not.
    const clicked = disposition === 'foreground-tab' || disposition === 'background-tab';
    if (clicked && isWebUrl(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(`${APP_ORIGIN}/`);
  return win;
}
