import { adapters } from '../host/composition-root';
import { formatDiagnostics } from '../core/plan/diagnostics';
import type { Plan } from '../core/plan/types';
import { planError } from '../core/errors';

/** Loads and validates a plan; an invalid plan is bad input with every diagnostic listed. */
export function requirePlan(path: string): Plan {
  const result = adapters.plans.load(path);
  if (!result.ok) {
    const n = result.diagnostics.length;
    throw planError(`${formatDiagnostics(result.diagnostics)}\n${n} problem${n === 1 ? '' : 's'} in ${path}`, result.diagnostics, result.missing);
  }
  return result.plan;
}
