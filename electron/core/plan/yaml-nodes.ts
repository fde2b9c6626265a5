/**
 * Typed reads from YAML nodes that keep positions, so every problem can be
 * reported as file:line:col with what was expected. Readers never throw: a
 * bad value records a diagnostic and yields `undefined`.
 */
import { isAlias, isMap, isScalar, isSeq, type Document, type LineCounter, type Pair, type YAMLMap } from 'yaml';
import type { Diagnostic, SourcePos } from './types';
import { DURATION_HINT, parseDuration } from './duration';
import { didYouMean } from './suggest';

/** Stands in for an alias with no anchor; it is reported once, so readers stay quiet about it. */
export const UNRESOLVED: unique symbol = Symbol('unresolved alias');

export class Ctx {
  readonly diagnostics: Diagnostic[] = [];
  private readonly seen = new Set<string>();
  constructor(
    readonly file: string,
    readonly dir: string,
    readonly lc: LineCounter,
    readonly doc: Document,
  ) {}

  at(offset: number): SourcePos {
    const { line, col } = this.lc.linePos(Math.max(0, offset));
    return { line, col };
  }

  /** Start of a node, or `fallback` when the node has no source range. */
  posOf(node: unknown, fallback: SourcePos = { line: 1, col: 1 }): SourcePos {
    const range = (node as { range?: [number, number, number] | null } | null)?.range;
    return range ? this.at(range[0]) : fallback;
  }

  /** Records a problem once: a value read twice must not be reported twice. */
  error(pos: SourcePos, message: string): void {
    const key = `${pos.line}:${pos.col}:${message}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.diagnostics.push({ file: this.file, line: pos.line, col: pos.col, message });
  }

  /** Follows `*alias` to the anchored node. */
  deref(node: unknown): unknown {
    if (!isAlias(node)) return node;
    const target = node.resolve(this.doc);
    if (target === undefined) this.error(this.posOf(node), `unknown alias "*${node.source}"; expected an anchor "&${node.source}" defined before it`);
    return target ?? UNRESOLVED;
  }
}

/** The value of a scalar key, or null for a non-scalar key. */
export function keyText(key: unknown): string | null {
  if (isScalar(key)) return key.value === null ? '' : String(key.value);
  return null;
}

/** How a value looked, for "got …" in messages. */
export function describe(node: unknown): string {
  if (node === null || node === undefined) return 'nothing';
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) {
    if (node.value === null) return 'nothing';
    const raw = typeof node.value === 'string' ? node.value : (node.source ?? String(node.value));
    const text = JSON.stringify(String(raw));
    return text.length > 42 ? `${text.slice(0, 40)}…"` : text;
  }
  return 'an unsupported value';
}

export function isNullish(node: unknown): boolean {
  return node === null || node === undefined || (isScalar(node) && node.value === null);
}

/** A readable value with the place it was read from, for messages. */
export interface Slot {
  node: unknown;
  pos: SourcePos;
  /** e.g. `"repeat" in gate "soak"`. */
  label: string;
}

export function bad(ctx: Ctx, slot: Slot, expected: string): undefined {
  if (slot.node === UNRESOLVED) return undefined;
  ctx.error(slot.pos, `${slot.label}: expected ${expected}, got ${describe(slot.node)}`);
  return undefined;
}

export function readStr(ctx: Ctx, slot: Slot, expected = 'a string'): string | undefined {
  const n = slot.node;
  if (isScalar(n) && typeof n.value === 'string') return n.value;
  // A number where a name was meant (`release: 2024`): keep the text as written.
  if (isScalar(n) && typeof n.value === 'number') return n.source ?? String(n.value);
  return bad(ctx, slot, expected);
}

export function readNonEmptyStr(ctx: Ctx, slot: Slot, expected = 'a non-empty string'): string | undefined {
  const s = readStr(ctx, slot, expected);
  if (s !== undefined && s.trim() === '') return bad(ctx, slot, expected);
  return s;
}

export function readBool(ctx: Ctx, slot: Slot): boolean | undefined {
  const n = slot.node;
  if (isScalar(n) && typeof n.value === 'boolean') return n.value;
  return bad(ctx, slot, 'true or false');
}

export function readInt(ctx: Ctx, slot: Slot, min: number, max = Number.MAX_SAFE_INTEGER): number | undefined {
  const n = slot.node;
  const v = isScalar(n) ? n.value : undefined;
  if (typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max) return v;
  const range = max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `from ${min} to ${max}`;
  return bad(ctx, slot, `an integer ${range}`);
}

export function readDuration(ctx: Ctx, slot: Slot, allowZero = false): number | undefined {
  const n = slot.node;
  const ms = isScalar(n) && typeof n.value === 'string' ? parseDuration(n.value) : null;
  if (ms === null || (!allowZero && ms <= 0)) return bad(ctx, slot, DURATION_HINT);
  return ms;
}

/** Items of a list with their slots; a single item where a list is expected is an error. */
export function readSeq(ctx: Ctx, slot: Slot, expected = 'a list'): Slot[] | undefined {
  const n = slot.node;
  if (isNullish(n)) return [];
  if (!isSeq(n)) return bad(ctx, slot, expected);
  return n.items.map((item, i) => {
    const node = ctx.deref(item);
    return { node, pos: ctx.posOf(item, slot.pos), label: `item ${i + 1} of ${slot.label}` };
  });
}

