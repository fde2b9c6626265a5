/**
 * The kill/restart/reconnect scenarios of `test/reliability/run.ts`, on the
 * built CLI and real processes. Each returns what it measured; nothing here
 * asserts: the report states the numbers, and the run fails if one is off.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { runCli, workspace } from '../helpers/cli';
import { integrityOk, leftovers, processes, sleep, waitFor } from '../helpers/crash-checks';
import type { TestSshd } from '../helpers/sshd';
import { durablePlan, killHosts, numbersInLog, runFiles, startCli, valuesInMetrics, type Host } from '../integration/durable/fixture';

export interface Measured {
  name: string;
  cycles: number;
  kills: number;
  cuts: number;
  completed: boolean;
  bytesLost: number;
  bytesRepeated: number;
  linesLost: number;
  linesRepeated: number;
  pointsLostInFile: number;
  pointsRepeatedInFile: number;
  /** Points stored by the metrics ingestion (SQLite) beyond one per line. */
  pointsRepeatedInDb: number;
  integrityFailures: number;
  orphans: number;
  zombies: number;
  seconds: number;
}

/** Counts what `got` lost and repeated against [1..n]. */
function compare(got: number[], n: number): { lost: number; repeated: number } {
  const seen = new Map<number, number>();
  for (const v of got) seen.set(v, (seen.get(v) ?? 0) + 1);
  let lost = 0;
  let repeated = 0;
  for (let i = 1; i <= n; i++) {
    const c = seen.get(i) ?? 0;
    if (c === 0) lost++;
    else repeated += c - 1;
  }
  return { lost, repeated: repeated + got.filter((v) => v < 1 || v > n).length };
}

function dbPoints(db: string): number {
  const d = new Database(db, { readonly: true });
  try {
    return (d.prepare("SELECT count(*) AS n FROM metric_points p JOIN metric_series s ON s.id = p.series_id WHERE s.metric = 'count'").get() as { n: number }).n;
  } catch {
    return 0;
  } finally {
    d.close();
  }
}

export interface Scenario {
  name: string;
  lines: number;
  host?: TestSshd;
  /** Drives the hosts; returns cycles, kills and cuts done. */
  drive(ctx: DriveContext): Promise<{ cycles: number; kills: number; cuts: number }>;
}

export interface DriveContext {
  plan: string;
  db: string;
  log: string;
  lines: () => number;
  check(): void;
  start(args: string[]): Host;
}

export async function measure(s: Scenario, tag: string): Promise<Measured> {
  const t0 = Date.now();
  const ws = workspace('cockpit-reliability-');
  const m: Measured = {
    name: s.name, cycles: 0, kills: 0, cuts: 0, completed: false, bytesLost: 0, bytesRepeated: 0, linesLost: 0,
    linesRepeated: 0, pointsLostInFile: 0, pointsRepeatedInFile: 0, pointsRepeatedInDb: 0, integrityFailures: 0,
    orphans: 0, zombies: 0, seconds: 0,
  };
  try {
    const plan = ws.write('plan.yaml', durablePlan(tag, s.lines, s.host?.hostYaml()));
    const files = runFiles(ws.db, tag);
    const check = () => {
      if (integrityOk(ws.db) !== 'ok') m.integrityFailures++;
      const left = leftovers(ws.db);
      m.orphans += left.stray.length;
      m.zombies += left.zombies.length;
    };
    const done = await s.drive({ plan, db: ws.db, log: files.log, lines: () => numbersInLog(files.log).length, check, start: startCli });
    Object.assign(m, done);
    const last = startCli(['attach', plan, '--db', ws.db]);
    await last.exited;
    check();
    const status = JSON.parse(runCli(['status', plan, '--db', ws.db, '--json']).stdout).gates[0];
    m.completed = status.status === 'passed';
    const lines = compare(numbersInLog(files.log), s.lines);
    m.linesLost = lines.lost;
    m.linesRepeated = lines.repeated;
    const points = compare(valuesInMetrics(files.metrics), s.lines);
    m.pointsLostInFile = points.lost;
    m.pointsRepeatedInFile = points.repeated;
    m.pointsRepeatedInDb = Math.max(0, dbPoints(ws.db) - s.lines);
    const target = s.host
      ? execFileSync('sh', ['-c', `ls -d /root/.release-cockpit/runs/${tag}@rc1/soak/run-1-*/attempt-1`], { encoding: 'utf8' }).trim()
      : `${files.dir}/durable/attempt-1`;
    const theirs = existsSync(`${target}/output.log`) ? readFileSync(`${target}/output.log`) : Buffer.alloc(0);
    const ours = existsSync(files.log) ? readFileSync(files.log) : Buffer.alloc(0);
    const common = ours.subarray(0, theirs.length).equals(theirs.subarray(0, ours.length));
    m.bytesLost = Math.max(0, theirs.length - ours.length) + (common ? 0 : theirs.length);
    m.bytesRepeated = Math.max(0, ours.length - theirs.length);
    await sleep(2500);
    const left = leftovers(ws.dir, tag);
    m.orphans += left.stray.length;
    m.zombies += left.zombies.length;
  } finally {
    killHosts();
    ws.cleanup();
    m.seconds = Math.round((Date.now() - t0) / 1000);
  }
  return m;
}

