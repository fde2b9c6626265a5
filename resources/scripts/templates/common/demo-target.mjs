// The bundled demo target the templates run against instead of a real system.
// A single Node process on 127.0.0.1 (plus one worker child, so start/stop
// drills have a process tree to check for zombies) with:
//   /health /db/health /auth/whoami /version /metrics (Prometheus text)
//   /api/chat (415 for non-JSON, 429 per-client rate limit, 400/413/422 input validation, WAF)
//   /v1/action + /v1/approvals (destructive tools need one-time approvals; allowlist; sandbox)
//   /session/start|stop|count, /db/<table> (JSON tables with an fsync'd WAL), /admin/* drills
//   /api/enhance|enhance-cached|analyze, /api/spec/validate, /api/query, /api/verify|migrate|command,
//   /api/replay (bounded queue -> 429 backpressure), /api/upstream (circuit breaker), /api/beta (flag)
// Environment: DEMO_PORT (0 = any), DEMO_STATE_DIR (default out/demo-target), DEMO_VERSION,
// DEMO_RATE_LIMIT (per client per second), DEMO_SERVICE_TOKEN, DEMO_FLAGS, DEMO_WORKERS,
// DEMO_TTL_SECONDS (exits by itself after this long: an abandoned run never leaks it for ever).
// It never executes a command or returns file contents: it only decides, like the real policy would.
import { createServer } from 'node:http';
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { randomUUID } from 'node:crypto';
import { TableStore } from './demo/store.mjs';
import { Approvals, COMMAND_ALLOWLIST, DESTRUCTIVE_TOOLS, RateLimiter, ServiceTokens, waf } from './demo/guard.mjs';
import { coreRoutes } from './demo/routes-core.mjs';
import { opsRoutes } from './demo/routes-ops.mjs';

const env = process.env;
const stateDir = resolve(env.DEMO_STATE_DIR || 'out/demo-target');
const dataDir = join(stateDir, 'data');
const sandboxDir = join(stateDir, 'sandbox');
mkdirSync(dataDir, { recursive: true });

const version = env.DEMO_VERSION || '1.0.0';
const config = {
  service: 'demo-target',
  version,
  auth: { required: true, schemes: ['Bearer', 'X-Service-Token'] },
  rateLimit: { perClientPerSecond: Number(env.DEMO_RATE_LIMIT || 50), perTenantPerSecond: Number(env.DEMO_TENANT_RATE || 40) },
  tls: { minVersion: 'TLSv1.3', note: 'terminated at the platform edge; the demo itself listens on loopback HTTP' },
  logging: { fields: ['request_id', 'hashed_subject', 'waf_decision', 'plan_decision', 'latency_ms'], userText: false },
  allowedTables: ['sessions', 'quotas', 'rate_limits', 'invocation_logs', 'records'],
};
const policies = { destructiveTools: DESTRUCTIVE_TOOLS, commandAllowlist: COMMAND_ALLOWLIST, approvalTtlSeconds: 60 };
writeFileSync(join(dataDir, 'config.json'), `${JSON.stringify(config, null, 2)}\n`);
writeFileSync(join(dataDir, 'policies.json'), `${JSON.stringify(policies, null, 2)}\n`);

if (!existsSync(sandboxDir)) {
  mkdirSync(join(sandboxDir, 'docs'), { recursive: true });
  writeFileSync(join(sandboxDir, 'docs', 'readme.txt'), 'inside the sandbox\n');
  try {
    symlinkSync('/', join(sandboxDir, 'escape')); // the symlink attack's way out
  } catch {
    /* file systems without symlinks: the attack is then simply impossible */
  }
}

const app = {
  config,
  policies,
  version,
  stateDir,
  dataDir,
  sandboxDir,
  startedAt: Date.now(),
  store: new TableStore(dataDir),
  tokens: new ServiceTokens(join(stateDir, 'service-token'), env.DEMO_SERVICE_TOKEN),
  approvals: new Approvals(),
  limiter: new RateLimiter(config.rateLimit.perClientPerSecond),
  tenantLimiter: new RateLimiter(config.rateLimit.perTenantPerSecond),
  faults: { dbOutage: false, tenantOutage: null, verifyDelayMs: 0, dependencyDown: false },
  flags: new Set((env.DEMO_FLAGS || '').split(',').filter(Boolean)),
  counters: new Map(),
  workers: [],
};
const routes = { ...coreRoutes(app), ...opsRoutes(app) };
const access = createWriteStream(join(stateDir, 'access.jsonl'), { flags: 'a' });

class HttpError extends Error {
  constructor(status, code) {
    super(code);
    this.status = status;
    this.code = code;
  }
}
app.HttpError = HttpError;

function readBody(req, limit) {
  return new Promise((done) => {
    const chunks = [];
    let size = 0;
    let tooBig = false;
    req.on('data', (c) => {
      size += c.length;
      if (size > limit) tooBig = true;
      else chunks.push(c);
    });
    req.on('end', () => done({ body: Buffer.concat(chunks), tooBig }));
    req.on('error', () => done({ body: Buffer.alloc(0), tooBig }));
  });
}

function routeOf(method, path) {
  const exact = routes[`${method} ${path}`];
  if (exact) return { handler: exact, param: undefined };
  const m = /^\/db\/([a-z_]+)$/.exec(path);
  if (m && routes[`${method} /db/:table`]) return { handler: routes[`${method} /db/:table`], param: m[1] };
  return undefined;
}

