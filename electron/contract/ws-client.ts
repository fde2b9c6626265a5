/**
 * CockpitApi over the loopback WebSocket of `release-cockpit serve`, for the
 * renderer in browser mode. No Node APIs: it uses the page's WebSocket.
 *
 * Requests made while disconnected wait for the connection; requests in
 * flight when it drops are rejected (the host may or may not have done them).
 * It reconnects with backoff and re-sends `term.watch` for the runs being
 * watched, since watches belong to a connection.
 */
import { ApiCallError, createEventHub } from './client-of';
import { isEventChannel } from './channels';
import type { ApiError, CockpitApi, RequestChannel, RequestInput, RequestResults } from './contract';

export type ConnectionState = 'connecting' | 'open' | 'closed';

export interface WsClientOptions {
  /** The WebSocket class (tests pass `ws`'s); the page's by default. */
  WebSocketImpl?: typeof WebSocket;
  minBackoffMs?: number;
  maxBackoffMs?: number;
}

export interface WsClient extends CockpitApi {
  close(): void;
  state(): ConnectionState;
  onConnection(listener: (state: ConnectionState) => void): () => void;
}

interface Pending {
  resolve: (value: never) => void;
  reject: (err: Error) => void;
  frame: string;
  sent: boolean;
}

export function createWsClient(url: string, opts: WsClientOptions = {}): WsClient {
  const Impl = opts.WebSocketImpl ?? WebSocket;
  const minBackoff = opts.minBackoffMs ?? 250;
  const maxBackoff = opts.maxBackoffMs ?? 5_000;
  const hub = createEventHub();
  const pending = new Map<number, Pending>();
  const watched = new Set<number>();
  const stateListeners = new Set<(s: ConnectionState) => void>();
  let nextId = 1;
  let socket: WebSocket | null = null;
  let state: ConnectionState = 'connecting';
  let closedByUser = false;
  let failures = 0;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;

  const setState = (s: ConnectionState) => {
    if (s === state) return;
    state = s;
    for (const l of [...stateListeners]) l(s);
  };

  const sendFrame = (frame: string) => socket!.send(frame);

  const onMessage = (raw: unknown) => {
    let msg: { event?: unknown; payload?: unknown; id?: unknown; ok?: boolean; result?: unknown; error?: ApiError };
    try {
      msg = JSON.parse(String(raw));
    } catch {
      return;
    }
    if (isEventChannel(msg.event)) {
      hub.emit(msg.event, msg.payload as never);
      return;
    }
    if (typeof msg.id !== 'number') {
      if (msg.ok === false) console.warn(`cockpit: the host could not read a request: ${msg.error?.message}`);
      return;
    }
    const p = pending.get(msg.id as number);
    if (!p) return;
    pending.delete(msg.id as number);
    if (msg.ok) p.resolve(msg.result as never);
    else p.reject(new ApiCallError(msg.error ?? { code: 'internal', message: 'malformed reply from the host' }));
  };

  const connect = () => {
    retryTimer = null;
    setState('connecting');
    const ws = new Impl(url);
    socket = ws;
    ws.onopen = () => {
      failures = 0;
      setState('open');
      for (const runId of watched) {
        sendFrame(JSON.stringify({ id: nextId++, channel: 'term.watch', input: { runId, watch: true } }));
      }
      for (const p of pending.values()) {
        if (!p.sent) {
          p.sent = true;
          sendFrame(p.frame);
        }
      }
    };
    ws.onmessage = (ev: MessageEvent) => onMessage(ev.data);
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = null;
      for (const [id, p] of pending) {
        if (!p.sent) continue;
        pending.delete(id);
        p.reject(new ApiCallError({ code: 'disconnected', message: 'The connection to the cockpit was lost; try again.' }));
      }
      if (closedByUser) {
        setState('closed');
        return;
      }
      setState('connecting');
      const delay = Math.min(maxBackoff, minBackoff * 2 ** failures++);
      retryTimer = setTimeout(connect, delay + Math.floor(Math.random() * (delay / 4)));
    };
    ws.onerror = () => undefined; // onclose follows and handles it
  };

  const request = <C extends RequestChannel>(channel: C, input: RequestInput<C>): Promise<RequestResults[C]> => {
    if (closedByUser) return Promise.reject(new ApiCallError({ code: 'disconnected', message: 'The client is closed.' }));
    if (channel === 'term.watch') {
      const w = input as RequestInput<'term.watch'>;
      if (w.watch) watched.add(w.runId);
      else watched.delete(w.runId);
    }
    const id = nextId++;
    const frame = JSON.stringify({ id, channel, input });
    return new Promise<RequestResults[C]>((resolve, reject) => {
      const open = socket !== null && socket.readyState === 1;
      pending.set(id, { resolve: resolve as (v: never) => void, reject, frame, sent: open });
      if (open) sendFrame(frame);
    });
  };

  connect();

  return {
    request,
    on: hub.on,
    state: () => state,
    onConnection(listener) {
      stateListeners.add(listener);
      return () => {
        stateListeners.delete(listener);
      };
    },
    close() {
      closedByUser = true;
      if (retryTimer) clearTimeout(retryTimer);
      for (const p of pending.values()) p.reject(new ApiCallError({ code: 'disconnected', message: 'The client is closed.' }));
      pending.clear();
      socket?.close();
      if (!socket) setState('closed');
      hub.clear();
    },
  };
}
