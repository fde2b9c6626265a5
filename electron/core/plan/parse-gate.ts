/** One entry of `gates:`, read and normalised on its own; cross-gate checks live in parse-gates.ts. */
import path from 'node:path';
import { PASSPHRASE_VARIABLE, secretNamesIn } from '../runs/secrets';
import type { Gate, HostDef, Signer, SignoffRule, SourcePos } from './types';
import { isHttpUrl, parseProbes } from './parse-probes';
import { parseThresholds } from './parse-thresholds';
import { didYouMean } from './suggest';
import { type Ctx, MapReader, readDuration, readNonEmptyStr, readStrMap, type Slot } from './yaml-nodes';

export const GATE_KEYS = [
  'id', 'title', 'needs', 'on', 'durable', 'run', 'cwd', 'env', 'repeat', 'timeout', 'grace',
  'evidence', 'metrics', 'thresholds', 'signoff', 'junit', 'determinism', 'probe',
] as const;
export const GATE_ID = /^[a-z0-9][a-z0-9._-]*$/i;
export const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The cockpit's passphrase (it opens the operator's signing key) is never a gate's secret. */
export function envValueProblem(value: string): string | null {
  return secretNamesIn(value).includes(PASSPHRASE_VARIABLE)
    ? `\${secret:${PASSPHRASE_VARIABLE}} would hand the cockpit's key passphrase to the gate; a gate's secret must come from another variable`
    : null;
}
const DEFAULT_GRACE_MS = 5_000;
const DEFAULT_SCRAPE_MS = 60_000;

/** What a gate is checked against: things declared elsewhere in the plan. */
export interface GateContext {
  env: Record<string, string>;
  hosts: Record<string, HostDef>;
  /** Every name under `hosts:`, including ones that failed validation. */
  declaredHosts: Set<string>;
  signers: Signer[];
}

export interface GateDraft {
  gate: Omit<Gate, 'digest'>;
  idPos: SourcePos;
  needsPos: SourcePos[];
}

/** Why a path may not be used as an evidence/junit glob, if it may not. */
export function relativeGlobProblem(p: string): string | undefined {
  if (p.trim() === '') return 'it is empty';
  if (p.startsWith('/') || p.startsWith('\\') || /^[A-Za-z]:/.test(p) || p.startsWith('~')) return 'it is absolute';
  if (p.split(/[\\/]/).includes('..')) return 'it has a ".." segment';
  return undefined;
}

function readRelativeGlob(ctx: Ctx, slot: Slot, value: string | undefined, pos = slot.pos): string | undefined {
  if (value === undefined) return undefined;
  const problem = relativeGlobProblem(value);
  if (problem === undefined) return value;
  ctx.error(pos, `${slot.label}: "${value}" is not allowed because ${problem}; expected a path or glob relative to the gate's cwd`);
  return undefined;
}

function readMetrics(ctx: Ctx, m: MapReader, where: string): Gate['metrics'] {
  const metrics = m.sub('metrics', `metrics of ${where}`);
  if (!metrics) return undefined;
  metrics.checkKeys(['scrape']);
  const scrape = metrics.sub('scrape', `metrics.scrape of ${where}`);
  if (!scrape) return {};
  scrape.checkKeys(['url', 'every']);
  const urlSlot = scrape.required('url', 'an http:// or https:// URL of a Prometheus endpoint');
  const url = urlSlot && readNonEmptyStr(ctx, urlSlot, 'an http:// or https:// URL');
  if (urlSlot && url !== undefined && !isHttpUrl(url.trim())) {
    ctx.error(urlSlot.pos, `${urlSlot.label}: expected an http:// or https:// URL, got "${url}"`);
  }
  const every = scrape.duration('every') ?? DEFAULT_SCRAPE_MS;
  return url === undefined ? {} : { scrape: { url: url.trim(), everyMs: every } };
}

function readSignoff(ctx: Ctx, m: MapReader, where: string, signers: Signer[]): SignoffRule | undefined {
  const s = m.sub('signoff', `signoff of ${where}`);
  if (!s) return undefined;
  s.checkKeys(['roles', 'quorum']);
  const rolesSlot = s.required('roles', 'a non-empty list of roles, e.g. [operations]');
  const list = s.strList('roles');
  const roles = list?.values ?? [];
  if (rolesSlot && list !== undefined && roles.length === 0) {
    ctx.error(rolesSlot.pos, `${rolesSlot.label}: expected at least one role`);
  }
  const quorum = s.int('quorum', 1) ?? 1;
  if (signers.length > 0 && roles.length > 0) {
    const people = new Set(signers.filter((x) => x.roles.some((r) => roles.includes(r))).map((x) => x.name));
    if (people.size < quorum) {
      const pos = s.has('quorum') ? (s.slot('quorum') as Slot).pos : (rolesSlot?.pos ?? s.pos);
      const who = people.size === 0 ? 'no signer holds' : `only ${people.size} (${[...people].join(', ')}) hold`;
      ctx.error(pos, `signoff of ${where} needs a quorum of ${quorum}, but ${who} any of the roles ${roles.join(', ')}; expected at least ${quorum} distinct ${quorum === 1 ? 'person' : 'people'} among the signers with those roles`);
    }
  }
  return { roles: [...new Set(roles)], quorum };
}

