/**
 * CockpitApi over Electron IPC: one `ipcMain.handle` per request channel of
 * the contract. Every call is checked to come from the main window's main
 * frame showing our app:// page before it is relayed to the host process
 * (whose router validates the input). Events go to the window with
 * webContents.send.
 */
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { IPC_EVENT_CHANNEL, ipcChannelOf, REQUEST_CHANNELS } from '../contract/channels';
import type { HostProcess } from './host-process';
import { APP_HOST, APP_SCHEME } from './protocol';

export function isTrustedSender(event: IpcMainInvokeEvent, win: BrowserWindow | null): boolean {
  if (!win || win.isDestroyed()) return false;
  const frame = event.senderFrame;
  const main = win.webContents.mainFrame;
  if (!frame || event.sender !== win.webContents) return false;
  if (frame.processId !== main.processId || frame.routingId !== main.routingId) return false;
  try {
    const url = new URL(frame.url);
    return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST;
  } catch {
    return false;
  }
}

/** Registers the handlers; returns a function that removes them. */
export function registerIpc(host: HostProcess, window: () => BrowserWindow | null): () => void {
  let nextPage = 1;
  const clients = new Map<BrowserWindow, { name: string; dispose(): void }>();
  const connect = (win: BrowserWindow) => {
    const name = `window-${nextPage++}`;
    const dispose = host.connect(name, (event, payload) => {
      if (!win.isDestroyed()) win.webContents.send(IPC_EVENT_CHANNEL, { event, payload });
    });
    return { name, dispose };
  };
  const drop = (win: BrowserWindow) => {
    clients.get(win)?.dispose();
    clients.delete(win);
  };
  // One host client per loaded page: a reload starts with no watches and no unacked bytes.
  const clientFor = (win: BrowserWindow): string => {
    const existing = clients.get(win);
    if (existing) return existing.name;
    const client = connect(win);
    clients.set(win, client);
    win.webContents.on('did-navigate', () => {
      drop(win);
      clients.set(win, connect(win));
    });
    win.once('closed', () => drop(win));
    return client.name;
  };

  for (const channel of REQUEST_CHANNELS) {
    ipcMain.handle(ipcChannelOf(channel), (event, input: unknown) => {
      const win = window();
      if (!isTrustedSender(event, win)) throw new Error('Refused: this request did not come from the cockpit window.');
      return host.request(clientFor(win!), channel, input);
    });
  }
  const current = window();
  if (current) clientFor(current);
  return () => {
    for (const channel of REQUEST_CHANNELS) ipcMain.removeHandler(ipcChannelOf(channel));
    for (const win of [...clients.keys()]) drop(win);
  };
}
