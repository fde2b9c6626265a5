// Shared helpers for the template gate scripts: parameters from the
// environment, HTTP to the target, timing, and evidence files under out/.
// Node built-ins only, so every template runs with POSIX sh + node.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync, renameSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { execFileSync } from 'node:child_process';

/** A numeric parameter from the environment, with a default and bounds (clear message when invalid). */
export function numEnv(name, def, { min = -Infinity, max = Infinity } = {}) {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return def;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min || n > max) {
    fail(`${name}=${raw} is not a number between ${min} and ${max}`);
  }
  return n;
}

export function strEnv(name, def) {
  const raw = process.env[name];
  return raw === undefined || raw === '' ? def : raw;
}

/** Base URL of the system under test: TARGET_URL, else the bundled demo target on DEMO_PORT. */
export function targetUrl() {
  if (process.env.TARGET_URL) return process.env.TARGET_URL.replace(/\/+$/, '');
  const port = process.env.DEMO_PORT;
  if (!port) fail('neither TARGET_URL nor DEMO_PORT is set; the plan sets DEMO_PORT for the bundled demo target');
  return `http://127.0.0.1:${port}`;
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function stamp() {
  const d = new Date();
  const p = (n) => String(n).padStart(2, '0');
  return `[${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}]`;
}
const color = !process.env.NO_COLOR;
const paint = (code, text) => (color ? `\x1b[${code}m${text}\x1b[0m` : text);

export const log = (msg) => console.log(`${stamp()} ${msg}`);
export const ok = (msg) => console.log(`${stamp()} ${paint(32, '✓')} ${msg}`);
export const bad = (msg) => console.log(`${stamp()} ${paint(31, '✗')} ${msg}`);
export const warn = (msg) => console.log(`${stamp()} ${paint(33, '!')} ${msg}`);

/** Prints the reason and exits non-zero: the gate fails. */
export function fail(msg, code = 1) {
  console.log(`${stamp()} ${paint(31, 'FAILED:')} ${msg}`);
  process.exit(code);
}

/** One HTTP request; never throws: { status (0 = no response), json, text, ms, headers, error }. */
export async function http(method, url, { json, body, headers = {}, timeoutMs = 10_000 } = {}) {
  const h = { ...headers };
  let payload = body;
  if (json !== undefined) {
    payload = JSON.stringify(json);
    h['content-type'] ??= 'application/json';
  }
  const start = performance.now();
  try {
    const res = await fetch(url, { method, headers: h, body: payload, signal: AbortSignal.timeout(timeoutMs), redirect: 'manual' });
    const text = await res.text();
    let parsed;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    return { status: res.status, json: parsed, text, ms: performance.now() - start, headers: res.headers };
  } catch (err) {
    const error = err?.cause?.code ?? err?.name ?? String(err);
    return { status: 0, json: undefined, text: '', ms: performance.now() - start, headers: new Headers(), error };
  }
}

/** Polls until fn() is truthy or the deadline passes; returns the last value. Always bounded. */
export async function waitFor(fn, { timeoutMs = 10_000, everyMs = 100 } = {}) {
  const end = Date.now() + timeoutMs;
  let last;
  do {
    last = await fn();
    if (last) return last;
    await sleep(everyMs);
  } while (Date.now() < end);
  return last;
}

export function sha256(data) {
  return createHash('sha256').update(data).digest('hex');
}

export function sha256File(path) {
  return sha256(readFileSync(path));
}

/** Writes JSON atomically (tmp + rename), creating the directory. */
export function writeJson(path, value) {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, `${JSON.stringify(value, null, 2)}\n`);
  renameSync(tmp, path);
  return path;
}

export function writeText(path, text) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  return path;
}

export function readJson(path, fallback) {
  if (!existsSync(path)) {
    if (fallback !== undefined) return fallback;
    fail(`missing ${path}: the gate that writes it has not run here`);
  }
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    return fail(`${path} is not valid JSON: ${err.message}`);
  }
}

