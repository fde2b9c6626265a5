/**
 * The threshold expression grammar: k6's `AGG OP VALUE`, plus our `slope`
 * aggregation (with rate units such as `5MB/h`) and an optional
 * `over DURATION` window.
 *
 *   expr   := agg op value [unit] ["over" duration]
 *   agg    := count | rate | value | avg | min | max | med | p(N) | slope
 *   op     := < | <= | > | >= | == | === | !=
 *   unit   := [B|kB|KB|MB|GB|TB|KiB|MiB|GiB|TiB] "/" (s|m|min|h|d)   (slope only)
 */
import type { Aggregation, CompareOp, ThresholdExpr } from './types';
import { parseDuration } from './duration';
import { didYouMean } from './suggest';

export type ThresholdExprResult =
  | { ok: true; expr: ThresholdExpr }
  | { ok: false; message: string; offset: number };

const SIMPLE_AGGS = ['count', 'rate', 'value', 'avg', 'min', 'max', 'med', 'slope'] as const;
const AGG_NAMES = ['count', 'rate', 'value', 'avg', 'min', 'max', 'med', 'p(N)', 'slope'];
/** Longest first, so `<=` is not read as `<` followed by garbage. */
const OPS: readonly CompareOp[] = ['===', '==', '!=', '<=', '>=', '<', '>'];
const OP_LIST = '<, <=, >, >=, ==, ===, !=';

const BYTES: Record<string, number> = {
  '': 1,
  B: 1,
  kB: 1e3,
  KB: 1e3,
  MB: 1e6,
  GB: 1e9,
  TB: 1e12,
  KiB: 1024,
  MiB: 1024 ** 2,
  GiB: 1024 ** 3,
  TiB: 1024 ** 4,
};
/** How many of each time unit fit in an hour: the slope is normalised to units per hour. */
const PER_HOUR: Record<string, number> = { s: 3600, m: 60, min: 60, h: 1, d: 1 / 24 };
const UNIT_HINT = 'a rate like 5MB/h, 100KB/min, 1.5MiB/h or 20/h';

const NUMBER = /-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?/y;
const WORD = /[A-Za-z_][A-Za-z0-9_]*/y;
const UNIT_TOKEN = /[A-Za-z]+(?:\/[A-Za-z]*)?|\/[A-Za-z]*/y;
const NON_SPACE = /\S+/y;

class Fail {
  constructor(
    readonly message: string,
    readonly offset: number,
  ) {}
}

class Scanner {
  at = 0;
  constructor(readonly text: string) {}
  spaces(): boolean {
    const start = this.at;
    while (this.at < this.text.length && /\s/.test(this.text[this.at])) this.at++;
    return this.at > start;
  }
  peek(re: RegExp): string | undefined {
    re.lastIndex = this.at;
    return re.exec(this.text)?.[0];
  }
  take(re: RegExp): string | undefined {
    const m = this.peek(re);
    if (m !== undefined) this.at += m.length;
    return m;
  }
  eat(s: string): boolean {
    if (!this.text.startsWith(s, this.at)) return false;
    this.at += s.length;
    return true;
  }
  done(): boolean {
    return this.at >= this.text.length;
  }
  /** What is at the cursor, for messages. */
  here(): string {
    return this.done() ? 'the end of the expression' : `"${this.peek(NON_SPACE)}"`;
  }
}

function parseAgg(s: Scanner): Aggregation {
  const start = s.at;
  const word = s.take(WORD);
  if (word === undefined) {
    throw new Fail(`expected an aggregation (${AGG_NAMES.join(', ')}) at ${s.here()}, as in "p(95) < 200"`, start);
  }
  if (word === 'p') {
    s.spaces();
    if (!s.eat('(')) throw new Fail('expected "(" after p, as in p(95)', s.at);
    s.spaces();
    const nStart = s.at;
    const n = s.take(NUMBER);
    if (n === undefined) throw new Fail('expected a percentile in p(N), as in p(95) or p(99.9)', nStart);
    const p = Number(n);
    if (!(p > 0 && p <= 100)) throw new Fail(`percentile p(${n}) is out of range; expected 0 < N <= 100`, nStart);
    s.spaces();
    if (!s.eat(')')) throw new Fail(`expected ")" to close p(${n} at ${s.here()}`, s.at);
    return { kind: 'p', p };
  }
  if ((SIMPLE_AGGS as readonly string[]).includes(word)) {
    return { kind: word as (typeof SIMPLE_AGGS)[number] };
  }
  const hint = /^p\d/.test(word) ? `; did you mean "p(${word.slice(1)})"?` : didYouMean(word, SIMPLE_AGGS);
  throw new Fail(
    `unknown aggregation "${word}"; expected one of: ${AGG_NAMES.join(', ')}${hint}`,
    start,
  );
}

