/** Desktop notifications for notices (gate passed/failed, threshold breached) when the window is not in front. */
import { BrowserWindow, Notification } from 'electron';
import type { EventPayloads } from '../contract/contract';
import type { HostProcess } from './host-process';

export function notifyOnNotices(host: HostProcess): () => void {
  return host.connect('shell-notifications', (event, payload) => {
    if (event !== 'notice') return;
    showNotice(payload as EventPayloads['notice']);
  });
}

export function showNotice(notice: EventPayloads['notice']): void {
  if (!Notification.isSupported()) return;
  const urgent = notice.level === 'error' || notice.level === 'warning';
  if (!urgent && BrowserWindow.getFocusedWindow()) return; // the window shows it already
  new Notification({ title: notice.title, body: notice.body, silent: notice.level === 'info' }).show();
}
