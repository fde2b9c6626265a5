/**
 * What the host needs from the machine, as ports: the store and its files,
 * bundles and zips, key files, git, plan files and the data directory. The
 * composition root (composition-root.ts) is the one place that fills them
 * with the native adapters; everything else in the host and the CLI sees
 * only these types.
 */
import type { MetricsQueries } from '../core/metrics/queries';
import type { PlanResult } from '../core/plan/types';
import type { FileSource, ReleaseRecords } from '../core/release/ports';
import type { PlanRunner } from '../core/runs/plan-runner';
import type { RunStore, StoreLayout } from '../core/runs/ports';
import type { RunRecord } from '../core/runs/types';
import type { AuditEvent } from '../core/signoff/audit-chain';
import type { KeyFileInfo, ListedKey, SecretWrapper } from '../core/signoff/key-file';
import type { Identity } from '../core/signoff/keys';
import type { ReattachFilter, ReattachResult } from './runs/durable-reattach';

export type { FileSource } from '../core/release/ports';
export type { StoreLayout } from '../core/runs/ports';

/** The run store, with its audit chain and its write transaction. */
export interface RunStoreWithAudit extends RunStore {
  audit: { events(chain: string): AuditEvent[] };
  /** Runs `fn` in one IMMEDIATE transaction, so a record and its audit event commit together. */
  immediate<T>(fn: () => T): T;
}

/** Content-addressed evidence blobs. */
export interface Blobs {
  /** Where the blob with this digest lives (whether or not it exists). */
  path(sha256: string): string;
  has(sha256: string): boolean;
  /** Stores a copy of the file; identical content is stored once. */
  put(file: string): Promise<{ sha256: string; size: number }>;
}

/** Metric series, chart windows and verdicts, and a run's export for bundles. */
export interface MetricsStorePort extends MetricsQueries {
  exportRunMetrics(runId: number, dir: string): Promise<{ csv: string; thresholds: string; points: number }>;
}

export interface ReadTree {
  files: Map<string, Buffer>;
  problems: { file: string; message: string }[];
  kind: 'dir' | 'zip';
}

/** The machine, without the store: what commands that open no database need too. */
export interface Adapters {
  plans: { load(path: string): PlanResult };
  bundles: {
    read(path: string): Promise<ReadTree>;
    write(out: string, files: Map<string, FileSource>, mtime: Date, asZip?: boolean): void;
    outputProblem(out: string): string | null;
    bytesOf(src: FileSource): Buffer;
  };
  zip: {
    read(buf: Buffer): { files: Map<string, Buffer>; problems: { file: string; message: string }[] };
    write(files: Map<string, Uint8Array>, mtime: Date): Buffer;
  };
  keys: {
    dir(dataDir: string): string;
    defaultPath(dataDir: string, keyId: string): string;
    info(file: string): KeyFileInfo;
    load(file: string, passphrase: string): Identity;
    loadWithOs(file: string, os: SecretWrapper): Promise<Identity>;
    write(identity: Identity, passphrase: string, file: string): void;
    writeWithOs(identity: Identity, os: SecretWrapper, file: string): Promise<void>;
    list(dataDir: string): ListedKey[];
  };
  git: {
    tagProblem(repo: string, tag: string): string | null;
    createTag(repo: string, tag: string, message: string, fallbackIdentity: { name: string; email: string }): string;
  };
  paths: {
    productName: string;
    /** The app data directory (`COCKPIT_DATA_DIR` overrides it). */
    defaultDataDir(): string;
    /** `<data dir>/cockpit.db`, the `--db` default. */
    defaultDbPath(): string;
    /** A path segment of portable characters, distinct for distinct names. */
    safeSegment(name: string): string;
  };
}

/** An open store and the runner on it: what `openServices` gives the CLI, `serve` and the app. */
export interface Services {
  dbPath: string;
  store: RunStoreWithAudit;
  metrics: MetricsStorePort;
  runner: PlanRunner;
  /** Frozen run files, signed results, sign-offs and waivers (same database). */
  records: ReleaseRecords;
  blobs: Blobs;
  layout: StoreLayout;
  /** The machine: bundles, zips, keys, git, plan files, paths. */
  io: Adapters;
  /** Runs this start found orphaned by an earlier crash, now marked interrupted. */
  interrupted: RunRecord[];
  /** Follows durable runs left running by cockpits that are gone (call on start: serve, app, `attach`). */
  reattach(filter?: ReattachFilter): ReattachResult;
  readLogFile(path: string): Buffer;
  close(): void;
}
