// Starts and stops the bundled demo target for a template:
//   node target-ctl.mjs start [--version V]   stop any previous instance, start detached, wait for /health
//   node target-ctl.mjs stop                  TERM (KILL after 5s), check the process tree is gone, port free
//   node target-ctl.mjs status
// State lives in out/demo-target/ under the gate's cwd: pid, port, service.log, access.jsonl, data/.
// The target is started in its own session (detached), so it outlives the gate that started it;
// it also exits by itself after DEMO_TTL_SECONDS, so an abandoned run cannot leak it for ever.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { args, bad, fail, fmtMs, http, log, numEnv, ok, procCommand, procState, sleep, waitFor } from './lib.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const SERVER = join(here, 'demo-target.mjs');
const stateDir = resolve(process.env.DEMO_STATE_DIR || 'out/demo-target');
const pidFile = join(stateDir, 'pid');
const port = process.env.DEMO_PORT;
const base = () => `http://127.0.0.1:${port}`;

function readPid() {
  if (!existsSync(pidFile)) return null;
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}

/** True only for a live process that is our demo target: never signal a recycled pid. */
function isOurs(pid) {
  return procState(pid) === 'alive' && procCommand(pid).includes('demo-target.mjs');
}

async function health() {
  const r = await http('GET', `${base()}/health`, { timeoutMs: 1500 });
  return r.status === 200 && r.json?.service === 'demo-target' ? r.json : null;
}

async function stop({ quiet = false } = {}) {
  let pid = readPid();
  const h = port ? await health() : null;
  if (h && h.stateDir === stateDir) pid = h.pid; // our instance, even if the pid file was lost
  else if (h && !quiet) log(`another demo target answers on port ${port} (state ${h.stateDir}); not ours, leaving it`);
  if (!pid || !isOurs(pid)) {
    rmSync(pidFile, { force: true });
    if (!quiet) ok('demo target is not running');
    return true;
  }
  const workers = h?.workers ?? [];
  const t0 = performance.now();
  log(`stopping demo target pid ${pid}${workers.length ? ` (workers ${workers.join(', ')})` : ''} with SIGTERM`);
  process.kill(pid, 'SIGTERM');
  const gone = () => [pid, ...workers].every((p) => procState(p) !== 'alive');
  if (!(await waitFor(gone, { timeoutMs: 5000, everyMs: 50 }))) {
    bad(`still running after 5s; sending SIGKILL`);
    for (const p of [pid, ...workers]) if (procState(p) === 'alive') process.kill(p, 'SIGKILL');
    await waitFor(gone, { timeoutMs: 2000, everyMs: 50 });
  }
  const left = [pid, ...workers].filter((p) => procState(p) === 'alive');
  rmSync(pidFile, { force: true });
  if (left.length) {
    bad(`processes survived: ${left.join(', ')}`);
    return false;
  }
  // A detached daemon is reaped by init, not by us: "zombie" here only means "exited, awaiting init".
  const portFree = port ? (await http('GET', `${base()}/health`, { timeoutMs: 1000 })).status === 0 : true;
  if (!portFree) {
    bad(`port ${port} still answers after stop`);
    return false;
  }
  ok(`demo target stopped in ${fmtMs(performance.now() - t0)}; no process left, port ${port} free`);
  return true;
}

async function start(opts) {
  if (!port) fail('DEMO_PORT is not set (the template sets it in its env:)');
  await stop({ quiet: true });
  const squatter = await http('GET', `${base()}/health`, { timeoutMs: 1000 });
  if (squatter.status !== 0) fail(`port ${port} is already in use by something else; set DEMO_PORT to a free port`);
  mkdirSync(stateDir, { recursive: true });
  if (opts.fresh) rmSync(join(stateDir, 'data'), { recursive: true, force: true });
  const logFd = openSync(join(stateDir, 'service.log'), 'a');
  const soak = numEnv('SOAK_SECONDS', 0, { min: 0 });
  const ttl = process.env.DEMO_TTL_SECONDS || String(Math.max(7200, soak + 3600));
  const env = { ...process.env, DEMO_PORT: port, DEMO_STATE_DIR: stateDir, DEMO_TTL_SECONDS: ttl };
  if (typeof opts.version === 'string') env.DEMO_VERSION = opts.version;
  const t0 = performance.now();
  const child = spawn(process.execPath, [SERVER], { detached: true, stdio: ['ignore', logFd, logFd], env });
  let exited = null;
  child.on('exit', (code) => (exited = code));
  child.unref();
  writeFileSync(pidFile, String(child.pid));
  log(`starting demo target ${env.DEMO_VERSION ?? '1.0.0'} on ${base()} (pid ${child.pid}, time to live ${ttl}s)`);
  const h = await waitFor(async () => exited !== null || (await health()), { timeoutMs: 10_000, everyMs: 100 });
  if (!h || exited !== null) {
    const tail = existsSync(join(stateDir, 'service.log')) ? readFileSync(join(stateDir, 'service.log'), 'utf8').split('\n').slice(-5).join('\n') : '';
    fail(`demo target did not become healthy within 10s${exited !== null ? ` (exited with ${exited})` : ''}\n${tail}`);
  }
  ok(`healthy in ${fmtMs(performance.now() - t0)}: version ${h.version}, pid ${h.pid}, workers ${h.workers.join(', ')}`);
  writeFileSync(join(stateDir, 'started.json'), `${JSON.stringify({ pid: h.pid, port: Number(port), version: h.version, at: new Date().toISOString() })}\n`);
}

const a = args();
const cmd = a._[0];
if (cmd === 'start') await start({ version: a.version, fresh: a.fresh === true });
else if (cmd === 'stop') process.exit((await stop()) ? 0 : 1);
else if (cmd === 'restart') {
  if (!(await stop())) process.exit(1);
  await sleep(50);
  await start({ version: a.version });
} else if (cmd === 'status') {
  const h = await health();
  if (h) ok(`demo target up: version ${h.version}, pid ${h.pid}, uptime ${h.uptimeS}s`);
  else bad('demo target is not answering');
  process.exit(h ? 0 : 1);
} else fail('usage: target-ctl.mjs start [--version V] [--fresh] | stop | restart | status', 2);