function aggText(agg: Aggregation): string {
  return agg.kind === 'p' ? `p(${agg.p})` : agg.kind;
}

/** `5MB/h` → bytes per hour multiplier; undefined when not a known rate unit. */
export function rateUnitPerHour(unit: string): number | undefined {
  const m = /^([A-Za-z]*)\/(s|m|min|h|d)$/.exec(unit);
  if (!m || !(m[1] in BYTES)) return undefined;
  return BYTES[m[1]] * PER_HOUR[m[2]];
}

function parseValue(s: Scanner, agg: Aggregation, op: CompareOp): number {
  const start = s.at;
  const num = s.take(NUMBER);
  if (num === undefined) throw new Fail(`expected a number after "${op}", found ${s.here()}`, start);
  let value = Number(num);
  const afterNumber = s.at;
  const spaced = s.spaces();
  const unitStart = s.at;
  const unit = s.peek(UNIT_TOKEN);
  // After a space only something unit-shaped counts as a unit (`5 MB/h`); other words fall through to "over"/garbage.
  const unitShaped = unit !== undefined && (unit.includes('/') || unit in BYTES);
  if (unit === undefined || (spaced && !unitShaped)) {
    s.at = afterNumber;
    return value;
  }
  if (agg.kind !== 'slope') {
    throw new Fail(`unit "${unit}" is only allowed with slope; ${aggText(agg)} expects a plain number`, unitStart);
  }
  const perHour = rateUnitPerHour(unit);
  if (perHour === undefined) throw new Fail(`unknown rate unit "${unit}"; expected ${UNIT_HINT}`, unitStart);
  s.at += unit.length;
  value *= perHour;
  return value;
}

function parseWindow(s: Scanner): number | undefined {
  s.spaces();
  if (s.done()) return undefined;
  const start = s.at;
  if (s.peek(WORD) !== 'over') {
    throw new Fail(`unexpected ${s.here()}; expected the end of the expression or "over DURATION"`, start);
  }
  s.take(WORD);
  s.spaces();
  const dStart = s.at;
  const d = s.take(NON_SPACE);
  const ms = d === undefined ? null : parseDuration(d);
  if (ms === null || ms <= 0) {
    throw new Fail(`expected a window duration like 5m or 1h after "over", found ${d ? `"${d}"` : 'nothing'}`, dStart);
  }
  s.spaces();
  if (!s.done()) throw new Fail(`unexpected ${s.here()} after "over ${d}"; expected the end of the expression`, s.at);
  return ms;
}

export function parseThresholdExpr(text: string): ThresholdExprResult {
  try {
    if (typeof text !== 'string') throw new Fail('expected a threshold expression string', 0);
    const s = new Scanner(text);
    s.spaces();
    if (s.done()) throw new Fail('empty threshold; expected an expression like "p(95) < 200"', 0);
    const agg = parseAgg(s);
    s.spaces();
    const opStart = s.at;
    const op = OPS.find((o) => s.eat(o));
    if (op === undefined) {
      throw new Fail(`expected a comparison operator (${OP_LIST}) after ${aggText(agg)}, found ${s.here()}`, opStart);
    }
    s.spaces();
    const value = parseValue(s, agg, op);
    const windowMs = parseWindow(s);
    const expr: ThresholdExpr = { source: text, agg, op, value };
    if (windowMs !== undefined) expr.windowMs = windowMs;
    return { ok: true, expr };
  } catch (e) {
    if (e instanceof Fail) return { ok: false, message: e.message, offset: e.offset };
    return { ok: false, message: `invalid threshold expression: ${String(e)}`, offset: 0 };
  }
}
