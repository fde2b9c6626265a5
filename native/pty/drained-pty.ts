/**
 * node-pty, spawned so that no output is lost when the child exits.
 *
 * What node-pty 1.1.0 does on Unix (lib/unixTerminal.js): when the child is reaped, it waits
 * for the read socket to close (EIO), and if that takes more than 200 ms it destroys the
 * socket, discarding whatever was still unread, and only then emits `exit`. On Linux the EIO
 * can also come before the last kilobytes are read: a fast `head -c 4M | tr; exit` lost
 * 1-5 KiB in about one run in four here (node-pty #85/#140/#674/#726).
 *
 * So, on Unix, we:
 *  - hold our own fd on the pty's slave side, so the read side cannot hit EIO while output
 *    is still in flight;
 *  - observe the moment the child is reaped (node-pty sets `_boundClose` right then);
 *  - defer node-pty's 200 ms socket destroy until the caller decides the output is drained
 *    (`waitQuiet`, VS Code's DataFlushTimeout rule), then release the slave and close.
 * These touch node-pty internals, pinned by the exact version in package.json; if they are
 * missing the wrapper falls back to node-pty's own behaviour rather than failing.
 */
import { closeSync, constants, openSync } from 'node:fs';
import type { Socket } from 'node:net';
import { spawn, type IPty } from 'node-pty';

export interface PtyExit {
  exitCode: number;
  /** Signal number that killed the child, 0 if it exited. */
  signal: number;
}

export interface DrainedPtyOptions {
  file: string;
  args: string[] | string;
  cwd: string;
  env: Record<string, string>;
  cols: number;
  rows: number;
  name: string;
}

/** The parts of node-pty's UnixTerminal we rely on (not in its public typings). */
interface UnixTerminalInternals {
  _socket?: Socket;
  _boundClose?: boolean;
  ptsName?: string;
  on?(event: 'close', listener: () => void): void;
}

export class DrainedPty {
  readonly pid: number;
  /** Resolves as soon as the child is reaped, before its output is necessarily drained. */
  readonly childExited: Promise<void>;
  private readonly exit: Promise<PtyExit>;
  private markExited!: () => void;
  private exitedAt = 0;
  private lastDataAt = 0;
  private readClosed = false;
  private slaveFd = -1;
  private releaseSocket: (() => void) | null = null;

  constructor(options: DrainedPtyOptions, onData: (chunk: Buffer) => void) {
    const term: IPty = spawn(options.file, options.args, {
      name: options.name,
      cols: options.cols,
      rows: options.rows,
      cwd: options.cwd,
      env: options.env,
      encoding: null,
    });
    this.pid = term.pid;
    this.childExited = new Promise<void>((resolve) => {
      this.markExited = () => {
        if (this.exitedAt === 0) this.exitedAt = performance.now();
        resolve();
      };
    });
    // With `encoding: null` node-pty hands over raw Buffers despite its `string` typing.
    term.onData((data) => {
      this.lastDataAt = performance.now();
      onData(data as unknown as Buffer);
    });
    this.exit = new Promise<PtyExit>((resolve) => {
      term.onExit(({ exitCode, signal }) => {
        // On Unix node-pty emits exit only after its read socket is gone; ConPTY may still deliver.
        if (process.platform !== 'win32') this.readClosed = true;
        this.markExited();
        resolve({ exitCode, signal: signal ?? 0 });
      });
    });
    const internals = term as unknown as UnixTerminalInternals;
    internals.on?.('close', () => void (this.readClosed = true));
    if (process.platform !== 'win32') this.holdUntilDrained(internals);
  }

  private holdUntilDrained(term: UnixTerminalInternals): void {
    const socket = term._socket;
    if (!socket || typeof socket.destroy !== 'function' || typeof term.ptsName !== 'string') return;
    if (!Object.prototype.hasOwnProperty.call(term, '_boundClose')) return;
    try {
      this.slaveFd = openSync(term.ptsName, constants.O_RDWR | constants.O_NOCTTY);
    } catch {
      return; // the child already closed it, or no access: node-pty's behaviour applies
    }
    let bound = term._boundClose;
    Object.defineProperty(term, '_boundClose', {
      configurable: true,
      enumerable: true,
      get: () => bound,
      set: (value: boolean) => {
        bound = value;
        if (value) this.markExited(); // set exactly when node-pty learns the child was reaped
      },
    });
    const destroy = socket.destroy;
    // node-pty's post-exit timeout calls destroy() without arguments; stream errors pass one.
    // While we hold the slave, EOF/EIO cannot happen, so an argument-less call is that timeout.
    socket.destroy = function (this: Socket, ...args: unknown[]) {
      if (args.length === 0) return this;
      return destroy.apply(this, args as [Error?]);
    } as Socket['destroy'];
    this.releaseSocket = () => {
      socket.destroy = destroy;
      destroy.call(socket);
    };
  }

  /**
   * Resolves once no output arrived for `quietMs` since the later of the child's exit and the
   * last chunk, or once the read side closed, or after `maxMs` in any case.
   */
  waitQuiet(quietMs: number, maxMs: number): Promise<void> {
    const giveUpAt = performance.now() + maxMs;
    return new Promise<void>((resolve) => {
      const check = () => {
        const now = performance.now();
        const idle = now - Math.max(this.lastDataAt, this.exitedAt);
        if (this.readClosed || idle >= quietMs || now >= giveUpAt) resolve();
        else setTimeout(check, Math.max(1, Math.min(quietMs - idle, giveUpAt - now)));
      };
      check();
    });
  }

  /** Stops reading (after `waitQuiet`) and resolves with the child's exit status. */
  close(): Promise<PtyExit> {
    if (this.slaveFd >= 0) {
      try {
        closeSync(this.slaveFd);
      } catch {
        /* already closed */
      }
      this.slaveFd = -1;
    }
    const release = this.releaseSocket;
    this.releaseSocket = null;
    release?.();
    return this.exit;
  }
}
