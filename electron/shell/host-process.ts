/**
 * The shell's side of the host process: starts it as an Electron
 * `utilityProcess`, hands it a MessagePort, relays the contract (requests
 * and replies, events per client), answers its requests to seal keys with
 * safeStorage, and restarts it when it dies. A crash is reported to the
 * window as a notice; the new host reattaches to durable runs as after any
 * crash, and reopens the plan that was open.
 */
import { MessageChannelMain, utilityProcess, type MessagePortMain, type UtilityProcess } from 'electron';
import type { Envelope } from '../contract/wire';
import type { ActiveRun, HostInit, HostToShell, ShellToHost } from '../host/process/wire';
import type { SecretWrapper } from '../core/signoff/key-file';

export type EventSink = (event: string, payload: unknown) => void;

export interface HostProcess {
  request(client: string, channel: string, input: unknown): Promise<Envelope<unknown>>;
  /** A client (one loaded page, or the shell itself) gets the events the host sends it. */
  connect(client: string, sink: EventSink): () => void;
  active(): Promise<ActiveRun[]>;
  /** Stops the host: running gates are cancelled and recorded, durable ones keep going. */
  shutdown(): Promise<void>;
}

export interface HostOptions {
  entry: string;
  init: () => HostInit;
  sealer?: SecretWrapper;
  /** The host stopped unexpectedly; `restarting` says whether it comes back. */
  onCrash(info: { code: number | null; restarting: boolean }): void;
  onReady(info: { interrupted: string[]; reattach: string[] }): void;
  onFatal(message: string): void;
}

const RESTART_DELAYS_MS = [250, 1000, 2000, 5000, 10_000];
/** More crashes than this within a minute: the host is not restarted again. */
const MAX_CRASHES_PER_MINUTE = 5;
const DISCONNECTED = { ok: false as const, error: { code: 'disconnected' as const, message: 'The cockpit host stopped; it is restarting. Try again in a moment.' } };

export function startHost(opts: HostOptions): HostProcess {
  let child: UtilityProcess | null = null;
  let port: MessagePortMain | null = null;
  let nextId = 1;
  let stopping = false;
  const crashes: number[] = [];
  const pending = new Map<number, (msg: HostToShell) => void>();
  const sinks = new Map<string, EventSink>();

  const send = (msg: ShellToHost) => port?.postMessage(msg);
  const call = <T>(msg: (id: number) => ShellToHost, fallback: T, read: (reply: HostToShell) => T): Promise<T> => {
    if (!port) return Promise.resolve(fallback);
    const id = nextId++;
    return new Promise<T>((resolve) => {
      pending.set(id, (reply) => resolve(read(reply)));
      send(msg(id));
    });
  };

  const onMessage = (msg: HostToShell) => {
    switch (msg.t) {
      case 'reply':
      case 'active':
        pending.get(msg.id)?.(msg);
        pending.delete(msg.id);
        return;
      case 'event':
        sinks.get(msg.client)?.(msg.event, msg.payload);
        return;
      case 'seal':
        void seal(msg.op, Buffer.from(msg.bytes)).then(
          (bytes) => send({ t: 'sealed', id: msg.id, ok: true, bytes: new Uint8Array(bytes) }),
          (err: Error) => send({ t: 'sealed', id: msg.id, ok: false, message: err.message }),
        );
        return;
      case 'ready':
        opts.onReady(msg);
        return;
      case 'fatal':
        stopping = true;
        opts.onFatal(msg.message);
        return;
      case 'stopped':
        return;
    }
  };

  const seal = (op: 'encrypt' | 'decrypt', bytes: Buffer): Promise<Buffer> => {
    if (!opts.sealer) return Promise.reject(new Error("this machine's key store cannot seal keys"));
    return op === 'encrypt' ? opts.sealer.encrypt(bytes) : opts.sealer.decrypt(bytes);
  };

  const spawn = () => {
    const { port1, port2 } = new MessageChannelMain();
    const proc = utilityProcess.fork(opts.entry, [], { serviceName: 'Release Cockpit host', stdio: 'inherit' });
    child = proc;
    port = port1;
    port1.on('message', (e) => onMessage(e.data as HostToShell));
    port1.start();
    proc.postMessage({ t: 'port' }, [port2]);
    send({ t: 'init', init: opts.init() });
    for (const client of sinks.keys()) send({ t: 'connect', client });
    proc.on('exit', (code) => {
      if (child !== proc) return;
      child = null;
      port = null;
      // Requests in flight are lost with the process: the host may or may not have done them.
      for (const resolve of pending.values()) resolve({ t: 'reply', id: 0, envelope: DISCONNECTED });
      pending.clear();
      if (stopping) return;
      const now = Date.now();
      crashes.push(now);
      while (crashes.length && crashes[0] < now - 60_000) crashes.shift();
      const restarting = crashes.length <= MAX_CRASHES_PER_MINUTE;
      opts.onCrash({ code, restarting });
      if (restarting) setTimeout(spawn, RESTART_DELAYS_MS[Math.min(crashes.length - 1, RESTART_DELAYS_MS.length - 1)]);
    });
  };
  spawn();

  return {
    request: (client, channel, input) =>
      call((id) => ({ t: 'request', id, client, channel, input }), DISCONNECTED as Envelope<unknown>, (r) => (r.t === 'reply' ? r.envelope : DISCONNECTED)),
    connect(client, sink) {
      sinks.set(client, sink);
      send({ t: 'connect', client });
      return () => {
        sinks.delete(client);
        send({ t: 'disconnect', client });
      };
    },
    active: () => call((id) => ({ t: 'active', id }), [] as ActiveRun[], (r) => (r.t === 'active' ? r.runs : [])),
    shutdown() {
      stopping = true;
      const proc = child;
      if (!proc) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          proc.kill();
          resolve();
        }, 30_000);
        proc.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        send({ t: 'shutdown' });
      });
    },
  };
}
