/**
 * Runs small POSIX sh scripts on a gate's target: this machine (`sh -c`) or a
 * plan host (the system `ssh -T … sh -c`). Durable runs, remote cancels and
 * evidence fetches all go through this, so local and remote share one script.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { HostDef } from '../../electron/core/plan/types';
import { helperEnv } from '../exec/helper-env';
import { sshArgv } from './ssh-args';
import { sshFailure } from './ssh-diagnose';
import { shJoin, shQuote } from './shell-quote';

export interface ExecResult {
  /** null: killed (timeout). */
  code: number | null;
  stdout: Buffer;
  stderr: string;
}

export interface ShellTransport {
  /** null on this machine. */
  readonly host: HostDef | null;
  /** `sh -c script sh args…` on the target, stdio piped. */
  spawn(script: string, args: string[], opts?: { keepAlive?: boolean; env?: NodeJS.ProcessEnv }): ChildProcess;
  /** The same, to completion; never rejects. */
  /** `env`: this machine only, the environment the script starts with (the cockpit's, less its own variables, by default). */
  run(script: string, args: string[], opts?: { stdin?: string | Buffer; timeoutMs?: number; env?: NodeJS.ProcessEnv }): Promise<ExecResult>;
  /** Why a run failed to reach the target (ssh exit 255), in words; null if it was the script's own failure. */
  failure(result: ExecResult): Promise<string | null>;
}

const MAX_STDERR = 64 * 1024;

function collect(child: ChildProcess, stdin: string | Buffer | undefined, timeoutMs: number): Promise<ExecResult> {
  return new Promise((resolve) => {
    const out: Buffer[] = [];
    let err = '';
    const timer = setTimeout(() => child.kill('SIGTERM'), timeoutMs);
    child.stdout?.on('data', (b: Buffer) => out.push(b));
    child.stderr?.on('data', (b: Buffer) => {
      if (err.length < MAX_STDERR) err += b.toString('utf8');
    });
    child.stdin?.on('error', () => undefined); // the target may exit before reading all of it
    child.stdin?.end(stdin ?? '');
    child.on('error', (e) => {
      err += `${e.message}\n`;
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout: Buffer.concat(out), stderr: err });
    });
  });
}

export class LocalShell implements ShellTransport {
  readonly host = null;

  spawn(script: string, args: string[], opts: { keepAlive?: boolean; env?: NodeJS.ProcessEnv } = {}): ChildProcess {
    return spawn('/bin/sh', ['-c', script, 'sh', ...args], { stdio: ['pipe', 'pipe', 'pipe'], env: opts.env ?? helperEnv() });
  }

  run(script: string, args: string[], opts: { stdin?: string | Buffer; timeoutMs?: number; env?: NodeJS.ProcessEnv } = {}): Promise<ExecResult> {
    return collect(this.spawn(script, args, { env: opts.env }), opts.stdin, opts.timeoutMs ?? 60_000);
  }

  async failure(result: ExecResult): Promise<string | null> {
    return result.code === null ? 'timed out' : null;
  }
}

export class SshShell implements ShellTransport {
  constructor(readonly host: HostDef) {}

  spawn(script: string, args: string[], opts: { keepAlive?: boolean } = {}): ChildProcess {
    const remote = `sh -c ${shQuote(script)} sh${args.length ? ' ' + shJoin(args) : ''}`;
    return spawn('ssh', sshArgv(this.host, remote, { tty: false, keepAlive: opts.keepAlive }), {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: helperEnv(),
    });
  }

  run(script: string, args: string[], opts: { stdin?: string | Buffer; timeoutMs?: number } = {}): Promise<ExecResult> {
    return collect(this.spawn(script, args, { keepAlive: true }), opts.stdin, opts.timeoutMs ?? 60_000);
  }

  async failure(result: ExecResult): Promise<string | null> {
    if (result.code === null) return `ssh to host "${this.host.name}" timed out`;
    if (result.code !== 255) return null;
    return sshFailure(result.stderr, this.host);
  }
}

export function transportFor(host: HostDef | undefined | null): ShellTransport {
  return host ? new SshShell(host) : new LocalShell();
}
