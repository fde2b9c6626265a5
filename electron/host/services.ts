/**
 * The composition root: the one place that wires the pure core to the native
 * adapters. The CLI, `serve` and the Electron shell all start from here, so
 * they share one store format and one runner.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PlanRunner } from '../core/runs/plan-runner';
import { recoverInterrupted } from '../core/runs/recover';
import type { RunRecord } from '../core/runs/types';
import { defaultDbPath, storeLayout } from '../../native/fs/data-dir';
import { FsEvidenceCollector } from '../../native/fs/evidence-collector';
import { openRunStore, type SqliteRunStore } from '../../native/db/sqlite-run-store';
import { HttpProbeRunner } from '../../native/net/http-probe';
import { LocalPtyExecutor } from '../../native/pty/local-executor';

export interface Services {
  dbPath: string;
  store: SqliteRunStore;
  runner: PlanRunner;
  /** Runs this start found orphaned by an earlier crash, now marked interrupted. */
  interrupted: RunRecord[];
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
  const runner = new PlanRunner({
    store,
    executor: new LocalPtyExecutor(),
    evidence: new FsEvidenceCollector(layout.blobsDir),
    probes: new HttpProbeRunner(),
    reader: { readText: (p) => readFile(p, 'utf8') },
    now: () => Date.now(),
    ownerPid: process.pid,
    processEnv: process.env,
    joinPath: join,
  });
  const interrupted = recoverInterrupted({ store, isAlive, sizeOf, now: () => Date.now(), selfPid: process.pid });
  return {
    dbPath,
    store,
    runner,
    interrupted,
    readLogFile: (p) => (existsSync(p) ? readFileSync(p) : Buffer.alloc(0)),
    close: () => store.close(),
  };
}
