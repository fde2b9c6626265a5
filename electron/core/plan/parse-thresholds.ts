/** A gate's `thresholds:` — `metricKey: [expr | {threshold, abortOnFail, delayAbortEval, consecutive}]`. */
import { isMap, isScalar, type Scalar } from 'yaml';
import type { SourcePos, Threshold } from './types';
import { parseThresholdExpr } from './threshold-grammar';
import { type Ctx, isNullish, MapReader, readDuration, readSeq, readStr, type Slot } from './yaml-nodes';

const LONG_FORM_KEYS = ['threshold', 'abortOnFail', 'delayAbortEval', 'consecutive'] as const;
const METRIC_NAME = /^[A-Za-z_][A-Za-z0-9_.:-]*$/;
const TAG_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

/** `name` or `name{tag:value,tag2:value2}`; values may themselves contain ":" (URLs). */
export function parseMetricKey(key: string): { ok: true; metric: string; tags: Record<string, string> } | { ok: false; message: string } {
  const m = /^([^{}]*)(?:\{([^{}]*)\})?$/.exec(key.trim());
  const name = m?.[1].trim() ?? '';
  if (!m || !METRIC_NAME.test(name)) {
    return { ok: false, message: `invalid metric key "${key}"; expected a metric name, optionally with tags: name{tag:value,tag2:value2}` };
  }
  const tags: Record<string, string> = {};
  if (m[2] !== undefined) {
    for (const part of m[2].split(',')) {
      const colon = part.indexOf(':');
      const tag = colon < 0 ? part.trim() : part.slice(0, colon).trim();
      const value = colon < 0 ? '' : part.slice(colon + 1).trim();
      if (!TAG_NAME.test(tag) || value === '') {
        return { ok: false, message: `invalid tag filter "${part.trim()}" in "${key}"; expected tag:value, as in http_req_duration{status:200}` };
      }
      tags[tag] = value;
    }
  }
  return { ok: true, metric: name, tags };
}

/** Where character `offset` of a scalar's value sits in the file (exact for plain and simple quoted strings). */
function posInScalar(ctx: Ctx, node: unknown, fallback: SourcePos, offset: number): SourcePos {
  if (!isScalar(node) || !node.range) return fallback;
  const type = (node as Scalar).type;
  const quoted = type === 'QUOTE_DOUBLE' || type === 'QUOTE_SINGLE';
  const blockHeader = type === 'BLOCK_LITERAL' || type === 'BLOCK_FOLDED';
  if (blockHeader) return fallback;
  return ctx.at(node.range[0] + (quoted ? 1 : 0) + offset);
}

function parseOne(ctx: Ctx, item: Slot, key: string, metric: string, tags: Record<string, string>): Threshold | undefined {
  let exprSlot: Slot | undefined = item;
  const t: Omit<Threshold, 'expr'> = { metric, tags, key, abortOnFail: false, delayAbortEvalMs: 0, consecutive: 1, pos: item.pos };
  if (isMap(item.node)) {
    const m = MapReader.of(ctx, item, `threshold ${item.label}`);
    if (!m) return undefined;
    m.checkKeys(LONG_FORM_KEYS);
    exprSlot = m.required('threshold', 'an expression like "p(99) < 400"');
    t.abortOnFail = m.bool('abortOnFail') ?? false;
    const delay = m.slot('delayAbortEval');
    if (delay) t.delayAbortEvalMs = readDuration(ctx, delay, true) ?? 0;
    t.consecutive = m.int('consecutive', 1) ?? 1;
  }
  if (!exprSlot) return undefined;
  const text = readStr(ctx, exprSlot, 'a threshold expression like "p(95) < 200" or { threshold: ..., abortOnFail: true }');
  if (text === undefined) return undefined;
  const parsed = parseThresholdExpr(text);
  if (!parsed.ok) {
    ctx.error(posInScalar(ctx, exprSlot.node, exprSlot.pos, parsed.offset), `bad threshold "${text}" for "${key}": ${parsed.message}`);
    return undefined;
  }
  return { ...t, expr: parsed.expr };
}

export function parseThresholds(ctx: Ctx, slot: Slot | undefined, gateWhere: string): Threshold[] {
  if (!slot || isNullish(slot.node)) return [];
  const m = MapReader.of(ctx, slot, `thresholds of ${gateWhere}`);
  if (!m) return [];
  const out: Threshold[] = [];
  for (const { key, keyPos, slot: value } of m.entries()) {
    const mk = parseMetricKey(key);
    if (!mk.ok) {
      ctx.error(keyPos, mk.message);
      continue;
    }
    const items = readSeq(ctx, value, 'a list of threshold expressions, e.g. ["p(95) < 200"]');
    if (!items) continue;
    if (items.length === 0) ctx.error(value.pos, `"${key}" in thresholds of ${gateWhere}: expected at least one threshold expression`);
    for (const item of items) {
      const th = parseOne(ctx, { ...item, label: `"${key}" in ${gateWhere}` }, key, mk.metric, mk.tags);
      if (th) out.push(th);
    }
  }
  return out;
}
