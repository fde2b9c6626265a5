/** A real store (SQLite file in a temp dir), a real plan's gate and a run to attach metrics to. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parsePlan } from '../../../electron/core/plan/parse-plan';
import type { Gate, Plan } from '../../../electron/core/plan/types';
import type { MetricsStats, MetricsWatchHooks } from '../../../electron/core/runs/ports';
import type { ThresholdEvaluation } from '../../../electron/core/metrics/threshold-eval';
import type { RunRecord } from '../../../electron/core/runs/types';
import { openRunStore, type SqliteRunStore } from '../../../native/db/sqlite-run-store';
import { SqliteMetricsStore } from '../../../native/metrics/metrics-store';

export interface MetricsFixture {
  dir: string;
  store: SqliteRunStore;
  metrics: SqliteMetricsStore;
  run: RunRecord;
  plan: Plan;
  gate: Gate;
  close(): void;
}

/** `gateYaml` is the gate's body under `- id: g` (indented by 4 spaces). */
export function metricsFixture(gateYaml = '    run: "true"\n'): MetricsFixture {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cockpit-metrics-'));
  const planFile = path.join(dir, 'plan.yaml');
  const text = `version: 1\nrelease: m\ncandidate: rc\ngates:\n  - id: g\n${gateYaml}`;
  const parsed = parsePlan(text, planFile);
  if (!parsed.ok) throw new Error(parsed.diagnostics.map((d) => `${d.line}:${d.col} ${d.message}`).join('\n'));
  const store = openRunStore(path.join(dir, 'c.db'));
  const metrics = new SqliteMetricsStore(store.db);
  const gate = parsed.plan.gates[0];
  const run = store.createRun({
    planKey: 'm@rc', planDigest: parsed.plan.digest, planPath: planFile, gateId: 'g', gateDigest: gate.digest,
    operator: 'test', target: 'local', durable: false, status: 'running', startedAt: Date.now(), ownerPid: process.pid,
  });
  return {
    dir, store, metrics, run, gate, plan: parsed.plan,
    close() {
      store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Hooks that record everything the pipeline reports. */
export function recordingHooks() {
  const events: { type: string; data: Record<string, unknown> }[] = [];
  const evaluations: { e: ThresholdEvaluation; stats: MetricsStats }[] = [];
  const hooks: MetricsWatchHooks = {
    onEvent: (type, data) => events.push({ type, data }),
    onEvaluation: (e, stats) => evaluations.push({ e, stats }),
  };
  return { hooks, events, evaluations };
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export async function until(check: () => boolean, timeoutMs = 10_000, what = 'condition'): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}
