/**
 * The system `ssh` command line for a plan host. The user's own ssh config,
 * agent and known_hosts apply; the plan may add a config file, a known_hosts
 * file, a port, an identity and a jump host. Host-key checking is never
 * relaxed: StrictHostKeyChecking is left at its default (refuse in batch mode).
 */
import type { HostDef } from '../../electron/core/plan/types';

export interface SshArgOptions {
  /** `-tt`: a remote pty (the gate sees a terminal). Otherwise `-T`, a clean byte pipe. */
  tty: boolean;
  /** Keep-alives, so a dead link is noticed within ~15 s on long-lived followers. */
  keepAlive?: boolean;
}

/** ssh reads whitespace in an -o value as a list separator; quote paths that have any. */
function optPath(p: string): string {
  return /\s/.test(p) ? `"${p}"` : p;
}

/** Options shared by every ssh call for this host (before the destination). */
export function sshOptions(host: HostDef, opts: SshArgOptions): string[] {
  const args = [opts.tty ? '-tt' : '-T'];
  if (host.sshConfig) args.push('-F', host.sshConfig);
  if (host.knownHosts) args.push('-o', `UserKnownHostsFile=${optPath(host.knownHosts)}`);
  if (host.port !== undefined) args.push('-p', String(host.port));
  if (host.identityFile) args.push('-i', host.identityFile);
  if (host.jumpHost) args.push('-J', host.jumpHost);
  args.push('-o', 'BatchMode=yes');
  // "Connection to … closed." would end every gate log; errors (host keys, auth) still print.
  if (opts.tty) args.push('-o', 'LogLevel=ERROR');
  if (opts.keepAlive) args.push('-o', 'ServerAliveInterval=5', '-o', 'ServerAliveCountMax=3');
  return args;
}

/** Full argv (without the `ssh` itself) running `remoteCommand` through the remote login shell. */
export function sshArgv(host: HostDef, remoteCommand: string, opts: SshArgOptions): string[] {
  return [...sshOptions(host, opts), '--', host.ssh, remoteCommand];
}

/** `ssh -G`: what ssh resolves for the host (hostname, port, known hosts files), for messages. */
export function sshResolveArgv(host: HostDef): string[] {
  return [...sshOptions(host, { tty: false }).slice(1), '-G', '--', host.ssh];
}
