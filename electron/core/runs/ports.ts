/**
 * What the run logic needs from the outside world. The core depends only on
 * these interfaces; native/ implements them (node-pty, better-sqlite3, fs).
 */
import type { ThresholdEvaluation, ThresholdVerdict } from '../metrics/threshold-eval';
import type { MetricsStats, StoredVerdict } from '../metrics/metric-types';
import type { Gate, HostDef } from '../plan/types';
import type { AttemptRecord, EvidenceItem, GateStatus, RunEvent, RunRecord } from './types';

export interface Disposable {
  dispose(): void;
}

/** Everything needed to start one attempt of a gate. */
export interface AttemptSpec {
  /** Shell command line. */
  command: string;
  cwd: string;
  /** Full environment for the child (already merged with the parent's and secrets resolved). */
  env: Record<string, string>;
  /** Values to replace with `***` in the stored log and in the live stream. */
  secrets: string[];
  timeoutMs?: number;
  graceMs: number;
  /** The executor appends every byte (after masking) to this file, flushed at least every second. */
  logPath: string;
  cols?: number;
  rows?: number;
  /** Where and how the attempt runs; absent means a plain local pty. */
  target?: AttemptTarget;
}

/** The run an attempt belongs to, for executors that run elsewhere or survive restarts. */
export interface AttemptTarget {
  /** Host from the plan's `hosts:`; absent means this machine. */
  host?: HostDef;
  /** Start detached under a wrapper and follow it by byte offset (survives cockpit restarts). */
  durable: boolean;
  runId: number;
  attempt: number;
  /** `planKey/gate/run-N`: names the run's directory on a remote host. */
  label: string;
  /** Local run directory; remote metrics are copied (by offset) into `metricsPath`. */
  runDir: string;
  metricsPath: string;
  /** Only what the plan sets (gate env, COCKPIT_*): all a remote host receives. */
  env: Record<string, string>;
}

/** Connection state of an attempt followed over a link that can drop (ssh); never a gate status. */
export interface AttemptNotice {
  state: 'reconnecting' | 'connected';
  message: string;
}

export interface AttemptOutcome {
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  cancelled: boolean;
  /** Bytes written to the log file. */
  logBytes: number;
  durationMs: number;
  startedAt: number;
  endedAt: number;
  /** Why it failed, when the executor knows better than an exit code (e.g. an ssh host key problem). */
  reason?: string;
}

export interface AttemptHandle {
  readonly pid: number;
  /** Masked output, in order, exactly as written to the log. */
  onData(listener: (chunk: Buffer) => void): Disposable;
  /** TERM the whole process tree, then KILL after the grace period. */
  cancel(): void;
  /** Durable attempts: stop following without ending the run (`done` then never settles). */
  detach?(): void;
  /** Connection notices (reconnecting/connected), for executors that follow a remote run. */
  onNotice?(listener: (notice: AttemptNotice) => void): Disposable;
  /** Resolves after the child exited AND its output was drained into the log. */
  readonly done: Promise<AttemptOutcome>;
}

export interface AttemptExecutor {
  start(spec: AttemptSpec): AttemptHandle;
}

export interface NewRun {
  planKey: string;
  planDigest: string;
  planPath: string;
  gateId: string;
  gateDigest: string;
  operator: string | null;
  operatorKeyId?: string | null;
  target: string;
  durable: boolean;
  status: GateStatus;
  reason?: string | null;
  startedAt: number;
  ownerPid: number | null;
}

export interface RunFilter {
  planKey?: string;
  gateId?: string;
  status?: GateStatus;
  limit?: number;
}

