/**
 * Prometheus text exposition format (version 0.0.4), as scraped from
 * `metrics.scrape.url` or written to `.prom` files.
 *
 * - `# HELP` / `# TYPE` lines become declarations; other comments are ignored.
 * - Every sample is its own series: histogram and summary samples
 *   (`x_bucket{le="0.5"}`, `x_sum`, `x_count`, `x{quantile="0.9"}`) keep
 *   their names and labels, nothing is merged.
 * - Prometheus counters are cumulative totals, unlike k6 counters whose points
 *   are increments, so every Prometheus metric is declared a `gauge`: `value`
 *   is the current total and `slope` its growth per hour. The original type
 *   is kept in `contains` (`prometheus:counter`).
 * - `NaN` and `±Inf` samples are skipped with a reason (the store holds finite values only).
 * - Times: the sample's own timestamp (ms) if given, else the scrape time.
 */
import type { LineError, MetricDeclaration, MetricPoint } from './types';

export interface PrometheusParse {
  points: MetricPoint[];
  /** Line number of each point, parallel to `points`. */
  lineNos: number[];
  declarations: MetricDeclaration[];
  errors: LineError[];
}

const NAME = /[a-zA-Z_:][a-zA-Z0-9_:]*/y;
const LABEL = /[a-zA-Z_][a-zA-Z0-9_]*/y;
const FLOAT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const NON_FINITE = /^[+-]?(?:inf|infinity|nan)$/i;
const TIMESTAMP = /^-?\d+$/;
const PROM_TYPES = new Set(['counter', 'gauge', 'histogram', 'summary', 'untyped', 'gaugehistogram', 'stateset', 'info', 'unknown']);

class PromSyntaxError extends Error {}

export function parsePrometheusText(text: string, scrapeTime: number): PrometheusParse {
  const out: PrometheusParse = { points: [], lineNos: [], declarations: [], errors: [] };
  const decls = new Map<string, MetricDeclaration>();
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    const line = lines[i].replace(/\r$/, '').trim();
    if (line === '') continue;
    try {
      if (line.startsWith('#')) readComment(line, decls);
      else readSample(line, lineNo, scrapeTime, out);
    } catch (e) {
      if (!(e instanceof PromSyntaxError)) throw e;
      out.errors.push({ lineNo, code: 'syntax', reason: e.message });
    }
  }
  out.declarations = [...decls.values()];
  return out;
}

function readComment(line: string, decls: Map<string, MetricDeclaration>): void {
  const m = /^#\s+(HELP|TYPE)\s+(\S+)(?:\s+(.*))?$/.exec(line);
  if (!m) return; // a plain comment
  const [, keyword, name, rest = ''] = m;
  let decl = decls.get(name);
  if (!decl) {
    decl = { name, kind: 'gauge', contains: 'prometheus:untyped' };
    decls.set(name, decl);
  }
  if (keyword === 'HELP') {
    decl.help = rest.replace(/\\(\\|n)/g, (_, c: string) => (c === 'n' ? '\n' : '\\'));
  } else {
    const type = rest.trim().toLowerCase();
    if (!PROM_TYPES.has(type)) throw new PromSyntaxError(`unknown TYPE "${rest.trim()}" for ${name}`);
    decl.contains = `prometheus:${type}`;
  }
}

