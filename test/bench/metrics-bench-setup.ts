/** Shared setup of the metrics benches: a fresh store in a temp dir, a plan's soak gate and a run. */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parsePlan } from '../../electron/core/plan/parse-plan';
import type { Gate } from '../../electron/core/plan/types';
import type { MetricsWatchHooks } from '../../electron/core/runs/ports';
import type { RunRecord } from '../../electron/core/runs/types';
import { openRunStore, type SqliteRunStore } from '../../native/db/sqlite-run-store';
import { SqliteMetricsStore } from '../../native/metrics/metrics-store';

export const SOAK_GATE = `version: 1
release: bench
candidate: rc
gates:
  - id: soak
    run: k6 run soak.js
    thresholds:
      http_req_failed: ["rate < 0.005"]
      http_req_duration: ["p(95) < 200", { threshold: "p(99) < 400", abortOnFail: true }]
      process_resident_memory_bytes: ["slope < 5MB/h"]
`;

export interface BenchStore {
  dir: string;
  store: SqliteRunStore;
  metrics: SqliteMetricsStore;
  gate: Gate;
  run: RunRecord;
  dispose(): void;
}

export function benchStore(prefix: string): BenchStore {
  const dir = mkdtempSync(join(tmpdir(), `cockpit-bench-${prefix}-`));
  const parsed = parsePlan(SOAK_GATE, join(dir, 'plan.yaml'));
  if (!parsed.ok) throw new Error('bench plan does not parse');
  const gate = parsed.plan.gates[0];
  const store = openRunStore(join(dir, 'cockpit.db'));
  const run = store.createRun({
    planKey: 'bench@rc', planDigest: parsed.plan.digest, planPath: join(dir, 'plan.yaml'), gateId: gate.id,
    gateDigest: gate.digest, operator: 'bench', target: 'local', durable: false, status: 'running',
    startedAt: Date.now(), ownerPid: process.pid,
  });
  return {
    dir, store, metrics: new SqliteMetricsStore(store.db), gate, run,
    dispose() {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The bundled parse worker (`npm run bench` builds first), as the CLI and the app use it. */
export function benchWorker(): { file: string } | null {
  const file = fileURLToPath(new URL('../../dist/metrics-worker.cjs', import.meta.url));
  return existsSync(file) ? { file } : null;
}

export const quietHooks: MetricsWatchHooks = { onEvent: () => {}, onEvaluation: () => {} };

export function percentile(values: number[], q: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
}
