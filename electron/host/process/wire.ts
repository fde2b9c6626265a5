/**
 * The messages between the Electron shell and the host process (a
 * `utilityProcess`, over a MessagePort). The shell relays the contract
 * (`request` -> `reply`, `event`); the rest is the shell's control of the
 * host (start, clients, the active runs for quitting, shutdown) and the one
 * service only the main process has: sealing keys with safeStorage.
 */
import type { Envelope } from '../../contract/wire';

export interface HostInit {
  dbPath: string;
  dataDir: string;
  version: string;
  /** Whether the shell can seal keys with the OS key store (safeStorage). */
  sealing: boolean;
  /** The plan given on the command line; else the host opens the last one, else `fallback` (the example). */
  plan: string | null;
  fallback: string | null;
  /** better-sqlite3's addon built for Electron, when the app runs from a checkout (`npm start`); null when packaged. */
  sqliteBinding: string | null;
}

export interface ActiveRun {
  gateId: string;
  durable: boolean;
}

export type ShellToHost =
  | { t: 'init'; init: HostInit }
  | { t: 'connect'; client: string }
  | { t: 'disconnect'; client: string }
  | { t: 'request'; id: number; client: string; channel: string; input: unknown }
  | { t: 'active'; id: number }
  | { t: 'shutdown' }
  | { t: 'sealed'; id: number; ok: true; bytes: Uint8Array }
  | { t: 'sealed'; id: number; ok: false; message: string };

export type HostToShell =
  | { t: 'ready'; interrupted: string[]; reattach: string[] }
  | { t: 'fatal'; message: string }
  | { t: 'reply'; id: number; envelope: Envelope<unknown> }
  | { t: 'active'; id: number; runs: ActiveRun[] }
  | { t: 'event'; client: string; event: string; payload: unknown }
  | { t: 'seal'; id: number; op: 'encrypt' | 'decrypt'; bytes: Uint8Array }
  | { t: 'stopped' };