const server = createServer(async (req, res) => {
  const start = performance.now();
  const url = new URL(req.url ?? '/', 'http://demo');
  const requestId = String(req.headers['x-request-id'] ?? randomUUID()).slice(0, 64);
  const ctx = {
    req,
    res,
    method: req.method ?? 'GET',
    path: url.pathname,
    query: url.searchParams,
    requestId,
    client: String(req.headers['x-client-id'] ?? req.socket.remoteAddress ?? 'unknown').slice(0, 64),
    tenant: String(req.headers['x-tenant'] ?? 'default').slice(0, 32),
    decisions: { waf: 'allow', plan: 'allow' },
    status: 0,
    body: Buffer.alloc(0),
  };
  ctx.send = (status, obj, headers = {}) => {
    ctx.status = status;
    const h = { 'x-request-id': requestId, ...headers };
    if (app.faults.dbOutage) h['x-degraded'] = 'db';
    if (obj === undefined) return res.writeHead(status, h).end();
    if (typeof obj === 'string') return res.writeHead(status, { 'content-type': 'text/plain', ...h }).end(obj);
    return res.writeHead(status, { 'content-type': 'application/json', ...h }).end(JSON.stringify(obj));
  };
  ctx.json = () => {
    if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) throw new HttpError(415, 'unsupported_media_type');
    try {
      return ctx.body.length ? JSON.parse(ctx.body.toString('utf8')) : {};
    } catch {
      throw new HttpError(400, 'invalid_json');
    }
  };
  ctx.requireAuth = () => {
    if (!app.tokens.check(req)) throw new HttpError(401, 'unauthorized');
  };
  try {
    const { body, tooBig } = await readBody(req, 64 * 1024);
    ctx.body = body;
    const route = routeOf(ctx.method, ctx.path);
    if (!route) throw new HttpError(404, 'not_found');
    if (tooBig) throw new HttpError(413, 'payload_too_large');
    const verdict = waf(`${decodeURIComponentSafe(url.pathname + url.search)}\n${body.toString('utf8')}`);
    ctx.decisions.waf = verdict.decision;
    if (verdict.decision === 'block') throw new HttpError(403, `waf_blocked_${verdict.rule}`);
    await route.handler(ctx, route.param);
  } catch (err) {
    if (err instanceof HttpError) ctx.send(err.status, { error: err.code, request_id: requestId }, err.status === 429 ? { 'retry-after': '1' } : {});
    else {
      console.error(`internal error on ${ctx.method} ${ctx.path}: ${err?.stack ?? err}`);
      ctx.send(500, { error: 'internal', request_id: requestId });
    }
  }
  app.counters.set(ctx.status, (app.counters.get(ctx.status) ?? 0) + 1);
  // Passive, sanitised access log: ids and decisions only, never bodies or user text.
  access.write(`${JSON.stringify({
    ts: new Date().toISOString(),
    request_id: requestId,
    method: ctx.method,
    path: ctx.path,
    status: ctx.status,
    latency_ms: Math.round((performance.now() - start) * 10) / 10,
    hashed_subject: app.tokens.subjectOf(req),
    tenant: ctx.tenant,
    waf_decision: ctx.decisions.waf,
    plan_decision: ctx.decisions.plan,
  })}\n`);
});

function decodeURIComponentSafe(s) {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function startWorkers(n) {
  for (let i = 0; i < n; i++) {
    // The worker leaves by itself when its parent dies (even by SIGKILL): crash drills leave no orphans.
    const code = 'const p = process.ppid; setInterval(() => { if (process.ppid !== p) process.exit(0); }, 200); process.on("SIGTERM", () => process.exit(0));';
    const w = spawn(process.execPath, ['-e', code], { stdio: 'ignore' });
    app.workers.push(w);
  }
}

let stopping = false;
async function shutdown(reason) {
  if (stopping) return;
  stopping = true;
  console.log(`demo target stopping (${reason})`);
  // Stop the workers and wait for them, so none is left behind as an orphan or a zombie.
  await Promise.all(
    app.workers.map(
      (w) =>
        new Promise((done) => {
          if (w.exitCode !== null || w.signalCode !== null) return done();
          const kill = setTimeout(() => w.kill('SIGKILL'), 2000);
          w.once('exit', () => {
            clearTimeout(kill);
            done();
          });
          w.kill('SIGTERM');
        }),
    ),
  );
  server.close();
  server.closeAllConnections?.();
  app.store.close();
  access.end(() => process.exit(0));
  setTimeout(() => process.exit(0), 1000).unref();
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
app.shutdown = shutdown;

const ttl = Number(env.DEMO_TTL_SECONDS || 7200);
setTimeout(() => void shutdown(`time to live of ${ttl}s reached`), Math.min(ttl * 1000, 2 ** 31 - 1)).unref();

server.on('error', (err) => {
  console.error(`demo target cannot listen: ${err.code === 'EADDRINUSE' ? `port ${env.DEMO_PORT} is already in use` : err.message}`);
  process.exit(2);
});
server.listen(Number(env.DEMO_PORT || 0), '127.0.0.1', () => {
  startWorkers(Number(env.DEMO_WORKERS || 1));
  const { port } = server.address();
  writeFileSync(join(stateDir, 'port'), String(port));
  console.log(`demo target ${version} listening on http://127.0.0.1:${port} (pid ${process.pid}, state ${stateDir})`);
});
