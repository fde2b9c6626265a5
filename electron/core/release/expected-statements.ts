/**
 * `verify --expect FILE`: a signer's own copy of a statement they made (a
 * sign-off, a waiver or an operator's result) must be accounted for in the
 * bundle: the same signed statement, or, for sign-offs and waivers, a later
 * one by the same person for the same run. A release manager who drops a
 * statement and rewrites the audit trail to match leaves a bundle that is
 * consistent in itself; the copy its signer kept is what exposes it
 * (docs/adr/0007-trust-model.md).
 */
import type { Plan } from '../plan/types';
import { parseRfc3339 } from '../signoff/encoding';
import { SIGNOFF_PREDICATE, TEST_RESULT_PREDICATE, WAIVER_PREDICATE, type GateBinding } from '../signoff/predicates';
import { openSigned, signerIndex, type SignerIndex } from '../signoff/signed-statement';
import type { GateInput } from './release-rules';
import { peekEnvelope } from './statements';
import type { VerifyCheck } from './view-types';

export interface ExpectedStatement {
  /** Where it came from (the file name), for messages. */
  name: string;
  text: string;
}

const RULE = 'expected statement';
const KINDS: Record<string, string> = {
  [SIGNOFF_PREDICATE]: 'sign-off',
  [WAIVER_PREDICATE]: 'waiver',
  [TEST_RESULT_PREDICATE]: 'result',
};

export function expectedStatementChecks(expected: readonly ExpectedStatement[], plan: Pick<Plan, 'signers'>, inputs: readonly GateInput[]): VerifyCheck[] {
  const index = signerIndex(plan.signers);
  return expected.map((x) => checkOne(x, index, inputs));
}

function checkOne(x: ExpectedStatement, index: SignerIndex, inputs: readonly GateInput[]): VerifyCheck {
  const fail = (message: string): VerifyCheck => ({ name: RULE, ok: false, file: x.name, message: `${x.name}: ${message}` });
  const type = peekEnvelope(x.text)?.predicateType ?? '';
  const kind = KINDS[type];
  if (!kind) return fail('not a sign-off, waiver or result statement');
  const { opened, problems } = openSigned<GateBinding & { time?: string }>(x.text, index, type, () => x.name);
  if (!opened) return fail(`not a valid statement by a signer of this plan (${problems.map((p) => p.message).join('; ')})`);
  const p = opened.statement.predicate;
  const signer = opened.signers[0];
  const input = inputs.find((i) => i.gate.id === p.gate);
  if (!input?.run) return fail(`the bundle holds no run of gate "${p.gate}"`);
  if (input.run.id !== p.runId) {
    return fail(`it is for gate "${p.gate}" run #${p.runNo} (id ${p.runId}); the bundle holds run #${input.run.runNo} (id ${input.run.id}) instead`);
  }
  const mine = peekEnvelope(x.text)!;
  const held = (kind === 'sign-off' ? input.signoffs : kind === 'waiver' ? [input.waiver] : [input.result]).filter((e) => e !== undefined);
  const peeked = held.map((e) => peekEnvelope(e)).filter((e) => e !== null);
  const where = `${signer.name}'s ${kind} of gate "${p.gate}" run #${p.runNo}`;
  if (peeked.some((h) => h.payload === mine.payload)) return { name: RULE, ok: true, file: x.name, message: `${x.name}: ${where} is in the bundle` };
  if (kind !== 'result') {
    const at = typeof p.time === 'string' ? parseRfc3339(p.time)?.getTime() : undefined;
    const later = peeked.find((h) => {
      const person = h.keyId ? index.byKeyId.get(h.keyId)?.person : undefined;
      const t = typeof h.predicate.time === 'string' ? parseRfc3339(h.predicate.time)?.getTime() : undefined;
      return (kind === 'waiver' || person === signer.person) && at !== undefined && t !== undefined && t > at;
    });
    if (later) return { name: RULE, ok: true, file: x.name, message: `${x.name}: ${where} is superseded by a later one in the bundle` };
  }
  return fail(`${where} is not in the bundle, and no later statement of theirs is: it was removed`);
}
