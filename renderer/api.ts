/**
 * Picks the transport to the host: the preload's `window.cockpit` in Electron,
 * or the loopback WebSocket client in browser mode (`release-cockpit serve`),
 * which gets its token from the page URL the CLI printed (see takeToken).
 */
import type { CockpitApi } from '../electron/contract/contract';
import { createWsClient, type ConnectionState as WsState } from '../electron/contract/ws-client';
import { takeToken, wsUrlFor } from './lib/token';

declare global {
  interface Window {
    cockpit?: CockpitApi;
  }
}

export type TransportMode = 'desktop' | 'browser';

export interface Transport {
  api: CockpitApi;
  mode: TransportMode;
  /** Present for the WebSocket transport; Electron IPC has no connection to lose. */
  connection?: { state(): WsState; onConnection(listener: (state: WsState) => void): () => void };
}

function sessionStore(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null; // storage disabled: the token lives in this page's memory only
  }
}

export function pickTransport(): Transport {
  if (window.cockpit) return { api: window.cockpit, mode: 'desktop' };
  const token = takeToken(window.location, sessionStore(), (url) => window.history.replaceState(window.history.state, '', url));
  if (!token) {
    throw new Error('This tab has no access token. Open the full URL that `release-cockpit serve` printed (it ends in ?token=…).');
  }
  const client = createWsClient(wsUrlFor(window.location, token));
  return { api: client, mode: 'browser', connection: client };
}

let current: Transport | null = null;

/** The one transport of this page; created on first use. */
export function transport(): Transport {
  current ??= pickTransport();
  return current;
}

export function api(): CockpitApi {
  return transport().api;
}
