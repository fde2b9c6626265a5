// Demo target routes: health, identity, version, metrics, chat, sessions, tables, admin drills.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';

const TABLE_NAME = /^[a-z_]{1,32}$/;
const KEY = /^[A-Za-z0-9._:-]{1,128}$/;

export function coreRoutes(app) {
  // app.HttpError is attached after the routes are built, so look it up at call time.
  const err = (status, code) => new app.HttpError(status, code);
  const openSessions = () => Object.keys(app.store.rows('sessions')).length;

  return {
    'GET /health': (ctx) =>
      ctx.send(200, {
        service: app.config.service,
        status: app.faults.dbOutage ? 'degraded' : 'ok',
        version: app.version,
        pid: process.pid,
        workers: app.workers.map((w) => w.pid),
        stateDir: app.stateDir,
        uptimeS: Math.round((Date.now() - app.startedAt) / 1000),
      }),

    'GET /db/health': (ctx) => {
      if (app.faults.dbOutage) throw err(503, 'db_unavailable');
      ctx.send(200, { ok: true, digest: app.store.digest(), seq: app.store.seq, walEntries: app.store.walEntries, tornWalLines: app.store.tornWalLines, counts: app.store.counts() });
    },

    'GET /db/tables': (ctx) => ctx.send(200, { tables: Object.keys(app.store.tables).sort() }),

    'GET /auth/whoami': (ctx) => {
      ctx.requireAuth();
      ctx.send(200, { subject: app.tokens.subjectOf(ctx.req), roles: ['service'] });
    },

    'GET /version': (ctx) => ctx.send(200, { version: app.version, service: app.config.service }),

    'GET /metrics': (ctx) => {
      const mem = process.memoryUsage();
      const lines = [
        '# TYPE process_resident_memory_bytes gauge',
        `process_resident_memory_bytes ${mem.rss}`,
        '# TYPE nodejs_heap_used_bytes gauge',
        `nodejs_heap_used_bytes ${mem.heapUsed}`,
        '# TYPE demo_uptime_seconds gauge',
        `demo_uptime_seconds ${((Date.now() - app.startedAt) / 1000).toFixed(1)}`,
        '# TYPE demo_open_sessions gauge',
        `demo_open_sessions ${openSessions()}`,
        '# TYPE demo_http_responses_total counter',
        ...[...app.counters.entries()].map(([code, n]) => `demo_http_responses_total{code="${code}"} ${n}`),
      ];
      ctx.send(200, `${lines.join('\n')}\n`, { 'content-type': 'text/plain; version=0.0.4' });
    },

    // The governed chat endpoint: content type, rate limit (plan guard), size and shape checks.
    'POST /api/chat': (ctx) => chat(ctx),
    'POST /v1/chat': (ctx) => chat(ctx),

    'POST /session/start': (ctx) => {
      if (app.faults.dbOutage) throw err(503, 'db_unavailable');
      const id = randomUUID();
      app.store.write('sessions', id, { startedAt: Date.now(), tenant: ctx.tenant });
      ctx.send(200, { sessionId: id });
    },
    'POST /session/stop': (ctx) => {
      const { sessionId } = ctx.json();
      if (typeof sessionId !== 'string' || !app.store.get('sessions', sessionId)) throw err(404, 'no_such_session');
      app.store.write('sessions', sessionId, null, 'delete');
      ctx.send(200, { stopped: sessionId });
    },
    'GET /session/count': (ctx) => ctx.send(200, { open: openSessions() }),

    'GET /db/:table': (ctx, table) => {
      ctx.requireAuth();
      if (app.faults.dbOutage) throw err(503, 'db_unavailable');
      ctx.send(200, { table, rows: app.store.rows(table) });
    },
    'POST /db/:table': (ctx, table) => {
      ctx.requireAuth();
      const body = ctx.json();
      if (app.faults.dbOutage) throw err(503, 'db_unavailable');
      if (!TABLE_NAME.test(table)) throw err(400, 'bad_table');
      const rows = Array.isArray(body.rows) ? body.rows : [body];
      if (rows.length === 0 || rows.length > 5000) throw err(422, 'rows_out_of_range');
      for (const r of rows) if (typeof r.key !== 'string' || !KEY.test(r.key)) throw err(422, 'bad_key');
      let seq = 0;
      for (const r of rows) seq = app.store.write(table, r.key, { value: r.value ?? null, tenant: ctx.tenant });
      ctx.send(200, { written: rows.length, seq });
    },

    'GET /admin/config': (ctx) => {
      ctx.requireAuth();
      ctx.send(200, { config: app.config, policies: app.policies });
    },
    'POST /admin/checkpoint': (ctx) => {
      ctx.requireAuth();
      app.store.checkpoint();
      ctx.send(200, { seq: app.store.seq, digest: app.store.digest() });
    },
    'POST /admin/backup': (ctx) => {
      ctx.requireAuth();
      const id = new Date().toISOString().replace(/[:.]/g, '-');
      const dir = join(app.stateDir, 'backups', id);
      const extra = ['config.json', 'policies.json'].map((f) => join(app.dataDir, f));
      const manifest = app.store.backup(dir, extra);
      ctx.send(200, { id, dir, manifest });
    },
    'POST /admin/rotate-token': (ctx) => {
      ctx.requireAuth();
      app.tokens.rotate();
      ctx.send(200, { rotated: true, tokenFile: app.tokens.file });
    },
    'POST /admin/fault': (ctx) => {
      ctx.requireAuth();
      const { mode, tenant, ms } = ctx.json();
      const f = app.faults;
      if (mode === 'clear') Object.assign(f, { dbOutage: false, tenantOutage: null, verifyDelayMs: 0, dependencyDown: false });
      else if (mode === 'db-outage') f.dbOutage = true;
      else if (mode === 'tenant-outage' && typeof tenant === 'string') f.tenantOutage = tenant;
      else if (mode === 'verify-delay' && Number.isFinite(ms) && ms >= 0 && ms <= 5000) f.verifyDelayMs = ms;
      else if (mode === 'dependency-down') f.dependencyDown = true;
      else throw err(422, 'unknown_fault');
      ctx.send(200, { faults: f });
    },
    'POST /admin/flags': (ctx) => {
      ctx.requireAuth();
      const { name, enabled } = ctx.json();
      if (typeof name !== 'string' || typeof enabled !== 'boolean') throw err(422, 'bad_flag');
      if (enabled) app.flags.add(name);
      else app.flags.delete(name);
      ctx.send(200, { flags: [...app.flags] });
    },
    'POST /admin/shutdown': (ctx) => {
      ctx.requireAuth();
      ctx.send(202, { stopping: true });
      setTimeout(() => void app.shutdown('admin request'), 10);
    },
  };

  function chat(ctx) {
    if (!String(ctx.req.headers['content-type'] ?? '').startsWith('application/json')) throw err(415, 'unsupported_media_type');
    if (!app.limiter.allow(ctx.client)) {
      ctx.decisions.plan = 'rate_limited';
      throw err(429, 'rate_limited');
    }
    if (ctx.body.length > 16 * 1024) throw err(413, 'payload_too_large');
    const { message } = ctx.json();
    if (typeof message !== 'string' || message.trim() === '') throw err(400, 'message_required');
    if (message.length > 4000) throw err(422, 'message_too_long');
    // A governed, deterministic reply; the message itself is never logged or stored.
    ctx.send(200, { reply: `ack (${message.length} chars)`, request_id: ctx.requestId, governed: true });
  }
}
