/**
 * The host process of the desktop app: the store, the runner, the ptys and
 * the whole CockpitApi, in an Electron `utilityProcess` (as VS Code runs its
 * pty host), so a slow SQLite write or a status rebuild never stalls the
 * window. The shell hands it a MessagePort and relays the contract; sealing
 * keys with the OS key store is asked of the shell, which alone has it.
 *
 * Started by Node's child_process.fork instead (tests, the fake Electron),
 * it speaks the same messages over the IPC channel.
 */
import type { SecretWrapper } from '../../core/signoff/key-file';
import { adapters, openServices, type Services } from '../composition-root';
import { sessionRouter } from '../handlers';
import { fileKeyVault } from '../identity/key-vault';
import { CockpitSession, type SessionClient } from '../session';
import { defaultOperator } from '../runs/runs-service';
import type { HostInit, HostToShell, ShellToHost } from './wire';

interface Link {
  send(msg: HostToShell): void;
  onMessage(fn: (msg: ShellToHost) => void): void;
}

interface PortLike {
  on(event: 'message', fn: (e: { data: unknown; ports?: PortLike[] }) => void): void;
  once(event: 'message', fn: (e: { data: unknown; ports?: PortLike[] }) => void): void;
  postMessage(msg: unknown): void;
  start?(): void;
}

/** Electron: the first message from the parent carries the port. Node: the fork's IPC channel. */
function connect(): Promise<Link> {
  const parent = (process as unknown as { parentPort?: PortLike }).parentPort;
  if (parent) {
    return new Promise((resolve) => {
      parent.once('message', (e) => {
        const port = e.ports?.[0];
        if (!port) throw new Error('the shell sent no port');
        const link: Link = { send: (m) => port.postMessage(m), onMessage: (fn) => port.on('message', (ev) => fn(ev.data as ShellToHost)) };
        port.start?.();
        resolve(link);
      });
    });
  }
  if (process.send) {
    return Promise.resolve({ send: (m) => void process.send!(m), onMessage: (fn) => void process.on('message', (m) => fn(m as ShellToHost)) });
  }
  return Promise.reject(new Error('the cockpit host is started by the app (an Electron utility process)'));
}

/** Sealing through the shell: each request is answered by a `sealed` message with its id. */
function sealerVia(link: Link): { wrapper: SecretWrapper; settle(msg: Extract<ShellToHost, { t: 'sealed' }>): void } {
  let next = 1;
  const waiting = new Map<number, { resolve: (b: Buffer) => void; reject: (e: Error) => void }>();
  const ask = (op: 'encrypt' | 'decrypt', bytes: Buffer) => new Promise<Buffer>((resolve, reject) => {
    const id = next++;
    waiting.set(id, { resolve, reject });
    link.send({ t: 'seal', id, op, bytes: new Uint8Array(bytes) });
  });
  return {
    wrapper: { encrypt: (b) => ask('encrypt', b), decrypt: (b) => ask('decrypt', b) },
    settle(msg) {
      const w = waiting.get(msg.id);
      if (!w) return;
      waiting.delete(msg.id);
      if (msg.ok) w.resolve(Buffer.from(msg.bytes));
      else w.reject(new Error(msg.message));
    },
  };
}

async function main(): Promise<void> {
  const link = await connect();
  const sealer = sealerVia(link);
  let session: CockpitSession | null = null;
  let services: Services | null = null;
  const clients = new Map<string, SessionClient>();
  const early: ShellToHost[] = [];
  const handle = async (msg: ShellToHost): Promise<void> => {
    if (msg.t === 'sealed') return sealer.settle(msg);
    if (msg.t === 'init') return start(msg.init);
    if (!session) {
      early.push(msg);
      return;
    }
    const s = session;
    switch (msg.t) {
      case 'connect':
        clients.set(msg.client, s.connect((event, payload) => link.send({ t: 'event', client: msg.client, event, payload })));
        return;
      case 'disconnect':
        clients.get(msg.client)?.dispose();
        clients.delete(msg.client);
        return;
      case 'request': {
        const envelope = await route(msg.channel, msg.input, { clientId: clientIdOf(msg.client) });
        link.send({ t: 'reply', id: msg.id, envelope });
        return;
      }
      case 'active':
        link.send({ t: 'active', id: msg.id, runs: s.runs.active().map((r) => ({ gateId: r.gateId, durable: r.durable })) });
        return;
      case 'shutdown':
        await s.shutdown();
        link.send({ t: 'stopped' });
        process.exit(0);
    }
  };
  let route: ReturnType<typeof sessionRouter> = async () => ({ ok: false, error: { code: 'internal', message: 'The host is starting.' } });
  // The session names its own clients; the shell's names map onto them.
  const clientIdOf = (shellClient: string) => (clients.get(shellClient)?.id ?? shellClient);

  const start = (init: HostInit): void => {
    try {
      services = openServices({ dbPath: init.dbPath, sqliteBinding: init.sqliteBinding ?? undefined });
      session = new CockpitSession({
        services,
        mode: 'desktop',
        version: init.version,
        dataDir: init.dataDir,
        operator: defaultOperator(),
        keys: fileKeyVault(init.dataDir, adapters.keys, init.sealing ? sealer.wrapper : undefined),
      });
      route = sessionRouter(session, (channel, err) => console.error(`cockpit host: ${channel} failed:`, err));
    } catch (err) {
      link.send({ t: 'fatal', message: (err as Error).message });
      process.exit(3);
    }
    // First plan: the command line, else the last one opened (after a restart: the one that was open), else the example.
    const first = init.plan ?? session.plans.recent()[0] ?? init.fallback;
    if (first) {
      try {
        session.plans.openFile(first);
      } catch (err) {
        console.error(`cockpit host: could not open ${first}: ${(err as Error).message}`);
      }
    }
    // Durable runs survive a crash of this process as of the app: follow the ones still running.
    const reattach = services.reattach().problems;
    link.send({ t: 'ready', interrupted: services.interrupted.map((r) => `run #${r.runNo} of "${r.gateId}"`), reattach });
    for (const m of early.splice(0)) void handle(m);
  };

  link.onMessage((msg) => void handle(msg));
}

void main().catch((err: unknown) => {
  console.error(`cockpit host: ${(err as Error)?.message ?? String(err)}`);
  process.exit(3);
});