function readOn(ctx: Ctx, m: MapReader, where: string, gc: GateContext): string | undefined {
  const slot = m.slot('on');
  if (!slot) return undefined;
  const on = readNonEmptyStr(ctx, slot, 'the name of a host declared under hosts:');
  if (on === undefined || gc.declaredHosts.has(on)) return on;
  const names = [...gc.declaredHosts];
  const expected = names.length ? `one of the hosts: ${names.join(', ')}` : 'a host declared under "hosts:" (none are declared)';
  ctx.error(slot.pos, `unknown host "${on}" in "on" of ${where}; expected ${expected}${didYouMean(on, names)}`);
  return on;
}

export function parseGate(ctx: Ctx, item: Slot, index: number, gc: GateContext): GateDraft | undefined {
  const fallbackWhere = `gate ${index + 1}`;
  const m = MapReader.of(ctx, item, fallbackWhere);
  if (!m) return undefined;
  const idSlot = m.required('id', 'a gate id like go-no-go');
  const rawId = idSlot && readNonEmptyStr(ctx, idSlot, 'a gate id like go-no-go');
  const id = rawId?.trim() ?? '';
  const where = id ? `gate "${id}"` : fallbackWhere;
  m.where = where;
  m.checkKeys(GATE_KEYS);
  if (idSlot && rawId !== undefined && !GATE_ID.test(id)) {
    ctx.error(idSlot.pos, `invalid gate id "${rawId}"; expected letters, digits, ".", "_" or "-", starting with a letter or digit`);
  }

  const needs = m.strList('needs') ?? { values: [], pos: [] };
  const on = readOn(ctx, m, where, gc);
  const host = on === undefined ? undefined : gc.hosts[on];
  const run = m.slot('run') && readNonEmptyStr(ctx, m.slot('run') as Slot, 'a command line');
  const cwdText = m.slot('cwd') && readNonEmptyStr(ctx, m.slot('cwd') as Slot, 'a directory');
  const cwd = on === undefined ? path.resolve(ctx.dir, cwdText ?? '.') : (cwdText ?? host?.cwd ?? '.');
  const envSlot = m.slot('env');
  const env = envSlot ? readStrMap(ctx, envSlot, `env of ${where}`, ENV_NAME, 'an environment variable name', envValueProblem) : {};
  const repeat = m.int('repeat', 1) ?? 1;
  const graceSlot = m.slot('grace');
  const graceMs = (graceSlot && readDuration(ctx, graceSlot, true)) ?? DEFAULT_GRACE_MS;

  const evidence: string[] = [];
  const evidenceSlot = m.slot('evidence');
  const ev = m.strList('evidence');
  ev?.values.forEach((v, i) => {
    const ok = readRelativeGlob(ctx, evidenceSlot as Slot, v, ev.pos[i]);
    if (ok !== undefined) evidence.push(ok);
  });
  const junitSlot = m.slot('junit');
  const junit = junitSlot && readRelativeGlob(ctx, junitSlot, readNonEmptyStr(ctx, junitSlot, 'a glob of JUnit XML reports'));
  const determinism = m.bool('determinism') ?? false;
  if (determinism && (repeat < 2 || !m.has('junit'))) {
    const missing = [repeat < 2 ? 'repeat: 2 or more' : '', m.has('junit') ? '' : 'junit: <glob of reports>'].filter(Boolean);
    ctx.error(m.slot('determinism')?.pos ?? m.pos, `"determinism" in ${where} compares runs test by test; expected also ${missing.join(' and ')}`);
  }

  const probeSlot = m.slot('probe');
  const probe = probeSlot && parseProbes(ctx, probeSlot, where);
  if (m.has('run') === m.has('probe')) {
    ctx.error(m.pos, `${where} has ${m.has('run') ? 'both' : 'neither'} "run" and "probe"; expected exactly one of them`);
  }

  const gate: Omit<Gate, 'digest'> = {
    id,
    title: (m.slot('title') && readNonEmptyStr(ctx, m.slot('title') as Slot)) ?? id,
    needs: needs.values.map((n) => n.trim()),
    durable: m.bool('durable') ?? false,
    cwd,
    env: { ...gc.env, ...(env ?? {}) },
    repeat,
    graceMs,
    evidence,
    thresholds: parseThresholds(ctx, m.slot('thresholds'), where),
    determinism,
    pos: item.pos,
  };
  if (on !== undefined) gate.on = on;
  if (run !== undefined) gate.run = run;
  const timeoutMs = m.duration('timeout');
  if (timeoutMs !== undefined) gate.timeoutMs = timeoutMs;
  const metrics = readMetrics(ctx, m, where);
  if (metrics !== undefined) gate.metrics = metrics;
  const signoff = readSignoff(ctx, m, where, gc.signers);
  if (signoff !== undefined) gate.signoff = signoff;
  if (junit !== undefined) gate.junit = junit;
  if (probe !== undefined) gate.probe = probe;
  return { gate, idPos: idSlot?.pos ?? item.pos, needsPos: needs.pos };
}
