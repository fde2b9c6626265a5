/**
 * `sign`: the officer's side. The request has been checked (checkRequest);
 * this picks the role, refuses what the rules would refuse anyway (the
 * operator signing their own gate), and signs the sign-off statement.
 */
import { pickRole } from './pick-role';
import type { CheckedRequest } from './request';
import { signoffEnvelope } from './statements';
import { ranTheGate } from './may-sign';
import type { Envelope } from '../signoff/dsse';
import type { Identity } from '../signoff/keys';
import { ruleError } from '../errors';

export interface SignDecision {
  decision: 'approve' | 'reject';
  comment?: string;
  role?: string;
}

export function signRequest(checked: CheckedRequest, by: Identity, d: SignDecision, now: Date): { envelope: Envelope; role: string; person: string } {
  const { plan, binding } = checked;
  if (!checked.ok || !plan || !binding) throw ruleError('release', 'the request did not verify; refusing to sign it');
  const gate = plan.gates.find((g) => g.id === binding.gate)!;
  const pick = pickRole(plan, by.keyId, gate.signoff?.roles ?? [], d.role, `gate "${gate.id}"`);
  if (!pick.ok) throw ruleError(pick.usage ? 'usage' : 'role', pick.message);
  // What the operator signed, not the request's readable record, says who ran the gate and how it ended.
  const signed = checked.signed;
  if (!signed) {
    throw ruleError('unsigned result', `the request holds no result signed by the operator of gate "${binding.gate}" run #${binding.runNo} (it was run without --key); an approval of it could never count`);
  }
  if (signed.status !== 'passed') throw ruleError('gate not passed', `gate "${binding.gate}" run #${binding.runNo} is ${signed.status} as its operator signed it; only a passed run is signed off`);
  if (ranTheGate(plan, signed.operatorKeyId, by.keyId)) {
    throw ruleError('separation of duties', `separation of duties: ${pick.person} ran gate "${gate.id}" and cannot sign it off`);
  }
  const envelope = signoffEnvelope(binding, { decision: d.decision, role: pick.role, comment: d.comment, time: now }, by);
  return { envelope, role: pick.role, person: pick.person };
}
