/**
 * Whether a release is ready for its ceremony, decided the same way from the
 * store (`ceremony`, `status`) and from a bundle (`verify`): every gate has
 * a valid result signed by its operator that says PASSED (or FAILED, with a
 * valid waiver), and its sign-offs meet the gate's rule. The gate's status
 * and operator are taken from that signed result, never from the record
 * beside it. Each blocker says why.
 */
import type { Gate, Plan } from '../plan/types';
import type { GateStatus } from '../runs/types';
import { signerIndex, type SignoffProblem } from '../signoff/signed-statement';
import { evaluateGateSignoffs, type GateSignoffResult } from '../signoff/signoff-rules';
import { checkResult, type ClaimedRun, type SignedRun } from './result-check';
import type { Blocker } from './view-types';

export interface GateRunInput {
  id: number;
  runNo: number;
  /** What the run record says; believed only as far as the signed result agrees. */
  status: GateStatus;
  reason: string | null;
  operatorKeyId: string | null;
  /** Hex SHA-256 of the run's evidence manifest; null when not known yet (no sign-off can exist). */
  manifestSha256: string | null;
  /** The attempts the record lists (none for a run that never started, e.g. blocked). */
  attempts: ClaimedRun['attempts'];
  /** Names the record in messages: `gates/<id>/run-<n>.json`, or the store's run. */
  source: string;
}

export interface GateInput {
  gate: Pick<Gate, 'id' | 'signoff' | 'digest'>;
  run: GateRunInput | null;
  result?: unknown;
  resultSource?: string;
  signoffs: unknown[];
  signoffSources: string[];
  waiver?: unknown;
  waiverSource?: string;
}

export type { Blocker } from './view-types';

export interface GateOutcome {
  id: string;
  /** The run's status, with `waived`/`failed` decided by the waiver's validity now. */
  status: GateStatus;
  signoff: GateSignoffResult | null;
  blockers: Blocker[];
}

export interface ReleaseEvaluation {
  ok: boolean;
  gates: GateOutcome[];
  blockers: Blocker[];
}

type ReleasePlan = Pick<Plan, 'signers' | 'waivers' | 'digest' | 'release' | 'candidate'>;

/**
 * `bundleSigner`: the key that signs (or will sign) the bundle. Its holder
 * may not have operated any gate in it: a release manager alone must not be
 * able to produce both the results and the signature that vouches for them.
 */
export function evaluateRelease(plan: ReleasePlan, inputs: GateInput[], now: Date, bundleSigner?: { keyId: string }): ReleaseEvaluation {
  const gates = inputs.map((input) => evaluateGate(plan, input, now, bundleSigner));
  const blockers = gates.flatMap((g) => g.blockers);
  return { ok: blockers.length === 0, gates, blockers };
}

function evaluateGate(plan: ReleasePlan, input: GateInput, now: Date, bundleSigner?: { keyId: string }): GateOutcome {
  const id = input.gate.id;
  const run = input.run;
  const blockers: Blocker[] = [];
  const block = (rule: string, message: string, file?: string) => blockers.push({ gate: id, rule, message, ...(file ? { file } : {}) });
  if (!run) {
    block('not run', `gate "${id}" has not run`);
    return { id, status: 'not-run', signoff: null, blockers };
  }
  const fromProblems = (problems: SignoffProblem[]) => {
    for (const p of problems) block(p.rule, p.message, looksLikeSource(p.signoff) ? p.signoff : undefined);
  };
  const where = `gate "${id}" run #${run.runNo}`;
  // The signed result, not the record, says what happened and who ran it.
  let signed: SignedRun | undefined;
  if (input.result !== undefined && run.manifestSha256) {
    const index = signerIndex(plan.signers);
    const current = { gate: id, runId: run.id, runNo: run.runNo, planDigest: plan.digest, manifestSha256: run.manifestSha256 };
    const checked = checkResult({
      envelope: input.result, source: input.resultSource ?? `result of ${where}`, index, current,
      claimed: { status: run.status, operatorKeyId: run.operatorKeyId, attempts: run.attempts }, claimedSource: run.source,
    });
    signed = checked.signed;
    fromProblems(checked.problems);
    const manager = bundleSigner && index.byKeyId.get(bundleSigner.keyId);
    const operator = signed && index.byKeyId.get(signed.operatorKeyId);
    if (manager && operator && (bundleSigner!.keyId === signed!.operatorKeyId || manager.person === operator.person)) {
      block('separation of duties', `${operator.name} ran ${where} and cannot also sign the bundle: the release manager's key may not vouch for their own results`);
    }
  } else if (run.attempts.length > 0 || run.status === 'passed' || run.status === 'waived') {
    block('unsigned result', `${where} has no result signed by its operator (run the gate with --key)`);
  }
  const status = signed ? signed.status : run.status;
  let signoff: GateSignoffResult | null = null;
  if (run.manifestSha256) {
    signoff = evaluateGateSignoffs({
      plan,
      gate: input.gate,
      run: { id: run.id, runNo: run.runNo, status, operatorKeyId: (signed?.operatorKeyId ?? run.operatorKeyId) ?? undefined },
      manifestSha256: run.manifestSha256,
      signoffs: input.signoffs,
      signoffSources: input.signoffSources,
      waiver: input.waiver,
      waiverSource: input.waiverSource,
      now,
    });
    fromProblems(signoff.problems);
  }
  // Unsigned, `effective` is the record's word: shown, but the 'unsigned result' blocker keeps it from counting.
  const effective = effectiveStatus(status, signoff);
  if (effective !== 'passed' && effective !== 'waived') {
    const reason = signed ? signed.reason : run.reason;
    const why = reason ? `: ${reason}` : '';
    const waiverNote = effective === 'failed' ? (input.waiver === undefined ? '; no waiver' : '; its waiver is not valid') : '';
    block('gate not passed', `${where} is ${effective}${why}${waiverNote}`);
  }
  if (signoff?.status === 'rejected') {
    for (const r of signoff.rejections) block('rejected', `${where} was rejected by ${r.person} (${r.roles.join(', ')})`);
  } else if (effective === 'passed' && input.gate.signoff) {
    const missing = signoff ? signoff.missing : input.gate.signoff.quorum;
    if (missing > 0) {
      const roles = input.gate.signoff.roles.join(', ');
      block('sign-offs missing', `${where} needs ${missing} more approval${missing === 1 ? '' : 's'} (roles: ${roles}; quorum ${input.gate.signoff.quorum})`);
    }
  }
  return { id, status: effective, signoff, blockers };
}

/** A waived run whose waiver no longer holds is failed again; a failed run with a valid waiver is waived. */
export function effectiveStatus(status: GateStatus, signoff: GateSignoffResult | null): GateStatus {
  if (status !== 'failed' && status !== 'waived') return status;
  if (!signoff) return status;
  if (signoff.waiver) return 'waived';
  return 'failed';
}

function looksLikeSource(s: string): boolean {
  return s.includes('/') || s.endsWith('.json');
}
