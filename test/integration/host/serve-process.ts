/** Starts `release-cockpit serve` as a real child process and talks to it like a browser would. */
import { spawn, type ChildProcess } from 'node:child_process';
import { WebSocket } from 'ws';
import { CLI } from '../../helpers/cli';

export interface ServeProcess {
  child: ChildProcess;
  url: string;
  port: number;
  token: string;
  origin: string;
  stderr: () => string;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
}

export function startServe(args: string[], env: Record<string, string> = {}): Promise<ServeProcess> {
  const child = spawn(process.execPath, [CLI, 'serve', ...args], {
    env: { ...process.env, NO_COLOR: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr!.on('data', (b: Buffer) => (err += b.toString()));
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start; stderr: ${err}`)), 20_000);
    child.stdout!.on('data', (b: Buffer) => {
      out += b.toString();
      const nl = out.indexOf('\n');
      if (nl < 0) return;
      clearTimeout(timer);
      const line = out.slice(0, nl);
      const m = /^Release Cockpit at (http:\/\/127\.0\.0\.1:(\d+)\/\?token=([A-Za-z0-9_-]+))$/.exec(line);
      if (!m) return reject(new Error(`unexpected first line: ${JSON.stringify(line)}`));
      const port = Number(m[2]);
      resolve({ child, url: m[1], port, token: m[3], origin: `http://127.0.0.1:${port}`, stderr: () => err, exited });
    });
    void exited.then((code) => reject(new Error(`serve exited with ${code}: ${err}`)));
  });
}

export interface Reply {
  id: number | null;
  ok: boolean;
  result?: any;
  error?: { code: string; message: string };
}

export interface EventMsg {
  event: string;
  payload: any;
}

/** A minimal client: numbered requests, replies by id, every event kept. */
export class TestClient {
  readonly events: EventMsg[] = [];
  readonly orphans: Reply[] = [];
  private nextId = 1;
  private readonly waiting = new Map<number, (r: Reply) => void>();
  private readonly watchers = new Set<() => void>();

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const msg = JSON.parse(data.toString());
      if ('event' in msg) this.events.push(msg);
      else if (msg.id === null) this.orphans.push(msg);
      else this.waiting.get(msg.id)?.(msg);
      for (const w of [...this.watchers]) w();
    });
  }

  static open(url: string, origin: string): Promise<TestClient> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, { origin });
      ws.once('open', () => resolve(new TestClient(ws)));
      ws.once('error', reject);
    });
  }

  call(channel: string, input: unknown): Promise<Reply> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      this.ws.send(JSON.stringify({ id, channel, input }));
    });
  }

  async ok(channel: string, input: unknown): Promise<any> {
    const r = await this.call(channel, input);
    if (!r.ok) throw new Error(`${channel} failed: ${r.error?.code}: ${r.error?.message}`);
    return r.result;
  }

  /** Waits until `check` returns something truthy, re-checking on every message and every 50 ms. */
  until<T>(check: () => T | undefined | null | false, what: string, timeoutMs = 20_000): Promise<T> {
    return new Promise((resolve, reject) => {
      const attempt = () => {
        const v = check();
        if (v) {
          this.watchers.delete(attempt);
          clearTimeout(timer);
          clearInterval(poll);
          resolve(v);
        }
      };
      const poll = setInterval(attempt, 50);
      const timer = setTimeout(() => {
        this.watchers.delete(attempt);
        clearInterval(poll);
        reject(new Error(`timed out waiting for ${what}`));
      }, timeoutMs);
      this.watchers.add(attempt);
      attempt();
    });
  }

  close(): void {
    this.ws.close();
  }
}

/** The HTTP status a WebSocket upgrade gets, or 101 when it is accepted. */
export function upgradeStatus(url: string, headers: { origin?: string; host?: string; cookie?: string } = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const extra = { ...(headers.host ? { host: headers.host } : {}), ...(headers.cookie ? { cookie: headers.cookie } : {}) };
    const ws = new WebSocket(url, { origin: headers.origin, headers: Object.keys(extra).length ? extra : undefined });
    ws.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      res.resume();
      ws.terminate();
    });
    ws.once('open', () => {
      resolve(101);
      ws.close();
    });
    ws.once('error', (err) => reject(err));
  });
}
