/**
 * The loopback server of `release-cockpit serve`: the built renderer over
 * HTTP and CockpitApi over a WebSocket at /api. Bound to 127.0.0.1 only;
 * every request needs the token, every upgrade also the exact Origin, and
 * every request the exact Host (against DNS rebinding).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { UPLOAD_CHANNELS } from '../../contract/release-contract';
import { MAX_REQUEST_BYTES, MAX_UPLOAD_FRAME_BYTES, type WireReply } from '../../contract/wire';
import { gatekeeper, newToken, type Gatekeeper } from './http-auth';
import type { Route } from '../router';
import type { EventSink, SessionClient } from '../session';
import { contentSecurityPolicy, securityHeaders, sendText, serveStatic } from './static-files';

export interface ServerOptions {
  /** 0 picks a free port. */
  port: number;
  rendererDir: string;
  session: { connect(sink: EventSink): SessionClient };
  route: Route;
  token?: string;
}

export interface CockpitServer {
  readonly port: number;
  readonly token: string;
  /** The URL to open: it carries the token. */
  readonly url: string;
  /** Stops accepting, closes every connection. */
  close(): Promise<void>;
}

/** Frames bigger than this close the connection (ws's own limit); up to it they get an error reply. */
const HARD_FRAME_LIMIT = MAX_UPLOAD_FRAME_BYTES + 1024 * 1024;
const TEXT = 'text/plain; charset=utf-8';

function refuseUpgrade(socket: Duplex, status: number, reason: string): void {
  const body = `${reason}\n`;
  socket.once('finish', () => socket.destroy());
  socket.end(
    `HTTP/1.1 ${status} ${status === 401 ? 'Unauthorized' : status === 404 ? 'Not Found' : 'Forbidden'}\r\n` +
      `Connection: close\r\nContent-Type: ${TEXT}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

function frameSize(data: RawData): number {
  if (Array.isArray(data)) return data.reduce((n, b) => n + b.length, 0);
  return data instanceof ArrayBuffer ? data.byteLength : data.length;
}

/**
 * The largest frame accepted for this request: uploads may be big, anything
 * else is held to MAX_REQUEST_BYTES. The channel is read from the frame's
 * start (clients send `{"id":n,"channel":...` first) and checked again after
 * parsing, so a big frame cannot borrow an upload channel's limit.
 */
function frameLimit(data: RawData): number {
  const first = Array.isArray(data) ? data[0] : data;
  const bytes = Buffer.isBuffer(first) ? first : Buffer.from(first, 0, Math.min(200, first.byteLength));
  const head = bytes.subarray(0, 200).toString('utf8');
  const m = /"channel"\s*:\s*"([^"]{1,100})"/.exec(head);
  return m && UPLOAD_CHANNELS.includes(m[1]) ? MAX_UPLOAD_FRAME_BYTES : MAX_REQUEST_BYTES;
}

function badFrame(message: string): WireReply {
  return { id: null, ok: false, error: { code: 'invalid-input', message } };
}

function handleHttp(gk: Gatekeeper, rendererDir: string, headers: Record<string, string>, req: IncomingMessage, res: ServerResponse): void {
  if (!gk.hostOk(req)) return sendText(res, 403, TEXT, `Forbidden: use http://${gk.host}/\n`, headers);
  const url = new URL(req.url ?? '/', gk.origin);
  const auth = gk.pageAccess(req, url);
  if (!auth.ok) {
    return sendText(res, 401, TEXT, 'Unauthorized: open the full URL printed by `release-cockpit serve` (it carries the token).\n', headers);
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, TEXT, 'Method not allowed.\n', { ...headers, Allow: 'GET, HEAD' });
  if (url.pathname === '/api') return sendText(res, 426, TEXT, 'Upgrade to a WebSocket.\n', headers);
  const withCookie = auth.fromQuery ? { ...headers, 'Set-Cookie': gk.cookie() } : headers;
  serveStatic(rendererDir, req, res, url.pathname, withCookie);
}

function serveConnection(ws: WebSocket, opts: ServerOptions): void {
  const send = (msg: unknown) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(msg), () => undefined);
  };
  const client = opts.session.connect((event, payload) => send({ event, payload }));
  ws.on('message', (data, isBinary) => {
    const size = frameSize(data);
    const limit = size > MAX_REQUEST_BYTES ? frameLimit(data) : MAX_REQUEST_BYTES;
    if (size > limit) return send(badFrame(`A request frame is limited to ${limit} bytes; this one had ${size}.`));
    if (isBinary) return send(badFrame('Requests are JSON text frames.'));
    let msg: { id?: unknown; channel?: unknown; input?: unknown };
    try {
      msg = JSON.parse(data.toString());
    } catch {
      return send(badFrame('Malformed JSON; a request is {"id":n,"channel":"...","input":{...}}.'));
    }
    if (!msg || typeof msg !== 'object' || !Number.isSafeInteger(msg.id)) {
      return send(badFrame('A request is {"id":n,"channel":"...","input":{...}} with a whole number id.'));
    }
    const id = msg.id as number;
    if (size > MAX_REQUEST_BYTES && !UPLOAD_CHANNELS.includes(String(msg.channel))) {
      return send({ id, ok: false, error: { code: 'invalid-input', message: `A request frame is limited to ${MAX_REQUEST_BYTES} bytes; this one had ${size}.` } });
    }
    opts.route(msg.channel, msg.input, { clientId: client.id }).then(
      (reply) => send({ id, ...reply }),
      (err: unknown) => send({ id, ok: false, error: { code: 'internal', message: String((err as Error)?.message ?? err) } }),
    );
  });
  ws.on('close', () => client.dispose());
  ws.on('error', () => ws.terminate());
}

export function startCockpitServer(opts: ServerOptions): Promise<CockpitServer> {
  const token = opts.token ?? newToken();
  const wss = new WebSocketServer({ noServer: true, maxPayload: HARD_FRAME_LIMIT, perMessageDeflate: false });
  let gk: Gatekeeper | null = null;
  let headers: Record<string, string> = {};
  const server = createServer((req, res) => handleHttp(gk!, opts.rendererDir, headers, req, res));
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const url = new URL(req.url ?? '/', gk!.origin);
    if (url.pathname !== '/api') return refuseUpgrade(socket, 404, 'Not found: the API is at /api.');
    if (!gk!.hostOk(req)) return refuseUpgrade(socket, 403, 'Forbidden: wrong Host.');
    if (!gk!.originOk(req)) return refuseUpgrade(socket, 403, 'Forbidden: wrong Origin.');
    if (!gk!.apiAccess(url)) return refuseUpgrade(socket, 401, 'Unauthorized: a valid token is required.');
    wss.handleUpgrade(req, socket, head, (ws) => serveConnection(ws, opts));
  });
  return new Promise((resolveStart, rejectStart) => {
    server.once('error', rejectStart);
    server.listen(opts.port, '127.0.0.1', () => {
      server.off('error', rejectStart);
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : opts.port;
      gk = gatekeeper(token, port);
      headers = securityHeaders(contentSecurityPolicy(port));
      resolveStart({
        port,
        token,
        url: `http://127.0.0.1:${port}/?token=${token}`,
        close: () => closeAll(server, wss),
      });
    });
  });
}

function closeAll(server: ReturnType<typeof createServer>, wss: WebSocketServer): Promise<void> {
  return new Promise((done) => {
    server.close(() => done());
    for (const ws of wss.clients) ws.close(1001, 'server stopping');
    setTimeout(() => {
      for (const ws of wss.clients) ws.terminate();
    }, 500).unref();
    wss.close();
    server.closeAllConnections();
  });
}
