/** Runs by id, their attempts, and each gate's run ids (newest first). */
import { create } from 'zustand';
import { api } from '../api';
import type { AttemptRecord, RunRecord } from '../types';

interface RunsStore {
  byId: Record<number, RunRecord>;
  attempts: Record<number, AttemptRecord[]>;
  byGate: Record<string, number[]>;
  upsertRun(run: RunRecord): void;
  upsertAttempt(runId: number, attempt: AttemptRecord): void;
  fetchRun(runId: number): Promise<RunRecord>;
  fetchGateRuns(gateId: string): Promise<RunRecord[]>;
}

function withRunId(ids: number[] | undefined, run: RunRecord, byId: Record<number, RunRecord>): number[] {
  const next = new Set(ids ?? []);
  next.add(run.id);
  return [...next].sort((a, b) => (byId[b]?.runNo ?? b) - (byId[a]?.runNo ?? a));
}

export const useRuns = create<RunsStore>((set, get) => ({
  byId: {},
  attempts: {},
  byGate: {},
  upsertRun: (run) =>
    set((s) => {
      const byId = { ...s.byId, [run.id]: run };
      return { byId, byGate: { ...s.byGate, [run.gateId]: withRunId(s.byGate[run.gateId], run, byId) } };
    }),
  upsertAttempt: (runId, attempt) =>
    set((s) => {
      const list = (s.attempts[runId] ?? []).filter((a) => a.n !== attempt.n);
      list.push(attempt);
      list.sort((a, b) => a.n - b.n);
      return { attempts: { ...s.attempts, [runId]: list } };
    }),
  fetchRun: async (runId) => {
    const detail = await api().request('run.get', { runId });
    get().upsertRun(detail.run);
    set((s) => ({ attempts: { ...s.attempts, [runId]: detail.attempts } }));
    return detail.run;
  },
  fetchGateRuns: async (gateId) => {
    const runs = await api().request('runs.list', { gateId, limit: 200 });
    set((s) => {
      const byId = { ...s.byId };
      for (const r of runs) byId[r.id] = r;
      const ids = runs.map((r) => r.id).sort((a, b) => byId[b].runNo - byId[a].runNo);
      return { byId, byGate: { ...s.byGate, [gateId]: ids } };
    });
    return runs;
  },
}));

/**
 * The status view names a gate's run by its run number (as `log --run N` does);
 * requests need the run's id. Resolve through the gate's run list.
 */
export function runIdFor(gateId: string, runNo: number | null): number | null {
  if (runNo == null) return null;
  const { byGate, byId } = useRuns.getState();
  const id = (byGate[gateId] ?? []).find((rid) => byId[rid]?.runNo === runNo);
  return id ?? null;
}
