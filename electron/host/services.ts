/**
 * The composition root: the one place that wires the pure core to the native
 * adapters. The CLI, `serve` and the Electron shell all start from here, so
 * they share one store format and one runner.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { parsePlan } from '../core/plan/parse-plan';
import { PlanRunner } from '../core/runs/plan-runner';
import { recoverInterrupted } from '../core/runs/recover';
import type { RunRecord } from '../core/runs/types';
import { defaultDbPath, storeLayout, type StoreLayout } from '../../native/fs/data-dir';
import { BlobStore } from '../../native/fs/blob-store';
import { mkdirPrivate, tighten, tightenTree } from '../../native/fs/private-files';
import { SqliteReleaseStore } from '../../native/db/sqlite-release-store';
import { FsEvidenceCollector } from '../../native/fs/evidence-collector';
import { openRunStore, type SqliteRunStore } from '../../native/db/sqlite-run-store';
import { SqliteMetricsStore } from '../../native/metrics/metrics-store';
import { SqliteMetricsWatcher } from '../../native/metrics/metrics-watcher';
import { HttpProbeRunner } from '../../native/net/http-probe';
import { LocalPtyExecutor } from '../../native/pty/local-executor';
import { DurableExecutor } from '../../native/durable/durable-executor';
import { DurableStore } from '../../native/durable/durable-store';
import { TargetExecutor } from '../../native/exec/target-executor';
import { TargetEvidenceCollector } from '../../native/ssh/target-evidence-collector';
import { loadPlanFile } from '../../native/plan/load-plan-file';
import { reattachDurableRuns, type ReattachFilter, type ReattachResult } from './durable-reattach';

export interface Services {
  dbPath: string;
  store: SqliteRunStore;
  /** Metric points, verdicts and chart queries; `exportRunMetrics(runId, dir)` for bundles. */
  metrics: SqliteMetricsStore;
  runner: PlanRunner;
  /** Frozen run files, signed results, sign-offs and waivers (same database). */
  records: SqliteReleaseStore;
  blobs: BlobStore;
  layout: StoreLayout;
  /** Runs this start found orphaned by an earlier crash, now marked interrupted. */
  interrupted: RunRecord[];
  /** Follows durable runs left running by cockpits that are gone (call on start: serve, app, `attach`). */
  reattach(filter?: ReattachFilter): ReattachResult;
  readLogFile(path: string): Buffer;
  close(): void;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

export function openServices(opts: { dbPath?: string } = {}): Services {
  const dbPath = opts.dbPath ?? defaultDbPath();
  const store = openRunStore(dbPath);
  const layout = storeLayout(dbPath);
  // Private: the files directory is always the store's own; the data directory when it is the default one
  // (an earlier version may have made them 0755). A `--db` elsewhere leaves its directory as it is.
  mkdirPrivate(layout.filesDir);
  if (tighten(layout.filesDir)) tightenTree(layout.filesDir); // once, for a store made before files were private
  if (!opts.dbPath) tighten(dirname(dbPath));
  const metrics = new SqliteMetricsStore(store.db);
  const durableStore = new DurableStore(store.db);
  const durable = new DurableExecutor(durableStore);
  const runner = new PlanRunner({
    store,
    executor: new TargetExecutor(new LocalPtyExecutor(), durable),
    evidence: new TargetEvidenceCollector(new FsEvidenceCollector(layout.blobsDir)),
    probes: new HttpProbeRunner(),
    reader: { readText: (p) => readFile(p, 'utf8') },
    now: () => Date.now(),
    ownerPid: process.pid,
    processEnv: process.env,
    joinPath: join,
    metrics: new SqliteMetricsWatcher(metrics),
  });
  const interrupted = recoverInterrupted({ store, isAlive, sizeOf, now: () => Date.now(), selfPid: process.pid });
  return {
    dbPath,
    store,
    metrics,
    runner,
    records: new SqliteReleaseStore(store.db),
    blobs: new BlobStore(layout.blobsDir),
    layout,
    interrupted,
    reattach: (filter) =>
      reattachDurableRuns(
        {
          store, runner, isAlive, selfPid: process.pid, loadPlan: loadPlanFile, parsePlan, env: process.env,
          claim: (runId, expected, pid) => durableStore.claim(runId, expected, pid),
        },
        filter,
      ),
    readLogFile: (p) => (existsSync(p) ? readFileSync(p) : Buffer.alloc(0)),
    // Durable runs keep going on their targets; the next cockpit reattaches.
    close: () => {
      runner.detachDurable();
      durable.detachAll();
      store.close();
    },
  };
}
