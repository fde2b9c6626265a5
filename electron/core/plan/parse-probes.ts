/** A gate's `probe:` — built-in HTTP checks: single requests and bursts. */
import { isScalar, isSeq } from 'yaml';
import type { HttpMethod, Probe, ProbeRequest, StatusMatcher } from './types';
import { type Ctx, bad, isNullish, MapReader, readInt, readNonEmptyStr, readSeq, readStr, readStrMap, type Slot } from './yaml-nodes';

const METHODS = ['get', 'post', 'put', 'patch', 'delete', 'head'] as const;
const REQUEST_OPTS = ['contentType', 'body', 'headers'] as const;
const SINGLE_KEYS = [...METHODS, ...REQUEST_OPTS, 'expect'];
const BURST_KEYS = ['burst', 'expect'];
const BURST_REQUEST_KEYS = [...METHODS, ...REQUEST_OPTS, 'count', 'concurrency'];
const MATCHER_HINT = 'a status code (100..599) or a class like 5xx';
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

export function isHttpUrl(text: string): boolean {
  try {
    const u = new URL(text);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '';
  } catch {
    return false;
  }
}

function readMatcher(ctx: Ctx, slot: Slot): StatusMatcher | undefined {
  const n = slot.node;
  const v = isScalar(n) ? n.value : undefined;
  if (typeof v === 'number' && Number.isInteger(v) && v >= 100 && v <= 599) return { code: v };
  if (typeof v === 'string') {
    const cls = /^([1-5])xx$/i.exec(v.trim());
    if (cls) return { class: Number(cls[1]) as 1 | 2 | 3 | 4 | 5 };
    const code = /^\d{3}$/.test(v.trim()) ? Number(v) : NaN;
    if (code >= 100 && code <= 599) return { code };
  }
  return bad(ctx, slot, MATCHER_HINT);
}

function readMatchers(ctx: Ctx, slot: Slot | undefined): StatusMatcher[] {
  if (!slot || isNullish(slot.node)) return [];
  const items = isSeq(slot.node) ? (readSeq(ctx, slot) ?? []) : [slot];
  return items.map((i) => readMatcher(ctx, i)).filter((x): x is StatusMatcher => x !== undefined);
}

/** The one method key (`get: URL`, `post: URL`, …) plus contentType, body and headers. */
function readRequest(ctx: Ctx, m: MapReader): ProbeRequest | undefined {
  const present = METHODS.filter((k) => m.has(k));
  if (present.length !== 1) {
    const got = present.length === 0 ? 'none' : present.join(', ');
    ctx.error(m.pos, `${m.where}: expected exactly one request method key (${METHODS.join(', ')}), got ${got}`);
    return undefined;
  }
  const method = present[0];
  const urlSlot = m.slot(method) as Slot;
  const url = readStr(ctx, urlSlot, 'an http:// or https:// URL');
  if (url === undefined) return undefined;
  if (!isHttpUrl(url.trim())) return bad(ctx, urlSlot, 'an http:// or https:// URL');
  const req: ProbeRequest = { method: method.toUpperCase() as HttpMethod, url: url.trim(), headers: {} };
  const ct = m.slot('contentType');
  if (ct) {
    const v = readNonEmptyStr(ctx, ct, 'a content type like application/json');
    if (v !== undefined) req.contentType = v;
  }
  const body = m.slot('body');
  if (body) {
    const v = readStr(ctx, body, 'a string body');
    if (v !== undefined) req.body = v;
  }
  const headers = m.slot('headers');
  if (headers) req.headers = readStrMap(ctx, headers, `headers of ${m.where}`, HEADER_NAME, 'an HTTP header name') ?? {};
  return req;
}

function parseBurst(ctx: Ctx, item: Slot, m: MapReader, where: string): Probe | undefined {
  m.checkKeys(BURST_KEYS);
  const reqSlot = m.slot('burst') as Slot;
  const r = MapReader.of(ctx, reqSlot, `burst of ${where}`);
  const expectSlot = m.required('expect', '{ some: 429, none: 5xx }');
  if (!r) return undefined;
  r.checkKeys(BURST_REQUEST_KEYS);
  const request = readRequest(ctx, r);
  const countSlot = r.required('count', 'the number of requests (1..10000)');
  const count = countSlot && readInt(ctx, countSlot, 1, 10_000);
  const concurrency = r.int('concurrency', 1, 10_000) ?? 20;
  if (!expectSlot) return undefined;
  const e = MapReader.of(ctx, expectSlot, `expect of ${where}`);
  if (!e) return undefined;
  e.checkKeys(['some', 'none']);
  const some = readMatchers(ctx, e.slot('some'));
  const none = readMatchers(ctx, e.slot('none'));
  if (!e.has('some') && !e.has('none')) ctx.error(e.pos, `expect of ${where}: expected "some" and/or "none", e.g. { some: 429, none: 5xx }`);
  if (!request || count === undefined) return undefined;
  return { kind: 'burst', request, count, concurrency, expect: { some, none }, pos: item.pos };
}

function parseProbe(ctx: Ctx, item: Slot, index: number, gateWhere: string): Probe | undefined {
  const where = `probe ${index + 1} of ${gateWhere}`;
  const m = MapReader.of(ctx, item, where);
  if (!m) return undefined;
  if (m.has('burst')) return parseBurst(ctx, item, m, where);
  m.checkKeys(SINGLE_KEYS);
  const request = readRequest(ctx, m);
  const expectSlot = m.required('expect', `the expected status, ${MATCHER_HINT}`);
  const expect = expectSlot && readMatcher(ctx, expectSlot);
  if (!request || !expect) return undefined;
  return { kind: 'single', request, expect, pos: item.pos };
}

export function parseProbes(ctx: Ctx, slot: Slot, gateWhere: string): Probe[] | undefined {
  const items = readSeq(ctx, slot, 'a list of probes, e.g. [{ get: http://127.0.0.1:8080/health, expect: 200 }]');
  if (!items) return undefined;
  if (items.length === 0) ctx.error(slot.pos, `"probe" in ${gateWhere}: expected at least one probe`);
  return items.map((item, i) => parseProbe(ctx, item, i, gateWhere)).filter((p): p is Probe => p !== undefined);
}