/** kill -9 the host `kills` times while the run goes on, restarting with `attach`. */
export function killScenario(name: string, lines: number, kills: number, host?: TestSshd): Scenario {
  return {
    name, lines, host,
    async drive(ctx) {
      let h = ctx.start(['run', ctx.plan, '--db', ctx.db]);
      for (let k = 0; k < kills; k++) {
        const at = ctx.lines();
        await waitFor(() => ctx.lines() >= at + 15, 30_000, 'the run to go on');
        h.child.kill('SIGKILL');
        await h.exited;
        ctx.check();
        await sleep(700);
        h = ctx.start(['attach', ctx.plan, '--db', ctx.db]);
      }
      h.child.kill('SIGKILL');
      await h.exited;
      ctx.check();
      return { cycles: 0, kills: kills + 1, cuts: 0 };
    },
  };
}

/** `serve` started and stopped (SIGTERM) `cycles` times while the durable run goes on. */
export function serveScenario(name: string, lines: number, cycles: number): Scenario {
  return {
    name, lines,
    async drive(ctx) {
      const first = ctx.start(['run', ctx.plan, '--db', ctx.db]);
      await waitFor(() => ctx.lines() >= 10, 30_000, 'the run to start');
      first.child.kill('SIGKILL');
      await first.exited;
      ctx.check();
      for (let i = 0; i < cycles; i++) {
        const before = ctx.lines();
        const serve = ctx.start(['serve', ctx.plan, '--port', '0', '--db', ctx.db]);
        await waitFor(() => serve.stderr().includes('reattached'), 20_000, 'serve to reattach');
        await waitFor(() => ctx.lines() > before + 5, 20_000, 'serve to copy');
        serve.child.kill('SIGTERM');
        await serve.exited;
        await sleep(150);
        ctx.check();
      }
      return { cycles, kills: 1, cuts: 0 };
    },
  };
}

/** Kills the ssh client following the run `cuts` times (a dropped connection), then the host once. */
export function cutScenario(name: string, lines: number, cuts: number, host: TestSshd): Scenario {
  return {
    name, lines, host,
    async drive(ctx) {
      const h = ctx.start(['run', ctx.plan, '--db', ctx.db]);
      for (let c = 0; c < cuts; c++) {
        const at = ctx.lines();
        await waitFor(() => ctx.lines() >= at + 10, 30_000, 'the run to go on');
        const ssh = await waitFor(
          () => processes().find((p) => p.ppid === h.child.pid && p.args.startsWith('ssh ') && p.args.includes('until cd')),
          10_000, 'the follower ssh',
        );
        process.kill(ssh.pid, 'SIGKILL');
        await waitFor(() => h.stderr().split('reconnected').length > c + 1, 20_000, 'the reconnect');
      }
      h.child.kill('SIGKILL');
      await h.exited;
      ctx.check();
      return { cycles: 0, kills: 1, cuts };
    },
  };
}
