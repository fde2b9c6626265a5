/**
 * Maps the transport's connection state onto the page's. The WebSocket client
 * reconnects by itself and re-sends its `term.watch`es; the page still has to
 * reload its data (events were missed while away) and restart live views
 * (the host replays recent output to a new watcher). Electron IPC is always on.
 */
import type { Transport } from '../api';
import { useConnection } from './connection';
import { liveReconnected } from './live';

/** How long a first connection may take before the page says the host is unreachable. */
const FIRST_CONNECT_GRACE_MS = 3000;

export function startConnectionMonitor(t: Transport, onReconnected: () => void): () => void {
  const { setState } = useConnection.getState();
  const conn = t.connection;
  if (!conn) {
    setState('online');
    return () => undefined;
  }
  let everOpen = false;
  const apply = (s: ReturnType<typeof conn.state>) => {
    if (s === 'open') {
      const wasDown = everOpen && useConnection.getState().state !== 'online';
      everOpen = true;
      setState('online');
      if (wasDown) {
        liveReconnected();
        onReconnected();
      }
    } else if (s === 'closed') {
      setState('unavailable');
    } else {
      setState(everOpen ? 'reconnecting' : 'connecting');
    }
  };
  const grace = setTimeout(() => {
    if (!everOpen) setState('reconnecting');
  }, FIRST_CONNECT_GRACE_MS);
  apply(conn.state());
  const off = conn.onConnection(apply);
  return () => {
    clearTimeout(grace);
    off();
  };
}
