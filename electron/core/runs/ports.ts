/**
 * What the run logic needs from the outside world. The core depends only on
 * these interfaces; native/ implements them (node-pty, better-sqlite3, fs).
 */
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
}

export interface AttemptHandle {
  readonly pid: number;
  /** Masked output, in order, exactly as written to the log. */
  onData(listener: (chunk: Buffer) => void): Disposable;
  /** TERM the whole process tree, then KILL after the grace period. */
  cancel(): void;
  /** Flow control for live viewers; the log itself never pauses. */
  pause(): void;
  resume(): void;
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
  collect(cwd: string, globs: string[]): Promise<{ items: EvidenceItem[]; errors: string[] }>;
  /** Copies files matching `glob` under `cwd` into `destDir` (for per-attempt JUnit reports). */
  snapshot(cwd: string, glob: string, destDir: string): Promise<{ files: string[]; errors: string[] }>;
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
