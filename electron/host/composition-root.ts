/**
 * The composition root: the one file of the host, the CLI and the shell that
 * imports native/ (build/lint-layers.mjs enforces it). It fills the ports of
 * ports.ts with the native adapters: `adapters` for what needs no store, and
 * `openServices` for an open store with its runner. The CLI, `serve` and the
 * Electron shell all start from here, so they share one store format and one
 * runner.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { parsePlan } from '../core/plan/parse-plan';
import { PlanRunner } from '../core/runs/plan-runner';
import { recoverInterrupted } from '../core/runs/recover';
import { defaultDbPath, storeLayout } from '../core/data-dir';
import { BlobStore } from '../../native/fs/blob-store';
import { mkdirPrivate, tighten, tightenTree } from '../../native/fs/private-files';
import { SqliteReleaseStore } from '../../native/db/sqlite-release-store';
import { FsEvidenceCollector } from '../../native/fs/evidence-collector';
import { openRunStore } from '../../native/db/sqlite-run-store';
import { SqliteMetricsStore } from '../../native/metrics/metrics-store';
import { SqliteMetricsWatcher } from '../../native/metrics/metrics-watcher';
import { HttpProbeRunner } from '../../native/net/http-probe';
import { LocalPtyExecutor } from '../../native/pty/local-executor';
import { DurableExecutor } from '../../native/durable/durable-executor';
import { DurableStore } from '../../native/durable/durable-store';
import { TargetExecutor } from '../../native/exec/target-executor';
import { isAlive } from '../../native/exec/pid-alive';
import { TargetEvidenceCollector } from '../../native/ssh/target-evidence-collector';
import { loadPlanFile } from '../../native/plan/load-plan-file';
import { readZip } from '../../native/archive/zip-read';
import { writeZip } from '../../native/archive/zip-write';
import { bytesOf, outputProblem, readBundle, writeBundle } from '../../native/fs/bundle-tree';
import { defaultDataDir, PRODUCT_NAME } from '../core/data-dir';
import { safeSegment } from '../../native/fs/run-dir';
import { createTag, tagProblem } from '../../native/git/git-tag';
import {
  defaultKeyPath, keyFileInfo, keysDir, listKeys, loadIdentity, loadIdentityWithOs, writeKeyFile, writeKeyFileWithOs,
} from '../../native/keystore/key-store';
import { reattachDurableRuns } from './runs/durable-reattach';
import type { Adapters, Services } from './ports';

export type { Services } from './ports';

/** The machine's adapters behind the host's ports (no store needed). */
export const adapters: Adapters = {
  plans: { load: loadPlanFile },
  bundles: { read: readBundle, write: writeBundle, outputProblem, bytesOf },
  zip: { read: (buf) => readZip(buf), write: writeZip },
  keys: {
    dir: keysDir, defaultPath: defaultKeyPath, info: keyFileInfo, load: loadIdentity, loadWithOs: loadIdentityWithOs,
    write: writeKeyFile, writeWithOs: writeKeyFileWithOs, list: listKeys,
  },
  git: { tagProblem, createTag },
  paths: { productName: PRODUCT_NAME, defaultDataDir: () => defaultDataDir(), defaultDbPath: () => defaultDbPath(), safeSegment },
};

function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

/** `sqliteBinding`: better-sqlite3's addon built for Electron, for the app run from a checkout (open-database.ts). */
export function openServices(opts: { dbPath?: string; sqliteBinding?: string } = {}): Services {
  const dbPath = opts.dbPath ?? defaultDbPath();
  const store = openRunStore(dbPath, { nativeBinding: opts.sqliteBinding });
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
    io: adapters,
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
