import type {
  AttemptExecutor,
  AttemptHandle,
  EvidenceCollector,
  MetricsStats,
  MetricsWatcher,
  ProbeRunner,
  RunStore,
  TextReader,
} from './ports';
import type { ThresholdVerdict } from '../metrics/threshold-eval';
import type { AttemptRecord, RunRecord } from './types';

/** The outside world as the runner sees it; native/ supplies the real ones. */
export interface RunnerDeps {
  store: RunStore;
  executor: AttemptExecutor;
  evidence: EvidenceCollector;
  probes: ProbeRunner;
  reader: TextReader;
  now: () => number;
  /** This process's pid, recorded as the owner of runs it starts. */
  ownerPid: number;
  /** Where `${secret:NAME}` values and the child's base environment come from. */
  processEnv: Record<string, string | undefined>;
  /** Joins path segments the way the host OS does. */
  joinPath: (...parts: string[]) => string;
  /** Follows script gates' metrics and thresholds; without it, metrics are not read. */
  metrics?: MetricsWatcher;
}

export type RunnerEvent =
  | { type: 'run'; run: RunRecord }
  | { type: 'attempt'; runId: number; gateId: string; attempt: AttemptRecord }
  | { type: 'output'; runId: number; gateId: string; n: number; chunk: Buffer }
  /** A threshold broke live; `abort` when the run is being stopped for it. */
  | { type: 'threshold'; runId: number; gateId: string; verdict: ThresholdVerdict; abort: boolean }
  /** A followed run lost its connection and is reconnecting, or got it back; the status stays `running`. */
  | { type: 'connection'; runId: number; gateId: string; n: number; state: 'reconnecting' | 'connected'; message: string }
  /** Live metrics progress, about once a second while points arrive. */
  | { type: 'metrics'; runId: number; gateId: string; verdicts: ThresholdVerdict[]; stats: MetricsStats };

/** The attempt currently running for a run, so cancel can reach it. */
export interface ActiveRun {
  run: RunRecord;
  handle: AttemptHandle | null;
  abort: AbortController;
  /** Set when this process stopped following a durable run (see PlanRunner.detachDurable). */
  detached?: boolean;
  detachMetrics?: () => void;
}
