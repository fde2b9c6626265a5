// Demo target routes for the harder drills: tool actions behind approvals,
// performance endpoints, spec validation, differential queries, tenant paths,
// replay backpressure, a circuit breaker and a feature flag (kill switch).
import { createHash } from 'node:crypto';
import { commandProblem, sandboxPath } from './guard.mjs';

const TOOLS = {
  echo: { destructive: false },
  list_dir: { destructive: false, pathArg: 'path' },
  read_file: { destructive: false, pathArg: 'path' },
  delete_file: { destructive: true, pathArg: 'path' },
  shell: { destructive: true, commandArg: 'command' },
  drop_table: { destructive: true },
};
const TYPES = ['string', 'int', 'decimal', 'bool', 'timestamp'];
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const hashNum = (s) => createHash('sha256').update(String(s)).digest().readUInt32BE(0);

export function opsRoutes(app) {
  const err = (status, code) => new app.HttpError(status, code);
  const cache = new Map();
  const replay = { queued: 0, processed: 0, capacity: 200 };
  setInterval(() => {
    const n = Math.min(replay.queued, 50);
    replay.queued -= n;
    replay.processed += n;
  }, 100).unref();
  const breaker = { failures: 0, openUntil: 0 };

  const work = (kind) => async (ctx) => {
    const body = ctx.json();
    if (!app.tenantLimiter.allow(ctx.tenant)) {
      ctx.decisions.plan = 'tenant_rate_limited';
      throw err(429, 'tenant_rate_limited');
    }
    if (app.faults.tenantOutage === ctx.tenant) throw err(503, 'tenant_unavailable');
    if (kind === 'verify' && app.faults.verifyDelayMs > 0) await sleep(app.faults.verifyDelayMs);
    const ms = Math.min(Math.max(Number(body.ms) || 0, 0), 50);
    if (ms) await sleep(ms);
    ctx.send(200, { ok: true, path: kind, tenant: ctx.tenant });
  };

  const enhance = async (text) => {
    await sleep(10 + (hashNum(text) % 20)); // simulated model work, 10..29 ms
    const result = `enhanced:${createHash('sha256').update(text).digest('hex').slice(0, 12)}`;
    if (cache.size > 10_000) cache.clear();
    cache.set(text, result);
    return result;
  };

  return {
    'POST /v1/approvals': (ctx) => {
      ctx.requireAuth();
      if (ctx.req.headers['x-role'] !== 'approver') throw err(403, 'not_an_approver');
      const { tool, args } = ctx.json();
      if (!TOOLS[tool]?.destructive) throw err(422, 'tool_needs_no_approval');
      ctx.send(200, { approval: app.approvals.issue(tool, args) });
    },

    'POST /v1/action': (ctx) => {
      ctx.requireAuth();
      const { tool, args = {}, approval } = ctx.json();
      const spec = TOOLS[tool];
      if (!spec) throw err(422, 'unknown_tool');
      if (spec.commandArg) {
        const problem = commandProblem(args[spec.commandArg]);
        if (problem) throw err(403, problem);
      }
      if (spec.pathArg) {
        const r = sandboxPath(app.sandboxDir, args[spec.pathArg]);
        if (r.error === 'path_not_found') throw err(404, r.error);
        if (r.error) throw err(403, r.error);
      }
      if (spec.destructive) {
        const problem = app.approvals.verify(approval, tool, args);
        if (problem) throw err(403, problem);
      }
      ctx.send(200, { ok: true, tool, simulated: true });
    },

    'POST /api/enhance': async (ctx) => {
      const { text } = ctx.json();
      if (typeof text !== 'string' || text === '') throw err(400, 'text_required');
      if (app.faults.dbOutage) throw err(503, 'degraded_db_unavailable');
      ctx.send(200, { result: await enhance(text), cached: false });
    },
    'POST /api/enhance-cached': async (ctx) => {
      const { text } = ctx.json();
      if (typeof text !== 'string' || text === '') throw err(400, 'text_required');
      if (cache.has(text)) return ctx.send(200, { result: cache.get(text), cached: true });
      if (app.faults.dbOutage) throw err(503, 'degraded_db_unavailable');
      ctx.send(200, { result: await enhance(text), cached: false });
    },
    'POST /api/analyze': async (ctx) => {
      const { text } = ctx.json();
      if (typeof text !== 'string') throw err(400, 'text_required');
      await sleep(2 + (hashNum(text) % 5));
      ctx.send(200, { suggestions: (hashNum(text) % 4) + 1 });
    },

    'POST /api/spec/validate': (ctx) => {
      const spec = ctx.json();
      const errors = validateSpec(spec);
      if (errors.length) return ctx.send(422, { error: 'spec_rejected', errors });
      ctx.send(200, { ok: true, entity: spec.entity });
    },

    'POST /api/query': (ctx) => {
      ctx.requireAuth();
      const { table, op, collation = 'binary' } = ctx.json();
      const rows = Object.entries(app.store.rows(table)).map(([key, r]) => ({ key, ...(r.value ?? {}) }));
      ctx.send(200, { op, result: query(rows, op, collation) });
    },

    'POST /api/verify': work('verify'),
    'POST /api/migrate': work('migrate'),
    'POST /api/command': work('command'),

    'POST /api/replay': (ctx) => {
      const { items } = ctx.json();
      if (!Number.isInteger(items) || items < 1 || items > 1000) throw err(422, 'items_out_of_range');
      if (replay.queued + items > replay.capacity) {
        ctx.decisions.plan = 'backpressure';
        throw err(429, 'replay_backpressure');
      }
      replay.queued += items;
      ctx.send(202, { queued: replay.queued });
    },
    'GET /api/replay': (ctx) => ctx.send(200, replay),

    'POST /api/upstream': async (ctx) => {
      const now = Date.now();
      if (breaker.openUntil > now) return ctx.send(503, { error: 'circuit_open' }, { 'x-circuit': 'open' });
      if (app.faults.dependencyDown) {
        await sleep(100); // the dependency times out
        breaker.failures++;
        if (breaker.failures >= 3) breaker.openUntil = Date.now() + 1000;
        return ctx.send(502, { error: 'dependency_timeout' }, { 'x-circuit': breaker.failures >= 3 ? 'open' : 'closed' });
      }
      breaker.failures = 0;
      ctx.send(200, { ok: true }, { 'x-circuit': 'closed' });
    },

    'GET /api/beta': (ctx) => {
      if (!app.flags.has('beta')) throw err(404, 'feature_disabled');
      ctx.send(200, { beta: true });
    },
  };
}

