/** Desktop notifications for notices (gate passed/failed, threshold breached) when the window is not in front. */
import { BrowserWindow, Notification } from 'electron';
import type { EventPayloads } from '../host/api/contract';
import type { CockpitSession } from '../host/session';

export function notifyOnNotices(session: CockpitSession): () => void {
  const client = session.connect((event, payload) => {
    if (event !== 'notice' || !Notification.isSupported()) return;
    const notice = payload as EventPayloads['notice'];
    const urgent = notice.level === 'error' || notice.level === 'warning';
    if (!urgent && BrowserWindow.getFocusedWindow()) return; // the window shows it already
    new Notification({ title: notice.title, body: notice.body, silent: notice.level === 'info' }).show();
  });
  return () => client.dispose();
}