export function readStrList(ctx: Ctx, slot: Slot, expected = 'a list of strings'): { values: string[]; pos: SourcePos[] } | undefined {
  const items = readSeq(ctx, slot, expected);
  if (items === undefined) return undefined;
  const values: string[] = [];
  const pos: SourcePos[] = [];
  for (const item of items) {
    const s = readNonEmptyStr(ctx, item);
    if (s !== undefined) {
      values.push(s);
      pos.push(item.pos);
    }
  }
  return { values, pos };
}

/** Reads a mapping's keys once, checks them against what is allowed, and hands out slots. */
export class MapReader {
  private readonly pairs = new Map<string, Pair>();

  private constructor(
    readonly ctx: Ctx,
    readonly map: YAMLMap,
    /** e.g. `gate "soak"` or `the plan`; may be renamed once a name is known. */
    public where: string,
    readonly pos: SourcePos,
  ) {
    for (const pair of map.items) {
      const k = keyText(pair.key);
      if (k === null) ctx.error(ctx.posOf(pair.key, pos), `${where}: expected plain keys, got ${describe(pair.key)} as a key`);
      else if (!this.pairs.has(k)) this.pairs.set(k, pair); // duplicates are reported by the YAML layer
    }
  }

  static of(ctx: Ctx, slot: Slot, where: string): MapReader | undefined {
    if (!isMap(slot.node)) return bad(ctx, slot, 'a mapping (key: value pairs)');
    return new MapReader(ctx, slot.node, where, slot.pos);
  }

  keys(): string[] {
    return [...this.pairs.keys()];
  }

  has(key: string): boolean {
    return this.pairs.has(key);
  }

  keyPos(key: string): SourcePos {
    return this.ctx.posOf(this.pairs.get(key)?.key, this.pos);
  }

  /** Reports every key not in `allowed`, with a suggestion when one is close. */
  checkKeys(allowed: readonly string[]): void {
    for (const k of this.pairs.keys()) {
      if (allowed.includes(k)) continue;
      this.ctx.error(
        this.keyPos(k),
        `unknown key "${k}" in ${this.where}; expected one of: ${allowed.join(', ')}${didYouMean(k, allowed)}`,
      );
    }
  }

  /** The value slot of `key`, or undefined when the key is absent. Explicit null counts as present. */
  slot(key: string): Slot | undefined {
    const pair = this.pairs.get(key);
    if (!pair) return undefined;
    const keyPos = this.ctx.posOf(pair.key, this.pos);
    const value = pair.value as unknown;
    const node = this.ctx.deref(value);
    const hasRange = (value as { range?: unknown } | null)?.range;
    return { node, pos: hasRange && !isNullish(value) ? this.ctx.posOf(value, keyPos) : keyPos, label: `"${key}" in ${this.where}` };
  }

  /** A slot for a required key; reports it missing (at the mapping) otherwise. */
  required(key: string, expected: string): Slot | undefined {
    const s = this.slot(key);
    if (s === undefined) this.ctx.error(this.pos, `missing key "${key}" in ${this.where}; expected ${expected}`);
    return s;
  }

  str(key: string, expected?: string): string | undefined {
    const s = this.slot(key);
    return s && readStr(this.ctx, s, expected);
  }

  bool(key: string): boolean | undefined {
    const s = this.slot(key);
    return s && readBool(this.ctx, s);
  }

  int(key: string, min: number, max?: number): number | undefined {
    const s = this.slot(key);
    return s && readInt(this.ctx, s, min, max);
  }

  duration(key: string): number | undefined {
    const s = this.slot(key);
    return s && readDuration(this.ctx, s);
  }

  strList(key: string): { values: string[]; pos: SourcePos[] } | undefined {
    const s = this.slot(key);
    return s && readStrList(this.ctx, s);
  }

  sub(key: string, where: string): MapReader | undefined {
    const s = this.slot(key);
    if (!s || isNullish(s.node)) return undefined;
    return MapReader.of(this.ctx, s, where);
  }

  /** Pairs in file order, for maps whose keys are names (hosts, env, thresholds). */
  entries(): { key: string; keyPos: SourcePos; slot: Slot }[] {
    return this.keys().map((k) => ({ key: k, keyPos: this.keyPos(k), slot: this.slot(k) as Slot }));
  }
}

/** A map of string → string; numbers and booleans are kept as their text. */
export function readStrMap(
  ctx: Ctx, slot: Slot, where: string, keyPattern?: RegExp, keyHint?: string,
  /** A problem with a value, reported at the value; null when it is fine. */
  checkValue?: (value: string) => string | null,
): Record<string, string> | undefined {
  if (isNullish(slot.node)) return {};
  const m = MapReader.of(ctx, slot, where);
  if (!m) return undefined;
  const out: Record<string, string> = {};
  for (const { key, keyPos, slot: v } of m.entries()) {
    if (keyPattern && !keyPattern.test(key)) {
      ctx.error(keyPos, `invalid name "${key}" in ${where}; expected ${keyHint ?? keyPattern.source}`);
      continue;
    }
    const n = v.node;
    if (isScalar(n) && (typeof n.value === 'string' || typeof n.value === 'number' || typeof n.value === 'boolean')) {
      const value = typeof n.value === 'string' ? n.value : (n.source ?? String(n.value));
      const problem = checkValue?.(value);
      if (problem) ctx.error(v.pos, `${problem} (in ${where}, "${key}")`);
      else out[key] = value;
    } else {
      bad(ctx, v, 'a string');
    }
  }
  return out;
}