function readSample(line: string, lineNo: number, scrapeTime: number, out: PrometheusParse): void {
  const cur = { s: line, i: 0 };
  let name: string | null = null;
  const labels: [string, string][] = [];
  if (cur.s[0] !== '{') {
    name = expectToken(cur, NAME, 'a metric name');
    if (!' \t{'.includes(cur.s[cur.i] ?? '')) throw new PromSyntaxError(`bad metric name at column ${cur.i + 1}`);
  }
  skipBlanks(cur);
  if (cur.s[cur.i] === '{') name = readLabels(cur, labels, name);
  if (name === null) throw new PromSyntaxError('missing metric name');
  let tokens = cur.s.slice(cur.i).trim().split(/[ \t]+/);
  const exemplar = tokens.findIndex((t) => t.startsWith('#'));
  if (exemplar !== -1) tokens = tokens.slice(0, exemplar); // OpenMetrics exemplar: ignored
  if (tokens.length === 0 || tokens[0] === '') throw new PromSyntaxError(`missing value for ${name}`);
  if (tokens.length > 2) throw new PromSyntaxError(`unexpected text after the timestamp: "${tokens.slice(2).join(' ')}"`);
  const [rawValue, rawTs] = tokens;
  let value: number;
  if (FLOAT.test(rawValue)) value = Number(rawValue);
  else if (NON_FINITE.test(rawValue)) {
    out.errors.push({ lineNo, code: 'bad-value', reason: `${name}: non-finite value ${rawValue} skipped` });
    return;
  } else throw new PromSyntaxError(`bad value "${rawValue}" for ${name}`);
  let time = scrapeTime;
  if (rawTs !== undefined) {
    if (!TIMESTAMP.test(rawTs) || !Number.isSafeInteger(Number(rawTs))) {
      throw new PromSyntaxError(`bad timestamp "${rawTs}" (expected integer ms since the epoch)`);
    }
    time = Number(rawTs);
  }
  if (!Number.isFinite(value)) {
    out.errors.push({ lineNo, code: 'bad-value', reason: `${name}: value ${rawValue} overflows` });
    return;
  }
  out.points.push({ metric: name, tags: Object.fromEntries(labels), time, value });
  out.lineNos.push(lineNo);
}

/** Reads `{a="x",b="y"}`; a bare quoted string inside is the (UTF-8) metric name. */
function readLabels(cur: { s: string; i: number }, labels: [string, string][], name: string | null): string | null {
  cur.i++; // '{'
  const seen = new Set<string>();
  for (;;) {
    skipBlanks(cur);
    if (cur.s[cur.i] === '}') {
      cur.i++;
      return name;
    }
    const key = cur.s[cur.i] === '"' ? readQuoted(cur) : expectToken(cur, LABEL, 'a label name');
    skipBlanks(cur);
    if (cur.s[cur.i] === '=') {
      cur.i++;
      skipBlanks(cur);
      if (cur.s[cur.i] !== '"') throw new PromSyntaxError(`label ${key}: expected a quoted value`);
      const value = readQuoted(cur);
      if (seen.has(key)) throw new PromSyntaxError(`duplicate label ${key}`);
      seen.add(key);
      labels.push([key, value]);
    } else if (name === null && labels.length === 0) {
      name = key; // {"my.metric", label="x"}
    } else {
      throw new PromSyntaxError(`label ${key}: expected "="`);
    }
    skipBlanks(cur);
    if (cur.s[cur.i] === ',') cur.i++;
    else if (cur.s[cur.i] !== '}') throw new PromSyntaxError('expected "," or "}" in labels');
  }
}

function readQuoted(cur: { s: string; i: number }): string {
  let out = '';
  cur.i++; // opening quote
  while (cur.i < cur.s.length) {
    const c = cur.s[cur.i++];
    if (c === '"') return out;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const e = cur.s[cur.i++];
    if (e === '\\' || e === '"') out += e;
    else if (e === 'n') out += '\n';
    else throw new PromSyntaxError(`invalid escape "\\${e ?? ''}" in a quoted string`);
  }
  throw new PromSyntaxError('unterminated quoted string');
}

function expectToken(cur: { s: string; i: number }, re: RegExp, what: string): string {
  re.lastIndex = cur.i;
  const m = re.exec(cur.s);
  if (!m) throw new PromSyntaxError(`expected ${what} at column ${cur.i + 1}`);
  cur.i += m[0].length;
  return m[0];
}

function skipBlanks(cur: { s: string; i: number }): void {
  while (cur.s[cur.i] === ' ' || cur.s[cur.i] === '\t') cur.i++;
}
