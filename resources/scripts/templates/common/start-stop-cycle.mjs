// One start/stop cycle of the system (run it with `repeat: N`): stop, check
// for zombies, start, wait for health, stop again, and check that the whole
// process tree is gone and reaped. Each attempt writes out/cycles/cycle-N.json.
//
// Bundled demo: the demo target is started as a child on an ephemeral port, so
// the cycles never disturb the long-running instance the other gates use.
// Real system: set CYCLE_START_CMD, CYCLE_STOP_CMD and CYCLE_HEALTH_URL (and
// optionally CYCLE_PROCESS_PATTERN, a substring of the service command lines
// that must all be gone after a stop).
import { execSync } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fail, fmtMs, http, log, numEnv, ok, outDir, waitFor, writeJson, zombies } from './lib.mjs';
import { startInstance } from './instance.mjs';

const n = numEnv('COCKPIT_ATTEMPT', 1);
const of = numEnv('COCKPIT_ATTEMPTS', 1);
const dir = outDir('cycles');
if (n === 1) for (const f of readdirSync(dir)) rmSync(join(dir, f), { recursive: true, force: true });
const tag = `cycle ${n}/${of}`;
const result = { cycle: n, of, at: new Date().toISOString(), zombies: [], ok: false };

/** Records the failure in this cycle's evidence, then fails the attempt. */
function stopWith(msg) {
  result.error = msg;
  writeJson(join(dir, `cycle-${n}.json`), result);
  fail(msg);
}

function psMatching(pattern) {
  try {
    return execSync('ps -A -o pid=,stat=,command=', { encoding: 'utf8' })
      .split('\n')
      .filter((l) => l.includes(pattern) && !l.includes('ps -A') && !l.includes(process.argv[1]))
      .map((l) => l.trim());
  } catch {
    return [];
  }
}

async function realSystemCycle() {
  const sh = (cmd) => execSync(cmd, { stdio: 'inherit', shell: '/bin/sh', timeout: 120_000 });
  const pattern = process.env.CYCLE_PROCESS_PATTERN;
  log(`${tag}: stopping (${process.env.CYCLE_STOP_CMD})`);
  sh(process.env.CYCLE_STOP_CMD);
  if (pattern) {
    const left = psMatching(pattern);
    result.zombies = left;
    if (left.length) stopWith(`${tag}: processes left after stop:\n  ${left.join('\n  ')}`);
  }
  log(`${tag}: starting (${process.env.CYCLE_START_CMD})`);
  const t0 = performance.now();
  sh(process.env.CYCLE_START_CMD);
  const healthy = await waitFor(async () => (await http('GET', process.env.CYCLE_HEALTH_URL, { timeoutMs: 2000 })).status === 200, { timeoutMs: 60_000, everyMs: 500 });
  result.healthMs = Math.round(performance.now() - t0);
  if (!healthy) stopWith(`${tag}: ${process.env.CYCLE_HEALTH_URL} not healthy within 60s`);
  ok(`${tag}: healthy in ${fmtMs(result.healthMs)}`);
}

async function demoCycle() {
  log(`${tag}: checking for zombies left by earlier cycles...`);
  const before = zombies(process.pid);
  if (before.length) stopWith(`${tag}: zombie processes before start: ${before.map((z) => z.pid).join(', ')}`);
  log(`${tag}: starting demo target...`);
  const inst = await startInstance({ stateDir: join(dir, 'state') }).catch((e) => stopWith(`${tag}: start failed: ${e.message}`));
  result.startMs = Math.round(inst.startMs);
  result.pids = [inst.pid, ...inst.workers];
  const h = await http('GET', `${inst.url}/health`);
  if (h.status !== 200) stopWith(`${tag}: /health answered ${h.status}`);
  ok(`${tag}: healthy in ${fmtMs(inst.startMs)} (pid ${inst.pid}, worker ${inst.workers.join(', ')})`);
  log(`${tag}: stopping with SIGTERM...`);
  const stop = await inst.stop('SIGTERM');
  result.stopMs = Math.round(stop.stopMs);
  result.exit = { code: stop.code, signal: stop.signal, forced: stop.forced };
  if (stop.forced) stopWith(`${tag}: did not stop within 5s of SIGTERM and had to be killed`);
  if (stop.code !== 0) stopWith(`${tag}: exited with code ${stop.code} (signal ${stop.signal}) on SIGTERM, expected a clean 0`);
  result.zombies = [...zombies(process.pid), ...Object.entries(stop.states).filter(([, s]) => s === 'zombie').map(([p]) => Number(p))];
  const alive = Object.entries(stop.states).filter(([, s]) => s === 'alive').map(([p]) => p);
  if (alive.length) stopWith(`${tag}: still running after stop: ${alive.join(', ')}`);
  if (result.zombies.length) stopWith(`${tag}: zombie processes after stop: ${JSON.stringify(result.zombies)}`);
  const port = Number(new URL(inst.url).port);
  const still = await http('GET', `${inst.url}/health`, { timeoutMs: 500 });
  if (still.status !== 0) stopWith(`${tag}: port ${port} still answers after stop`);
  ok(`${tag}: stopped cleanly in ${fmtMs(stop.stopMs)}; 0 zombies; port released`);
}

if (process.env.CYCLE_START_CMD && process.env.CYCLE_STOP_CMD && process.env.CYCLE_HEALTH_URL) await realSystemCycle();
else await demoCycle();
result.ok = true;
writeJson(join(dir, `cycle-${n}.json`), result);
ok(`${tag}: PASSED`);
