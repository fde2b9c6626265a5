/**
 * Whether a key may sign off (or waive) a gate's run now: the questions the
 * app asks before it offers the buttons, and `sign` and `waive` before they
 * sign. Answers are data (a rule and its facts); the words are the caller's.
 * Separation of duties is `ranTheGate`, the same test the verifier applies
 * (signed-statement.ts): the operator's key, or any key of the same person.
 */
import type { Gate, Plan } from '../plan/types';
import type { GateStatus } from '../runs/types';
import { isOperator, operatorPerson, signerIndex } from '../signoff/signed-statement';

export type SignRefusal =
  | { rule: 'no sign-off rule'; gate: string; title: string }
  | { rule: 'not run'; gate: string }
  | { rule: 'not passed'; gate: string; runNo: number; status: GateStatus }
  | { rule: 'not failed'; gate: string; runNo: number; status: GateStatus }
  | { rule: 'separation of duties'; gate: string; person: string }
  | { rule: 'not a signer'; keyId: string; accepted: string[] }
  | { rule: 'signer lacks role'; person: string; roles: string[]; accepted: string[] };

interface RunFacts {
  runNo: number;
  status: GateStatus;
  operatorKeyId?: string | null;
}

/** Whether `keyId` belongs to the person who ran the gate (their key, or another key under their name). */
export function ranTheGate(plan: Pick<Plan, 'signers'>, operatorKeyId: string | null | undefined, keyId: string): boolean {
  if (!operatorKeyId) return false;
  const index = signerIndex(plan.signers);
  const signer = index.byKeyId.get(keyId);
  return isOperator({ keyId, person: signer?.person ?? `\u0000${keyId}` }, operatorKeyId, operatorPerson(index, operatorKeyId));
}

export function signoffRefusal(plan: Pick<Plan, 'signers'>, gate: Pick<Gate, 'id' | 'title' | 'signoff'>, run: RunFacts | null, keyId: string): SignRefusal | null {
  if (!gate.signoff) return { rule: 'no sign-off rule', gate: gate.id, title: gate.title };
  if (!run) return { rule: 'not run', gate: gate.id };
  if (run.status !== 'passed') return { rule: 'not passed', gate: gate.id, runNo: run.runNo, status: run.status };
  return roleRefusal(plan, gate.id, run, keyId, gate.signoff.roles);
}

export function waiverRefusal(plan: Pick<Plan, 'signers' | 'waivers'>, gate: Pick<Gate, 'id'>, run: RunFacts | null, keyId: string): SignRefusal | null {
  if (!run) return { rule: 'not run', gate: gate.id };
  if (run.status !== 'failed' && run.status !== 'waived') return { rule: 'not failed', gate: gate.id, runNo: run.runNo, status: run.status };
  return roleRefusal(plan, gate.id, run, keyId, plan.waivers.roles);
}

function roleRefusal(plan: Pick<Plan, 'signers'>, gateId: string, run: RunFacts, keyId: string, accepted: string[]): SignRefusal | null {
  const signer = plan.signers.find((x) => x.keyId === keyId);
  if (ranTheGate(plan, run.operatorKeyId, keyId)) return { rule: 'separation of duties', gate: gateId, person: signer?.name ?? keyId };
  if (!signer) return { rule: 'not a signer', keyId, accepted };
  if (!signer.roles.some((r) => accepted.includes(r))) return { rule: 'signer lacks role', person: signer.name, roles: signer.roles, accepted };
  return null;
}
