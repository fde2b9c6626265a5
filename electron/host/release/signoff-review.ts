/**
 * What the sign-off view shows for one gate: its counting run, the evidence
 * manifest a sign-off would sign (files with SHA-256), and whether the
 * identity in use may sign it off, with the reason when not (separation of
 * duties first: the operator never signs their own gate).
 */
import type { Gate, Plan } from '../../core/plan/types';
import { countingRun } from '../../core/release/release-inputs';
import { gateManifest } from '../../core/release/statements';
import { samePerson } from '../../core/signoff/person';
import { signoffRefusal, waiverRefusal, type SignRefusal } from '../../core/release/may-sign';
import { EVIDENCE_PREFIX } from '../../core/release/layout';
import type { RunRecord } from '../../core/runs/types';
import type { KeyInfo, ReviewFile, SignProblem, SignoffReview } from '../../contract/release-contract';
import { gateOf, releaseCall } from './release-call';
import { freezeRun } from './freeze-run';
import type { ReleaseDeps } from './deps';

/** Runs whose evidence is final and may be signed off or waived: their manifest is frozen on first look. */
const FREEZABLE = new Set(['passed', 'failed', 'waived']);

export async function reviewGate(s: ReleaseDeps, plan: Plan, gateId: string, me: KeyInfo | null): Promise<SignoffReview> {
  const gate = gateOf(plan, gateId);
  const run = countingRun(plan, gate, s.store);
  let files: ReviewFile[] = [];
  let manifestSha256: string | null = null;
  if (run && FREEZABLE.has(run.status)) {
    files = await releaseCall(() => freezeRun(s, gate, run));
    manifestSha256 = gateManifest(gate.id, run.runNo, plan.digest, files).sha256;
  } else if (run) {
    files = s.store.evidence(run.id).map((e) => ({ path: EVIDENCE_PREFIX + e.path, sha256: e.sha256, size: e.size }));
  }
  return {
    gateId: gate.id,
    run: run
      ? {
          id: run.id,
          runNo: run.runNo,
          status: run.status,
          operator: run.operator,
          operatorKeyId: run.operatorKeyId ?? null,
          resultSigned: s.records.result(run.id) !== null,
          startedAt: run.startedAt,
          endedAt: run.endedAt,
        }
      : null,
    manifestSha256,
    files: [...files].sort((a, b) => a.path.localeCompare(b.path)),
    you: me ? standing(s, plan, gate, run, me) : null,
  };
}

function standing(s: ReleaseDeps, plan: Plan, gate: Gate, run: RunRecord | null, me: KeyInfo): NonNullable<SignoffReview['you']> {
  const signer = plan.signers.find((x) => x.keyId === me.keyId);
  const accepted = gate.signoff?.roles ?? [];
  const roles = signer ? signer.roles.filter((r) => accepted.includes(r)) : [];
  const mine = run
    ? s.records.signatures(run.id, 'signoff').find((x) => x.keyId === me.keyId || (signer !== undefined && samePerson(x.person, signer.name)))
    : undefined;
  return {
    keyId: me.keyId, name: signer?.name ?? me.name, roles,
    problem: signProblem(plan, gate, run, me), waiveProblem: waiveProblem(plan, gate, run, me), decided: mine?.decision ?? null,
  };
}

/** Why `me` cannot sign off `gate` now, or null: the core's rules (may-sign.ts), said for a person. */
export function signProblem(plan: Plan, gate: Gate, run: RunRecord | null, me: { keyId: string; name: string }): SignProblem | null {
  const refusal = signoffRefusal(plan, gate, run, me.keyId);
  return refusal && { rule: refusal.rule, message: sayRefusal(refusal, me, 'sign it off') };
}

/** Why `me` cannot waive `gate`'s failure now, or null. */
export function waiveProblem(plan: Plan, gate: Gate, run: RunRecord | null, me: { keyId: string; name: string }): SignProblem | null {
  const refusal = waiverRefusal(plan, gate, run, me.keyId);
  return refusal && { rule: refusal.rule, message: sayRefusal(refusal, me, 'waive it') };
}

function sayRefusal(r: SignRefusal, me: { name: string }, act: string): string {
  switch (r.rule) {
    case 'no sign-off rule': return `“${r.title}” takes no sign-offs: the plan gives it no signoff rule.`;
    case 'not run': return 'This gate has not run yet, so there is nothing to sign off.';
    case 'not passed': return `Run #${r.runNo} is ${r.status}; only a passed run can be signed off.`;
    case 'not failed': return `Run #${r.runNo} is ${r.status}; only a failed run can be waived.`;
    case 'separation of duties': return `You ran this gate; someone else must ${act}.`;
    case 'not a signer': return `Your key (${me.name}) is not a signer in this plan. Add it to the plan’s signers with a role it accepts: ${r.accepted.join(', ') || 'none'}.`;
    case 'signer lacks role': return `${r.person} holds ${r.roles.join(', ') || 'no role'}; this needs ${r.accepted.join(' or ') || 'a role the plan does not name'}.`;
  }
}
