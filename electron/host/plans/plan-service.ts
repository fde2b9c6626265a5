/**
 * The open plan: opening one (every problem with file:line:col), the recent
 * list, and picking up edits to the file on disk. Everyone else asks here
 * for the plan, fresh.
 */
import { statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CockpitError, planError } from '../../core/errors';
import type { Plan, PlanResult } from '../../core/plan/types';
import type { PlanView } from '../../contract/contract';
import type { Broadcast } from '../clients';
import { formatPlanErrors, toPlanView } from './plan-view';
import { RecentPlans } from './recent-plans';

interface OpenPlan {
  plan: Plan;
  view: PlanView;
  stamp: string;
}

function stampOf(file: string): string {
  try {
    const st = statSync(file);
    return `${st.size}:${st.mtimeMs}`;
  } catch {
    return 'missing';
  }
}

export interface PlanServiceDeps {
  load(path: string): PlanResult;
  /** Where recent-plans.json lives. */
  dataDir: string;
  broadcast: Broadcast;
}

export class PlanService {
  private readonly recentPlans: RecentPlans;
  private open: OpenPlan | null = null;

  constructor(private readonly deps: PlanServiceDeps) {
    this.recentPlans = new RecentPlans(join(deps.dataDir, 'recent-plans.json'));
  }

  current(): PlanView | null {
    this.refresh(false);
    return this.open?.view ?? null;
  }

  /** The open plan, or null; an edit that broke the file leaves the last good plan open. */
  plan(): Plan | null {
    this.refresh(false);
    return this.open?.plan ?? null;
  }

  /** The open plan, re-read if its file changed on disk; errors when none is open or the edit broke it. */
  require(): Plan {
    this.refresh(true);
    if (!this.open) throw new CockpitError('no-plan', 'No plan is open. Open a plan file first.');
    return this.open.plan;
  }

  openFile(path: string): PlanView {
    const file = resolve(path);
    const result = this.deps.load(file);
    if (!result.ok) throw planError(formatPlanErrors(result.diagnostics), result.diagnostics, result.missing);
    this.set(result.plan);
    this.recentPlans.add(result.plan.file);
    return this.open!.view;
  }

  recent(): string[] {
    return this.recentPlans.list();
  }

  /** A gate's title in the open plan, for notices (its id when unknown). */
  titleOf(gateId: string): string {
    return this.open?.plan.gates.find((g) => g.id === gateId)?.title ?? gateId;
  }

  private set(plan: Plan): void {
    this.open = { plan, view: toPlanView(plan), stamp: stampOf(plan.file) };
    this.deps.broadcast('plan.changed', this.open.view);
  }

  /** Picks up edits to the open plan file. An edit that breaks it is an error only when `strict`. */
  private refresh(strict: boolean): void {
    if (!this.open) return;
    const stamp = stampOf(this.open.plan.file);
    if (stamp === this.open.stamp) return;
    const result = this.deps.load(this.open.plan.file);
    if (result.ok) {
      this.set(result.plan);
      return;
    }
    if (strict) throw planError(formatPlanErrors(result.diagnostics), result.diagnostics);
  }
}
