/**
 * Turns ssh's own failure output (exit 255) into a message a release manager
 * can act on. Host-key problems are never worked around: the message says
 * how to add or replace the key, after checking it out of band.
 */
import { execFile } from 'node:child_process';
import type { HostDef } from '../../electron/core/plan/types';
import { sshResolveArgv } from './ssh-args';

export interface ResolvedHost {
  hostname: string;
  port: number;
  knownHosts: string;
}

/** What ssh would connect to (`ssh -G`), falling back to the plan's own values. */
export function resolveHost(host: HostDef): Promise<ResolvedHost> {
  const fallback: ResolvedHost = {
    hostname: host.ssh.replace(/^.*@/, ''),
    port: host.port ?? 22,
    knownHosts: host.knownHosts ?? '~/.ssh/known_hosts',
  };
  return new Promise((resolve) => {
    execFile('ssh', sshResolveArgv(host), { timeout: 5000 }, (err, stdout) => {
      if (err) return resolve(fallback);
      const get = (key: string) => new RegExp(`^${key} (.+)$`, 'm').exec(stdout)?.[1]?.trim();
      const files = (get('userknownhostsfile') ?? '').split(/\s+/).filter(Boolean);
      resolve({
        hostname: get('hostname') ?? fallback.hostname,
        port: Number(get('port') ?? fallback.port),
        knownHosts: host.knownHosts ?? files[0] ?? fallback.knownHosts,
      });
    });
  });
}

/** `[127.0.0.1]:2222`, or `127.0.0.1` on port 22: the form known_hosts and ssh use. */
export function hostKeyName(r: Pick<ResolvedHost, 'hostname' | 'port'>): string {
  return r.port === 22 ? r.hostname : `[${r.hostname}]:${r.port}`;
}

function keyscan(r: ResolvedHost): string {
  return `ssh-keyscan ${r.port === 22 ? '' : `-p ${r.port} `}${r.hostname} >> ${r.knownHosts}`;
}

/** The problem in words, or null when the output does not look like an ssh failure we know. */
export function describeSshFailure(output: string, r: ResolvedHost, host: HostDef): string | null {
  const name = hostKeyName(r);
  const on = `host "${host.name}" (${host.ssh})`;
  if (/REMOTE HOST IDENTIFICATION HAS CHANGED|Host key for \S+ has changed/.test(output)) {
    return (
      `HOST KEY CHANGED for ${name} (${on}): it does not match the key in ${r.knownHosts}. ` +
      `This can mean someone is intercepting the connection; check the new key's fingerprint with the host's owner. ` +
      `If the host was re-keyed on purpose, remove the old key with: ssh-keygen -R '${name}' -f ${r.knownHosts}, ` +
      `then add the new one with: ${keyscan(r)}`
    );
  }
  if (/Host key verification failed|No \S+ host key is known for/.test(output)) {
    return `host key for ${name} is not in ${r.knownHosts}; add it with: ${keyscan(r)} (and compare its fingerprint with the host's owner first)`;
  }
  if (/Permission denied \(/.test(output)) {
    return `ssh to ${on} was refused: not authenticated (check identityFile, the ssh agent, and the remote authorized_keys)`;
  }
  const net = /(Connection refused|Connection timed out|Could not resolve hostname[^\r\n]*|No route to host|Connection closed by[^\r\n]*|Network is unreachable)/.exec(output);
  if (net) return `cannot reach ${on} at ${name}: ${net[1]}`;
  return null;
}

/** For an exit 255 of ssh: the clear message, or a generic one naming the host. */
export async function sshFailure(output: string, host: HostDef): Promise<string> {
  const r = await resolveHost(host);
  const known = describeSshFailure(output, r, host);
  if (known) return known;
  const last = output.trim().split(/\r?\n/).filter(Boolean).pop();
  return `ssh to host "${host.name}" (${host.ssh}) failed (exit 255)${last ? `: ${last.slice(0, 300)}` : ''}`;
}
