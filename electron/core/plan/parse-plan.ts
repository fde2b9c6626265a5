/**
 * The plan file parser: YAML text in, a validated and normalised Plan (or
 * every problem found, each with file:line:col) out. Pure: no file system.
 */
import path from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import type { Plan, PlanResult, Signer, SourcePos } from './types';
import { sha256Hex } from './digest';
import { sortDiagnostics } from './diagnostics';
import { ENV_NAME, envValueProblem } from './parse-gate';
import { parseGates } from './parse-gates';
import { parseHosts } from './parse-hosts';
import { parseSigners } from './parse-signers';
import { didYouMean } from './suggest';
import { tagNameProblem } from './tag-name';
import { Ctx, isNullish, MapReader, readNonEmptyStr, readStrMap, type Slot } from './yaml-nodes';
import { isBenign, yamlDiagnostics } from './yaml-errors';

const PLAN_KEYS = [
  'version', 'release', 'candidate', 'repo', 'signers', 'waivers', 'ceremony', 'hosts', 'gates', 'checklist', 'env',
] as const;
const DEFAULT_CEREMONY_ROLES = ['release-manager'];

function readRoles(m: MapReader, key: 'waivers' | 'ceremony', fallback: string[]): { roles: string[] } {
  const sub = m.sub(key, key);
  if (!sub) return { roles: fallback };
  sub.checkKeys(['roles']);
  const list = sub.strList('roles');
  if (list && list.values.length === 0 && key === 'ceremony') {
    m.ctx.error((sub.slot('roles') as Slot).pos, '"roles" in ceremony: expected at least one role');
  }
  return { roles: list ? [...new Set(list.values)] : fallback };
}

function readChecklist(ctx: Ctx, m: MapReader, gateIds: string[]): Plan['checklist'] {
  const c = m.sub('checklist', 'checklist');
  if (!c) return undefined;
  c.checkKeys(['doc', 'items']);
  const docSlot = c.required('doc', 'the path of the status document, e.g. docs/PHASE_3.md');
  const doc = docSlot && readNonEmptyStr(ctx, docSlot, 'a file path');
  const itemsSlot = c.slot('items');
  const items = (itemsSlot && readStrMap(ctx, itemsSlot, 'checklist items')) ?? {};
  let itemsMap: MapReader | undefined;
  for (const [name, gate] of Object.entries(items)) {
    if (gateIds.includes(gate)) continue;
    itemsMap ??= c.sub('items', 'checklist items');
    const pos = itemsMap?.slot(name)?.pos ?? c.pos;
    ctx.error(pos, `unknown gate "${gate}" for checklist item "${name}"; expected a gate id${didYouMean(gate, gateIds)}`);
  }
  return doc === undefined ? undefined : { doc: path.resolve(ctx.dir, doc), items };
}

function readCandidate(ctx: Ctx, m: MapReader): string {
  const slot = m.required('candidate', 'the git tag the ceremony creates, e.g. release-candidate-1');
  const tag = slot && readNonEmptyStr(ctx, slot, 'a git tag name');
  if (slot && tag !== undefined) {
    const problem = tagNameProblem(tag);
    if (problem) ctx.error(slot.pos, `"candidate" in the plan: "${tag}" is not a valid git tag name because ${problem}`);
  }
  return tag ?? '';
}

function readVersion(ctx: Ctx, m: MapReader): void {
  const slot = m.required('version', 'version: 1');
  if (!slot) return;
  const n = slot.node as { value?: unknown } | null;
  if (n?.value !== 1) ctx.error(slot.pos, `"version" in the plan: expected 1 (the only plan format version), got ${JSON.stringify(n?.value ?? null)}`);
}

function buildPlan(ctx: Ctx, root: Slot, text: string, file: string): Plan | undefined {
  const m = MapReader.of(ctx, root, 'the plan');
  if (!m) return undefined;
  m.checkKeys(PLAN_KEYS);
  readVersion(ctx, m);
  const releaseSlot = m.required('release', 'the release name, e.g. sonia-stack');
  const release = (releaseSlot && readNonEmptyStr(ctx, releaseSlot)) ?? '';
  const candidate = readCandidate(ctx, m);
  const repo = path.resolve(ctx.dir, (m.slot('repo') && readNonEmptyStr(ctx, m.slot('repo') as Slot, 'a directory')) ?? '.');
  const signers: Signer[] = parseSigners(ctx, m.slot('signers'));
  const { hosts, declared } = parseHosts(ctx, m.slot('hosts'));
  const envSlot = m.slot('env');
  const env = (envSlot && readStrMap(ctx, envSlot, 'env of the plan', ENV_NAME, 'an environment variable name', envValueProblem)) ?? {};
  const gates = parseGates(ctx, m.slot('gates'), { env, hosts, declaredHosts: declared, signers }, m.pos);
  const plan: Plan = {
    file: path.resolve(file),
    dir: ctx.dir,
    digest: sha256Hex(Buffer.from(text, 'utf8')),
    source: text,
    version: 1,
    release,
    candidate,
    repo,
    signers,
    waivers: readRoles(m, 'waivers', []),
    ceremony: readRoles(m, 'ceremony', DEFAULT_CEREMONY_ROLES),
    hosts,
    gates,
  };
  const checklist = readChecklist(ctx, m, gates.map((g) => g.id));
  if (checklist) plan.checklist = checklist;
  return plan;
}

function parseUnsafe(text: string, file: string): PlanResult {
  const lc = new LineCounter();
  // A byte-order mark is not a column anyone can see; the digest still covers it (parsePlan hashes `text`).
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const doc = parseDocument(body, { lineCounter: lc, prettyErrors: false, uniqueKeys: true, keepSourceTokens: false });
  const dir = path.dirname(path.resolve(file));
  const ctx = new Ctx(file, dir, lc, doc);
  const syntax = yamlDiagnostics(doc.errors, body, lc, file);
  // After a structural error the tree is a guess; validating it would only add noise.
  if (doc.errors.some((e) => !isBenign(e))) return { ok: false, diagnostics: sortDiagnostics(syntax) };
  ctx.diagnostics.push(...syntax);
  const start: SourcePos = { line: 1, col: 1 };
  if (isNullish(doc.contents)) {
    ctx.error(start, 'the plan is empty; expected a mapping with version, release, candidate and gates');
    return { ok: false, diagnostics: ctx.diagnostics };
  }
  const plan = buildPlan(ctx, { node: doc.contents, pos: ctx.posOf(doc.contents, start), label: 'the plan' }, text, file);
  if (ctx.diagnostics.length > 0 || !plan) return { ok: false, diagnostics: sortDiagnostics(ctx.diagnostics) };
  return { ok: true, plan };
}

/** Parses and validates a plan. Never throws: any failure comes back as diagnostics. */
export function parsePlan(text: string, file: string): PlanResult {
  try {
    return parseUnsafe(typeof text === 'string' ? text : String(text), file);
  } catch (e) {
    const message = `internal error while reading the plan: ${e instanceof Error ? e.message : String(e)}`;
    return { ok: false, diagnostics: [{ file, line: 1, col: 1, message }] };
  }
}
