/**
 * The operator's signed test result (`run --key`): it must verify against
 * the plan's signers, be bound to this gate, run, plan and evidence, name
 * the key that signed it as the operator, and agree with the run's status.
 */
import type { GateStatus } from '../runs/types';
import { TEST_RESULT_PREDICATE, type TestResultPredicate } from '../signoff/predicates';
import { openSigned, replayProblems, type CurrentRun, type SignerIndex, type SignoffProblem } from '../signoff/signed-statement';
import { resultOf } from './statements';

export interface ResultCheck {
  envelope: unknown;
  source: string;
  index: SignerIndex;
  current: CurrentRun;
  status: GateStatus;
  /** The operator key the run records; the signer must be this key. */
  operatorKeyId: string | null;
}

export function checkResult(c: ResultCheck): SignoffProblem[] {
  const { opened, problems } = openSigned<TestResultPredicate>(c.envelope, c.index, TEST_RESULT_PREDICATE, () => c.source);
  if (!opened) return problems;
  const add = (rule: string, message: string) => problems.push({ signoff: c.source, rule, message });
  problems.push(...replayProblems(opened.statement, c.current, c.source));
  const p = opened.statement.predicate;
  const signerKeys = opened.signers.map((s) => s.keyId);
  if (!signerKeys.includes(p.operator)) {
    add('result operator', `the result names operator ${p.operator} but is signed by ${signerKeys.join(', ')}`);
  }
  if (c.operatorKeyId !== null && p.operator !== c.operatorKeyId) {
    add('result operator', `the run was made by key ${c.operatorKeyId}, the result names ${p.operator}`);
  }
  const expected = resultOf(c.status);
  if (p.result !== expected) {
    add('result mismatch', `the signed result says ${p.result} but the run is ${c.status} (expected ${expected})`);
  }
  return problems;
}