/** Persistent store of plans, runs, attempts, evidence and events. */
export interface RunStore {
  /** Remembers a plan's text by digest (idempotent). */
  savePlan(plan: { digest: string; planKey: string; path: string; source: string }): void;
  planSource(digest: string): string | null;
  /** Creates a run, assigning the next runNo for (planKey, gateId), and its runDir/metricsPath. */
  createRun(run: NewRun): RunRecord;
  updateRun(
    runId: number,
    patch: Partial<Pick<RunRecord, 'status' | 'reason' | 'endedAt' | 'ownerPid'>>,
  ): void;
  getRun(runId: number): RunRecord | null;
  /** runNo omitted: the latest run of that gate. */
  findRun(planKey: string, gateId: string, runNo?: number): RunRecord | null;
  /** The latest run of each gate of a plan, keyed by gate id. */
  latestRuns(planKey: string): Map<string, RunRecord>;
  listRuns(filter: RunFilter): RunRecord[];
  /** Runs in status `running` whose owner process is gone (the caller decides what "gone" means). */
  runningRuns(): RunRecord[];

  addAttempt(runId: number, attempt: AttemptRecord): void;
  updateAttempt(runId: number, n: number, patch: Partial<AttemptRecord>): void;
  attempts(runId: number): AttemptRecord[];

  addEvidence(runId: number, items: EvidenceItem[]): void;
  evidence(runId: number): EvidenceItem[];

  appendEvent(event: RunEvent): RunEvent;
  events(filter: { runId?: number; afterId?: number; limit?: number }): RunEvent[];

  close(): void;
}

/** Collects a gate's declared evidence after its attempts. Never throws: problems are returned. */
export interface EvidenceCollector {
  /** `host` given: `cwd` is a directory on that host and the files are fetched over ssh. */
  collect(cwd: string, globs: string[], host?: HostDef): Promise<{ items: EvidenceItem[]; errors: string[] }>;
  /** Copies files matching `glob` under `cwd` into `destDir` (for per-attempt JUnit reports). */
  snapshot(cwd: string, glob: string, destDir: string, host?: HostDef): Promise<{ files: string[]; errors: string[] }>;
}

/** Reads files the core needs to interpret (JUnit reports). */
export interface TextReader {
  readText(path: string): Promise<string>;
}

/** Runs a gate's built-in HTTP probes, writing a human-readable transcript to `logPath`. */
export interface ProbeRunner {
  run(
    probes: import('../plan/types').Probe[],
    logPath: string,
    onLine: (line: string) => void,
    signal: AbortSignal,
  ): Promise<{ ok: boolean; failures: string[]; logBytes: number }>;
}

export type { MetricsStats, StoredVerdict } from '../metrics/metric-types';

export interface MetricsWatchHooks {
  /** A live evaluation (about once a second, when points arrived). */
  onEvaluation(e: ThresholdEvaluation, stats: MetricsStats): void;
  /** Something for the run's event log: bad lines, scrape failures, a truncated file. */
  onEvent(type: string, data: Record<string, unknown>): void;
}

export interface MetricsWatch {
  /** Reads the metrics file to its end, stops scraping, stores and returns the final verdicts. */
  finish(): Promise<{ verdicts: ThresholdVerdict[]; stats: MetricsStats }>;
  /** The process is going away while a durable run goes on: stop reading, store nothing final. */
  detach?(): void;
}

/**
 * Follows a run's metrics while its gate runs: tails `run.metricsPath`,
 * scrapes `gate.metrics.scrape`, stores points and evaluates the gate's
 * thresholds live. Never throws into the run: problems become events.
 */
export interface MetricsWatcher {
  start(run: RunRecord, gate: Gate, hooks: MetricsWatchHooks): MetricsWatch;
  /**
   * A durable run is being reattached: its metrics file will be read again from
   * byte 0 (which also rebuilds the live threshold state), so drop the points and
   * counters stored for it so far; each point is then stored exactly once.
   */
  forget?(runId: number): void;
}

/** What status needs from the metrics store. */
export interface MetricsReader {
  verdicts(runId: number): StoredVerdict[];
  stats(runId: number): MetricsStats | null;
}

/** Where a store keeps its files: the SQLite file and, beside it, `<db>.files/` with runs and blobs. */
export interface StoreLayout {
  /** Absolute path of the SQLite file. */
  db: string;
  /** `<db>.files`: everything stored next to the database. */
  filesDir: string;
  /** Per-run directories: logs, metrics, wrapper state. */
  runsDir: string;
  /** Content-addressed evidence blobs. */
  blobsDir: string;
}
