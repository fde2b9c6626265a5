/** The open plan and the status of its gates, refreshed (throttled) on run events. */
import { create } from 'zustand';
import { api } from '../api';
import { errorMessage, planDiagnostics, type Diagnostic } from '../lib/errors';
import { throttle } from '../lib/throttle';
import type { GateSummary, GateView, PlanStatus, PlanView } from '../types';
import { reportUnlessOffline } from './toasts';

export type PlanPhase = 'loading' | 'ready' | 'no-plan' | 'invalid';

export interface PlanError {
  path: string | null;
  message: string;
  diagnostics: Diagnostic[];
}

interface PlanStore {
  phase: PlanPhase;
  plan: PlanView | null;
  status: PlanStatus | null;
  recent: string[];
  error: PlanError | null;
  load(): Promise<void>;
  open(path: string): Promise<boolean>;
  setPlan(plan: PlanView): void;
  refreshStatus(): Promise<void>;
  /** Leaves the invalid-plan screen for the open-a-plan one. */
  dismissError(): void;
}

export const usePlan = create<PlanStore>((set, get) => ({
  phase: 'loading',
  plan: null,
  status: null,
  recent: [],
  error: null,
  load: async () => {
    const [plan, recent] = await Promise.all([
      api().request('plan.current', {}),
      // The recent list is a convenience: without it the page still opens, with an empty list.
      api().request('plan.recent', {}).catch(() => [] as string[]),
    ]);
    set({ recent, plan, phase: plan ? 'ready' : get().error ? 'invalid' : 'no-plan' });
    if (plan) await get().refreshStatus();
  },
  open: async (path) => {
    try {
      const plan = await api().request('plan.open', { path });
      set({ plan, phase: 'ready', error: null });
      await get().refreshStatus();
      return true;
    } catch (err) {
      const message = errorMessage(err);
      set({ phase: 'invalid', error: { path, message, diagnostics: planDiagnostics(err) } });
      return false;
    }
  },
  setPlan: (plan) => {
    set({ plan, phase: 'ready', error: null });
    void get().refreshStatus();
  },
  dismissError: () => set((s) => ({ error: null, phase: s.plan ? 'ready' : 'no-plan' })),
  refreshStatus: async () => {
    const status = await api().request('status.get', {});
    set({ status });
  },
}));

/** Collapses bursts of run events into at most ~4 status requests a second. */
export const refreshStatusSoon = throttle(() => {
  void usePlan.getState().refreshStatus().catch(reportUnlessOffline('Could not refresh the status'));
}, 250);

/** A gate's live status joined with its definition. */
export interface BoardGate {
  view: GateView;
  def: GateSummary | undefined;
}

export function boardGates(plan: PlanView | null, status: PlanStatus | null): BoardGate[] {
  if (!status) return [];
  const defs = new Map((plan?.gates ?? []).map((g) => [g.id, g]));
  return status.gates.map((view) => ({ view, def: defs.get(view.id) }));
}

export function gateDef(gateId: string): GateSummary | undefined {
  return usePlan.getState().plan?.gates.find((g) => g.id === gateId);
}
