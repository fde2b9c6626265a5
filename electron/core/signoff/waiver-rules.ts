/**
 * Whether a failed gate's waiver counts: signed by a plan signer who holds
 * one of the plan's waiver roles (and did not run the gate), bound to this
 * gate, run and plan, and not expired.
 */
import { parseRfc3339 } from './encoding';
import { WAIVER_PREDICATE, type WaiverPredicate } from './predicates';
import {
  isOperator,
  openSigned,
  operatorPerson,
  replayProblems,
  type CurrentRun,
  type SignerIndex,
  type SignoffProblem,
} from './signed-statement';

export interface AcceptedWaiver {
  person: string;
  keyId: string;
  role: string;
  reason: string;
  expires: string;
}

export interface WaiverCheck {
  waiver: unknown;
  source?: string;
  index: SignerIndex;
  waiverRoles: readonly string[];
  current: CurrentRun;
  operatorKeyId?: string;
  now: Date;
}

export function evaluateWaiver(c: WaiverCheck): { accepted?: AcceptedWaiver; problems: SignoffProblem[] } {
  const label = (keyId?: string) => c.source ?? (keyId ? `waiver by ${keyId}` : 'waiver');
  const { opened, problems } = openSigned<WaiverPredicate>(c.waiver, c.index, WAIVER_PREDICATE, label);
  if (!opened) return { problems };
  const where = label(opened.signers[0]?.keyId);
  const p = opened.statement.predicate;
  problems.push(...replayProblems(opened.statement, c.current, where));

  const opPerson = operatorPerson(c.index, c.operatorKeyId);
  let signer: (typeof opened.signers)[number] | undefined;
  for (const s of opened.signers) {
    if (!c.waiverRoles.includes(p.role)) {
      problems.push({
        signoff: where,
        rule: 'waiver signer lacks a waiver role',
        message: `waiver signer lacks a waiver role: "${p.role}" is not one of the plan's waiver roles (${c.waiverRoles.join(', ') || 'none'})`,
      });
    } else if (!s.roles.includes(p.role)) {
      problems.push({
        signoff: where,
        rule: 'waiver signer lacks a waiver role',
        message: `waiver signer lacks a waiver role: ${s.name} does not hold "${p.role}" in the plan`,
      });
    } else if (isOperator(s, c.operatorKeyId, opPerson)) {
      problems.push({
        signoff: where,
        rule: 'separation of duties',
        message: `operator cannot waive own run: ${s.name} ran this gate`,
      });
    } else {
      signer ??= s;
    }
  }

  const expires = parseRfc3339(p.expires);
  if (!expires || c.now.getTime() >= expires.getTime()) {
    problems.push({ signoff: where, rule: 'waiver expired', message: `waiver expired on ${p.expires}` });
  }
  if (!signer || problems.length > 0) return { problems };
  return {
    accepted: { person: signer.name, keyId: signer.keyId, role: p.role, reason: p.reason, expires: p.expires },
    problems,
  };
}
