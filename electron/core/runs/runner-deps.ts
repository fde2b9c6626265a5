import type {
  AttemptExecutor,
  AttemptHandle,
  EvidenceCollector,
  ProbeRunner,
  RunStore,
  TextReader,
} from './ports';
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
}

export type RunnerEvent =
  | { type: 'run'; run: RunRecord }
  | { type: 'attempt'; runId: number; gateId: string; attempt: AttemptRecord }
  | { type: 'output'; runId: number; gateId: string; n: number; chunk: Buffer };

/** The attempt currently running for a run, so cancel can reach it. */
export interface ActiveRun {
  run: RunRecord;
  handle: AttemptHandle | null;
  abort: AbortController;
}