/** The demo spec DSL: { entity, fields: {name: type}, states?, transitions?, migration? }. */
export function validateSpec(spec) {
  const errors = [];
  if (!spec || typeof spec !== 'object') return ['spec must be an object'];
  if (typeof spec.entity !== 'string' || !/^[A-Z][A-Za-z0-9]*$/.test(spec.entity)) errors.push('entity must be PascalCase');
  const fields = spec.fields;
  if (!fields || typeof fields !== 'object' || Array.isArray(fields) || Object.keys(fields).length === 0) errors.push('fields must be a non-empty map');
  else {
    for (const [name, type] of Object.entries(fields)) {
      if (!/^[a-z][a-z0-9_]*$/.test(name)) errors.push(`field "${name}" must be snake_case`);
      if (!TYPES.includes(type)) errors.push(`field "${name}" has unknown type "${type}"`);
    }
  }
  const states = Array.isArray(spec.states) ? spec.states : [];
  for (const t of spec.transitions ?? []) {
    if (!states.includes(t.from) || !states.includes(t.to)) errors.push(`transition "${t.from}" -> "${t.to}" names an unknown state`);
  }
  const m = spec.migration;
  if (m !== undefined) {
    if (!Number.isInteger(m.from) || m.to !== m.from + 1) errors.push('migration must go from version N to N+1');
    if (!m.rollback) errors.push('migration needs a rollback');
    for (const [oldState, newState] of Object.entries(m.stateMap ?? {})) {
      if (!states.includes(newState)) errors.push(`stateMap sends "${oldState}" to unknown state "${newState}"`);
    }
  }
  return errors;
}

/** The server's query engine (the differential suite compares it with an independent reference). */
function query(rows, op, collation) {
  if (op === 'count_by_group') {
    const out = {};
    for (const r of rows) out[r.group ?? '(null)'] = (out[r.group ?? '(null)'] ?? 0) + 1;
    return out;
  }
  if (op === 'sum_amount') {
    let cents = 0n;
    for (const r of rows) {
      if (r.amount === null || r.amount === undefined) continue;
      const [whole, frac = ''] = String(r.amount).replace('-', '').split('.');
      const v = BigInt(whole) * 100n + BigInt((frac + '00').slice(0, 2));
      cents += String(r.amount).startsWith('-') ? -v : v;
    }
    const sign = cents < 0n ? '-' : '';
    const abs = cents < 0n ? -cents : cents;
    return `${sign}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
  }
  if (op === 'null_count') return rows.filter((r) => r.amount === null || r.amount === undefined).length;
  if (op === 'sort_names') {
    const cmp = collation === 'en' ? (a, b) => a.localeCompare(b, 'en') : (a, b) => (a < b ? -1 : a > b ? 1 : 0);
    return [...rows]
      .sort((a, b) => {
        if (a.name == null || b.name == null) return (a.name == null) - (b.name == null) || (a.key < b.key ? -1 : 1);
        return cmp(a.name, b.name) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
      })
      .map((r) => r.key);
  }
  return null;
}
