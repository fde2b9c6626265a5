/**
 * The operator's signed test result (`run --key`): it must verify against
 * the plan's signers, be bound to this gate, run, plan and evidence, and be
 * signed by the operator it names. What it signs (status, reason, attempts
 * with their exit codes, the operator) is then what the gate's run is; the
 * run record beside it (the store's row, or `run-<n>.json` in a bundle) is
 * a readable copy, and any difference from the signed facts is a problem.
 */
import type { GateStatus } from '../runs/types';
import { TEST_RESULT_PREDICATE, type SignedAttempt, type SignedRunStatus, type TestResultPredicate } from '../signoff/predicates';
import { openSigned, replayProblems, type CurrentRun, type SignerIndex, type SignoffProblem } from '../signoff/signed-statement';
import { resultOf } from './statements';

/** What a run record claims; compared with what the result signs. */
export interface ClaimedRun {
  status: GateStatus;
  operatorKeyId: string | null;
  attempts: { n: number; exitCode: number | null; status: string }[];
}

export interface ResultCheck {
  envelope: unknown;
  source: string;
  index: SignerIndex;
  current: CurrentRun;
  claimed: ClaimedRun;
  /** Names the run record in messages (`gates/x/run-1.json`, or `the stored run`). */
  claimedSource: string;
}

/** The facts of a run as its operator signed them. */
export interface SignedRun {
  status: SignedRunStatus;
  reason: string | null;
  attempts: SignedAttempt[];
  operatorKeyId: string;
  result: TestResultPredicate['result'];
}

export function checkResult(c: ResultCheck): { signed?: SignedRun; problems: SignoffProblem[] } {
  const { opened, problems } = openSigned<TestResultPredicate>(c.envelope, c.index, TEST_RESULT_PREDICATE, () => c.source);
  if (!opened) return { problems };
  const add = (rule: string, message: string) => problems.push({ signoff: c.source, rule, message });
  problems.push(...replayProblems(opened.statement, c.current, c.source));
  const p = opened.statement.predicate;
  const signerKeys = opened.signers.map((s) => s.keyId);
  if (!signerKeys.includes(p.operator)) {
    add('result operator', `the result names operator ${p.operator} but is signed by ${signerKeys.join(', ')}`);
  }
  if (p.result !== resultOf(p.status)) {
    add('result mismatch', `the signed result says ${p.result} but signs the status ${p.status} (expected ${resultOf(p.status)})`);
  }
  if (problems.length > 0) return { problems };
  problems.push(...claimProblems(p, c));
  return {
    signed: { status: p.status, reason: p.reason, attempts: p.attempts, operatorKeyId: p.operator, result: p.result },
    problems,
  };
}

/** Where the readable run record disagrees with the signed result. */
function claimProblems(p: TestResultPredicate, c: ResultCheck): SignoffProblem[] {
  const out: SignoffProblem[] = [];
  const add = (what: string, rule = 'run record mismatch') => out.push({
    signoff: c.claimedSource,
    rule,
    message: `${c.claimedSource} disagrees with the operator's signed result: ${what}`,
  });
  // A waiver turns a failed run waived in the store; the result signed the failure.
  const claimedStatus = c.claimed.status === 'waived' ? 'failed' : c.claimed.status;
  if (claimedStatus !== p.status) {
    add(`the signed result says ${p.result} but the run is ${c.claimed.status} (signed status: ${p.status})`, 'result mismatch');
  }
  if (c.claimed.operatorKeyId !== p.operator) add(`it names operator ${c.claimed.operatorKeyId ?? 'none'}, the signed result ${p.operator}`);
  const claimed = c.claimed.attempts;
  if (claimed.length !== p.attempts.length) {
    add(`it lists ${claimed.length} attempt(s), the signed result ${p.attempts.length}`);
  } else {
    claimed.forEach((a, i) => {
      const s = p.attempts[i];
      if (a.n !== s.n || a.exitCode !== s.exitCode || a.status !== s.status) {
        add(`attempt ${s.n} is ${a.status} with exit code ${a.exitCode} there, ${s.status} with exit code ${s.exitCode} as signed`);
      }
    });
  }
  return out;
}
