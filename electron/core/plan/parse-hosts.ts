/** `hosts:` — named ssh targets that gates can run `on`. */
import path from 'node:path';
import type { HostDef } from './types';
import { type Ctx, isNullish, MapReader, readNonEmptyStr, type Slot } from './yaml-nodes';

const HOST_KEYS = ['ssh', 'port', 'identityFile', 'jumpHost', 'cwd', 'sshConfig', 'knownHosts'] as const;
const HOST_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * Local file paths for ssh resolve against the plan's directory. A `~/` path is
 * kept as written: OpenSSH expands it itself (from the passwd entry, not $HOME).
 */
export function resolveLocalPath(dir: string, p: string): string {
  return p === '~' || p.startsWith('~/') ? p : path.resolve(dir, p);
}

/** Text that ssh would read as an option (`-oProxyCommand=…`) must never reach its argv. */
function notAnOption(ctx: Ctx, slot: Slot, value: string | undefined, what: string): string | undefined {
  if (value !== undefined && value.trim().startsWith('-')) {
    ctx.error(slot.pos, `${slot.label}: expected ${what}, got ${JSON.stringify(value)} (it must not start with "-")`);
    return undefined;
  }
  return value;
}

function parseHost(ctx: Ctx, name: string, slot: Slot): HostDef | undefined {
  const where = `host "${name}"`;
  const m = MapReader.of(ctx, slot, where);
  if (!m) return undefined;
  m.checkKeys(HOST_KEYS);
  const sshSlot = m.required('ssh', 'the ssh destination, e.g. ops@soak-01 or a Host alias');
  const ssh = sshSlot && notAnOption(ctx, sshSlot, readNonEmptyStr(ctx, sshSlot, 'an ssh destination like ops@soak-01'), 'an ssh destination like ops@soak-01');
  const host: HostDef = { name, ssh: ssh ?? '', pos: slot.pos };
  const port = m.int('port', 1, 65535);
  if (port !== undefined) host.port = port;
  const jumpSlot = m.slot('jumpHost');
  if (jumpSlot) {
    const jump = notAnOption(ctx, jumpSlot, readNonEmptyStr(ctx, jumpSlot, 'an ssh destination'), 'an ssh destination');
    if (jump !== undefined) host.jumpHost = jump;
  }
  const cwd = m.slot('cwd');
  if (cwd) {
    const v = readNonEmptyStr(ctx, cwd, 'a directory on the host');
    if (v !== undefined) host.cwd = v;
  }
  for (const key of ['identityFile', 'sshConfig', 'knownHosts'] as const) {
    const s = m.slot(key);
    if (!s) continue;
    const v = readNonEmptyStr(ctx, s, 'a file path');
    if (v !== undefined) host[key] = resolveLocalPath(ctx.dir, v);
  }
  return ssh === undefined ? undefined : host;
}

/** Hosts by name; a host that failed validation is left out (its errors are reported). */
export function parseHosts(ctx: Ctx, slot: Slot | undefined): { hosts: Record<string, HostDef>; declared: Set<string> } {
  const hosts: Record<string, HostDef> = {};
  const declared = new Set<string>();
  if (!slot || isNullish(slot.node)) return { hosts, declared };
  const m = MapReader.of(ctx, slot, 'hosts');
  if (!m) return { hosts, declared };
  for (const { key, keyPos, slot: value } of m.entries()) {
    declared.add(key);
    if (!HOST_NAME.test(key)) {
      ctx.error(keyPos, `invalid host name "${key}"; expected letters, digits, ".", "_" or "-"`);
      continue;
    }
    const host = parseHost(ctx, key, value);
    if (host) hosts[key] = host;
  }
  return { hosts, declared };
}
