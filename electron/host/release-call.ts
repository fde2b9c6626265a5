/**
 * The sign-off engine speaks CLI (lower-case messages, ReleaseError with a
 * rule); the API speaks HostError with a sentence. One place converts.
 */
import type { Plan } from '../core/plan/types';
import { HostError } from './errors';
import { ReleaseError } from './release/freeze-run';

/** "gate "x" has not run yet" -> "Gate "x" has not run yet." */
export function sentence(message: string): string {
  const text = message.trim();
  if (!text) return text;
  const first = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?)]$/.test(first) ? first : `${first}.`;
}

/** Runs an engine call; its ReleaseError becomes a `conflict` HostError with the same words. */
export async function releaseCall<T>(fn: () => T | Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof ReleaseError) throw new HostError('conflict', sentence(err.message));
    throw err;
  }
}

export function gateOf(plan: Plan, gateId: string): Plan['gates'][number] {
  const gate = plan.gates.find((g) => g.id === gateId);
  if (!gate) throw new HostError('not-found', `No gate "${gateId}" in ${plan.file}; its gates are: ${plan.gates.map((g) => g.id).join(', ')}`);
  return gate;
}

/** A file name part from a person's name: `Rui QA` -> `rui-qa`. */
export function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'signer';
}
