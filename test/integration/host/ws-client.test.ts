import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { EventPayloads } from '../../../electron/contract/contract';
import { createWsClient, type WsClient } from '../../../electron/contract/ws-client';
import { CockpitError } from '../../../electron/core/errors';
import { createRouter, type Handlers } from '../../../electron/host/router';
import type { EventSink } from '../../../electron/host/session';
import { startCockpitServer, type CockpitServer } from '../../../electron/host/transport/ws-server';

/** A stand-in session: records watches, lets the test push events to every client. */
function fakeHost() {
  const sinks = new Map<string, EventSink>();
  const watches: string[] = [];
  let n = 0;
  const session = {
    connect(sink: EventSink) {
      const id = `c${++n}`;
      sinks.set(id, sink);
      return { id, dispose: () => sinks.delete(id) };
    },
  };
  const handlers = {
    'plan.recent': () => ['/one.yaml'],
    'run.get': ({ runId }) => {
      throw new CockpitError('not-found', `No run with id ${runId}.`);
    },
    'term.watch': ({ runId, watch }, ctx) => {
      watches.push(`${ctx.clientId}:${runId}:${watch}`);
      return { ok: true };
    },
  } as Partial<Handlers> as Handlers;
  const emit = <E extends keyof EventPayloads>(e: E, p: EventPayloads[E]) => {
    for (const s of sinks.values()) s(e, p);
  };
  return { session, route: createRouter(handlers), watches, emit, clients: () => sinks.size };
}

function originWs(origin: string) {
  return class extends WebSocket {
    constructor(url: string) {
      super(url, { origin });
    }
  } as unknown as typeof globalThis.WebSocket;
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(check: () => boolean, ms = 5000) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await wait(20);
  }
}

describe('ws-client against the loopback server', () => {
  let server: CockpitServer | null = null;
  let client: WsClient | null = null;
  afterEach(async () => {
    client?.close();
    await server?.close();
  });

  it('makes requests, rejects with the host’s error code, and delivers events', async () => {
    const host = fakeHost();
    server = await startCockpitServer({ port: 0, rendererDir: '/nonexistent', session: host.session, route: host.route });
    client = createWsClient(`ws://127.0.0.1:${server.port}/api?token=${server.token}`, {
      WebSocketImpl: originWs(`http://127.0.0.1:${server.port}`),
    });
    expect(await client.request('plan.recent', {})).toEqual(['/one.yaml']); // sent once the socket opens
    await expect(client.request('run.get', { runId: 4 })).rejects.toMatchObject({ code: 'not-found', message: 'No run with id 4.' });
    await expect(client.request('run.get', { runId: -1 })).rejects.toMatchObject({ code: 'invalid-input' });
    const notices: string[] = [];
    const off = client.on('notice', (p) => notices.push(p.title));
    host.emit('notice', { level: 'info', title: 'hello', body: '' });
    await until(() => notices.length === 1);
    off();
    host.emit('notice', { level: 'info', title: 'unheard', body: '' });
    await wait(50);
    expect(notices).toEqual(['hello']);
  });

  it('reconnects after the server comes back and watches the same runs again', async () => {
    const host = fakeHost();
    server = await startCockpitServer({ port: 0, rendererDir: '/nonexistent', session: host.session, route: host.route });
    const { port, token } = server;
    client = createWsClient(`ws://127.0.0.1:${port}/api?token=${token}`, {
      WebSocketImpl: originWs(`http://127.0.0.1:${port}`),
      minBackoffMs: 20,
      maxBackoffMs: 100,
    });
    const states: string[] = [];
    client.onConnection((s) => states.push(s));
    await client.request('term.watch', { runId: 9, watch: true });
    await server.close();
    await until(() => client!.state() === 'connecting');
    const host2 = fakeHost();
    server = await startCockpitServer({ port, token, rendererDir: '/nonexistent', session: host2.session, route: host2.route });
    await until(() => client!.state() === 'open');
    expect(await client.request('plan.recent', {})).toEqual(['/one.yaml']);
    expect(host2.watches).toEqual(['c1:9:true']);
    expect(states).toContain('connecting');
  });
});
