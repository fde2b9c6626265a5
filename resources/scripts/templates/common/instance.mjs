// A short-lived extra instance of the demo target, as a direct child of the
// drill (so the drill itself reaps it and can check for zombies): used for
// start/stop cycles, restore drills, crash recovery, canaries and rollbacks.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { http, procState, waitFor } from './lib.mjs';

const SERVER = join(dirname(fileURLToPath(import.meta.url)), 'demo-target.mjs');

/**
 * Starts an instance on an ephemeral loopback port with its own state dir.
 * Resolves when /health answers 200 (bounded by timeoutMs) or rejects with the log tail.
 */
export async function startInstance({ stateDir, version, env = {}, timeoutMs = 10_000 } = {}) {
  const dir = resolve(stateDir);
  mkdirSync(dir, { recursive: true });
  rmSync(join(dir, 'port'), { force: true });
  const t0 = performance.now();
  const child = spawn(process.execPath, [SERVER], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, DEMO_PORT: '0', DEMO_STATE_DIR: dir, DEMO_TTL_SECONDS: '600', ...(version ? { DEMO_VERSION: version } : {}), ...env },
  });
  let output = '';
  child.stdout.on('data', (b) => (output += b));
  child.stderr.on('data', (b) => (output += b));
  const exit = new Promise((done) => child.once('exit', (code, signal) => done({ code, signal })));
  let exited = null;
  void exit.then((e) => (exited = e));
  const portFile = join(dir, 'port');
  const healthy = await waitFor(
    async () => {
      if (exited) return 'exited';
      if (!existsSync(portFile)) return false;
      const url = `http://127.0.0.1:${readFileSync(portFile, 'utf8').trim()}`;
      const r = await http('GET', `${url}/health`, { timeoutMs: 1000 });
      return r.status === 200 ? { url, health: r.json } : false;
    },
    { timeoutMs, everyMs: 50 },
  );
  if (!healthy || healthy === 'exited') {
    if (!exited) child.kill('SIGKILL');
    throw new Error(`instance did not become healthy within ${timeoutMs} ms: ${output.trim().split('\n').slice(-3).join(' / ')}`);
  }
  return {
    pid: child.pid,
    url: healthy.url,
    workers: healthy.health.workers,
    version: healthy.health.version,
    startMs: performance.now() - t0,
    token: () => readFileSync(join(dir, 'service-token'), 'utf8').trim(),
    output: () => output,
    /** SIGTERM (or the given signal), wait for exit (reaping it), return timings and what is left. */
    async stop(signal = 'SIGTERM', waitMs = 5000) {
      const s0 = performance.now();
      if (!exited) child.kill(signal);
      let timer;
      const res = await Promise.race([exit, new Promise((r) => (timer = setTimeout(() => r(null), waitMs)))]);
      clearTimeout(timer);
      if (!res) child.kill('SIGKILL');
      const final = res ?? (await exit);
      const pids = [child.pid, ...healthy.health.workers];
      // A worker orphaned by SIGKILL is reaped by init, not by us: wait until nothing is *running*.
      const gone = await waitFor(() => pids.every((p) => procState(p) !== 'alive'), { timeoutMs: 2000, everyMs: 25 });
      const states = Object.fromEntries(pids.map((p) => [p, procState(p)]));
      return { ...final, forced: !res, stopMs: performance.now() - s0, states, clean: Boolean(gone) };
    },
  };
}
