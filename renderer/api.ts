/**
 * Picks the transport to the host: the preload's `window.cockpit` in Electron,
 * or the loopback WebSocket client in browser mode (`release-cockpit serve`),
 * which gets its token from the page URL the CLI printed.
 */
import type { CockpitApi } from '../electron/host/api/contract';
import { createWsClient, type ConnectionState as WsState } from '../electron/host/api/ws-client';

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

/**
 * The WebSocket endpoint for a page served by `release-cockpit serve`. The
 * token comes from the page URL; without one (a page reopened without it),
 * the host's session cookie from the first visit authenticates the socket.
 */
export function wsUrlFor(loc: Pick<Location, 'protocol' | 'host' | 'search'>): string {
  const token = new URLSearchParams(loc.search).get('token');
  const scheme = loc.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${loc.host}/api${token ? `?token=${encodeURIComponent(token)}` : ''}`;
}

export function pickTransport(): Transport {
  if (window.cockpit) return { api: window.cockpit, mode: 'desktop' };
  const client = createWsClient(wsUrlFor(window.location));
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