/** Evidence directory of this gate run, under the gate's cwd. */
export function outDir(...parts) {
  const dir = resolve('out', ...parts);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Appends a metric line in the cockpit's short form to $COCKPIT_METRICS (if set). */
export function metricWriter() {
  const file = process.env.COCKPIT_METRICS;
  const lines = [];
  let timer = null;
  const flush = async () => {
    if (!file || lines.length === 0) return;
    const { appendFileSync } = await import('node:fs');
    appendFileSync(file, lines.splice(0).join(''));
  };
  return {
    point(metric, value, tags = {}, time = Date.now()) {
      if (!file) return;
      lines.push(`${JSON.stringify({ metric, value, time, tags })}\n`);
      timer ??= setTimeout(() => {
        timer = null;
        void flush();
      }, 250);
    },
    async close() {
      if (timer) clearTimeout(timer);
      timer = null;
      await flush();
    },
  };
}

export function percentile(values, p) {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[idx];
}

/** Least-squares slope of (t ms, v) points, in v per hour. */
export function slopePerHour(points) {
  if (points.length < 2) return 0;
  const xs = points.map(([t]) => (t - points[0][0]) / 3_600_000);
  const ys = points.map(([, v]) => v);
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let num = 0;
  let den = 0;
  for (let i = 0; i < xs.length; i++) {
    num += (xs[i] - mx) * (ys[i] - my);
    den += (xs[i] - mx) ** 2;
  }
  return den === 0 ? 0 : num / den;
}

/**
 * State of a pid: 'gone', 'zombie' (exited, not yet reaped) or 'alive'.
 * Uses `ps -o stat=` (POSIX, Linux and macOS).
 */
export function procState(pid) {
  try {
    process.kill(pid, 0);
  } catch (err) {
    if (err.code === 'ESRCH') return 'gone';
  }
  try {
    const stat = execFileSync('ps', ['-o', 'stat=', '-p', String(pid)], { encoding: 'utf8' }).trim();
    if (stat === '') return 'gone';
    return stat.startsWith('Z') ? 'zombie' : 'alive';
  } catch {
    return 'gone'; // ps exits 1 when the pid does not exist
  }
}

/** The command line of a pid, or '' when it is gone. */
export function procCommand(pid) {
  try {
    return execFileSync('ps', ['-o', 'command=', '-p', String(pid)], { encoding: 'utf8' }).trim();
  } catch {
    return '';
  }
}

/** Zombie processes whose parent is `ppid` (all zombies when ppid is undefined). */
export function zombies(ppid) {
  let text = '';
  try {
    text = execFileSync('ps', ['-A', '-o', 'pid=,ppid=,stat=,command='], { encoding: 'utf8' });
  } catch {
    return [];
  }
  return text
    .split('\n')
    .map((l) => l.trim().split(/\s+/))
    .filter((f) => f.length >= 3 && f[2].startsWith('Z') && (ppid === undefined || Number(f[1]) === ppid))
    .map((f) => ({ pid: Number(f[0]), ppid: Number(f[1]), command: f.slice(3).join(' ') }));
}

/** Simple argv parsing: --key value and --flag. */
export function args(argv = process.argv.slice(2)) {
  const out = { _: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) {
      out._.push(a);
      continue;
    }
    const key = a.slice(2);
    const next = argv[i + 1];
    if (next === undefined || next.startsWith('--')) out[key] = true;
    else {
      out[key] = next;
      i++;
    }
  }
  return out;
}

export const fmtMs = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)}s` : `${Math.round(ms)}ms`);
export const fmtMB = (bytes) => `${(bytes / 1e6).toFixed(1)}MB`;

/** The service token for authenticated calls: SERVICE_TOKEN (e.g. `${secret:...}` in the plan), else the demo target's. */
export function serviceToken(stateDir = 'out/demo-target') {
  if (process.env.SERVICE_TOKEN) return process.env.SERVICE_TOKEN;
  const file = resolve(process.env.DEMO_STATE_DIR || stateDir, 'service-token');
  if (!existsSync(file)) fail(`no SERVICE_TOKEN and no demo token at ${file}: start the demo target first`);
  return readFileSync(file, 'utf8').trim();
}

/** Reads one gauge from a Prometheus text page (first sample without labels wins). */
export function promValue(text, name) {
  const m = new RegExp(`^${name}(?:\\{[^}]*\\})?\\s+([0-9.eE+-]+)`, 'm').exec(text ?? '');
  return m ? Number(m[1]) : undefined;
}
