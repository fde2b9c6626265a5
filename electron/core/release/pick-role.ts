/**
 * Which role a signature claims: `--role` when given, else the signer's only
 * role that the gate (or the plan's waiver rule) accepts.
 */
import type { Plan } from '../plan/types';

export type RolePick = { ok: true; role: string; person: string } | { ok: false; message: string; usage: boolean };

export function pickRole(plan: Pick<Plan, 'signers'>, keyId: string, accepted: readonly string[], requested: string | undefined, what: string): RolePick {
  const signer = plan.signers.find((s) => s.keyId === keyId);
  if (!signer) return { ok: false, usage: false, message: `unknown signer: key ${keyId} is not a signer in the plan` };
  if (requested !== undefined) {
    if (!signer.roles.includes(requested)) {
      return { ok: false, usage: false, message: `signer lacks role: ${signer.name} does not hold "${requested}" in the plan` };
    }
    if (!accepted.includes(requested)) {
      return { ok: false, usage: false, message: `signer lacks role: ${what} accepts ${accepted.join(', ') || 'no role'}, not "${requested}"` };
    }
    return { ok: true, role: requested, person: signer.name };
  }
  const eligible = signer.roles.filter((r) => accepted.includes(r));
  if (eligible.length === 1) return { ok: true, role: eligible[0], person: signer.name };
  if (eligible.length === 0) {
    return { ok: false, usage: false, message: `signer lacks role: ${signer.name} holds ${signer.roles.join(', ')}; ${what} accepts ${accepted.join(', ') || 'no role'}` };
  }
  return { ok: false, usage: true, message: `${signer.name} holds several roles ${what} accepts (${eligible.join(', ')}); pass --role` };
}
