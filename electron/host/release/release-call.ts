/**
 * The sign-off engine words its refusals for the CLI (lower case, after the
 * command's name); the API says them as sentences. One place converts; the
 * code and the details stay as they are.
 */
import type { Plan } from '../../core/plan/types';
import { CockpitError } from '../../core/errors';

/** "gate "x" has not run yet" -> "Gate "x" has not run yet." */
export function sentence(message: string): string {
  const text = message.trim();
  if (!text) return text;
  const first = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?)]$/.test(first) ? first : `${first}.`;
}

/** Runs an engine call; a rule's refusal keeps its code and details, and its message becomes a sentence. */
export async function releaseCall<T>(fn: () => T | Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof CockpitError && err.details?.kind === 'rule') throw new CockpitError(err.code, sentence(err.message), err.details);
    throw err;
  }
}

export function gateOf(plan: Plan, gateId: string): Plan['gates'][number] {
  const gate = plan.gates.find((g) => g.id === gateId);
  if (!gate) throw new CockpitError('not-found', `No gate "${gateId}" in ${plan.file}; its gates are: ${plan.gates.map((g) => g.id).join(', ')}`);
  return gate;
}

/** A file name part from a person's name: `Rui QA` -> `rui-qa`. */
export function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'signer';
}
