/**
 * What the sign-off view shows for one gate: its counting run, the evidence
 * manifest a sign-off would sign (files with SHA-256), and whether the
 * identity in use may sign it off, with the reason when not (separation of
 * duties first: the operator never signs their own gate).
 */
import type { Gate, Plan } from '../core/plan/types';
import { countingRun } from '../core/release/release-inputs';
import { gateManifest } from '../core/release/statements';
import { samePerson } from '../core/signoff/person';
import { EVIDENCE_PREFIX } from '../core/release/layout';
import type { RunRecord } from '../core/runs/types';
import type { KeyInfo, ReviewFile, SignProblem, SignoffReview } from './api/release-contract';
import { gateOf, releaseCall } from './release-call';
import { freezeRun } from './release/freeze-run';
import type { Services } from './services';

/** Runs whose evidence is final and may be signed off or waived: their manifest is frozen on first look. */
const FREEZABLE = new Set(['passed', 'failed', 'waived']);

export async function reviewGate(s: Services, plan: Plan, gateId: string, me: KeyInfo | null): Promise<SignoffReview> {
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

function standing(s: Services, plan: Plan, gate: Gate, run: RunRecord | null, me: KeyInfo): NonNullable<SignoffReview['you']> {
  const signer = plan.signers.find((x) => x.keyId === me.keyId);
  const accepted = gate.signoff?.roles ?? [];
  const roles = signer ? signer.roles.filter((r) => accepted.includes(r)) : [];
  const mine = run
    ? s.records.signatures(run.id, 'signoff').find((x) => x.keyId === me.keyId || (signer !== undefined && samePerson(x.person, signer.name)))
    : undefined;
  return { keyId: me.keyId, name: signer?.name ?? me.name, roles, problem: signProblem(plan, gate, run, me), decided: mine?.decision ?? null };
}

/** Why `me` cannot sign off `gate` now, or null: the same rules `sign` and `import` apply, said for a person. */
export function signProblem(plan: Plan, gate: Gate, run: RunRecord | null, me: { keyId: string; name: string }): SignProblem | null {
  if (!gate.signoff) return { rule: 'no sign-off rule', message: `“${gate.title}” takes no sign-offs: the plan gives it no signoff rule.` };
  if (!run) return { rule: 'not run', message: 'This gate has not run yet, so there is nothing to sign off.' };
  if (run.status !== 'passed') {
    return { rule: 'not passed', message: `Run #${run.runNo} is ${run.status}; only a passed run can be signed off.` };
  }
  const signer = plan.signers.find((x) => x.keyId === me.keyId);
  const opKey = run.operatorKeyId ?? null;
  const opPerson = opKey ? plan.signers.find((x) => x.keyId === opKey)?.name : undefined;
  if (opKey === me.keyId || (signer && opPerson !== undefined && samePerson(opPerson, signer.name))) {
    return { rule: 'separation of duties', message: 'You ran this gate; someone else must sign it off.' };
  }
  const accepted = gate.signoff.roles;
  if (!signer) {
    return {
      rule: 'not a signer',
      message: `Your key (${me.name}) is not a signer in this plan. Add it to the plan’s signers with a role this gate accepts: ${accepted.join(', ')}.`,
    };
  }
  if (!signer.roles.some((r) => accepted.includes(r))) {
    return {
      rule: 'signer lacks role',
      message: `${signer.name} holds ${signer.roles.join(', ') || 'no role'}; this gate is signed off by ${accepted.join(' or ')}.`,
    };
  }
  return null;
}
