/**
 * The sign-off part of `status --json` and the UI: each stored sign-off with
 * whether it counts, the gate's sign-off summary, and its waiver.
 */
import type { StoredSignature } from './ports';
import type { GateOutcome } from './release-rules';
import type { GateRecords } from './release-inputs';
import { signatureSource } from './release-inputs';
import { peekPredicate } from './statements';
import type { GateReleaseView, SignoffSummary, SignoffView, WaiverView } from './view-types';

export type { GateReleaseView, SignoffSummary, SignoffView, WaiverView } from './view-types';

export function gateReleaseView(rec: GateRecords, outcome: GateOutcome): GateReleaseView {
  const problemOf = (s: StoredSignature) => {
    const source = signatureSource(s);
    return outcome.signoff?.problems.find((p) => p.signoff === source)?.message
      ?? outcome.signoff?.superseded.find((p) => p.signoff === source)?.message;
  };
  const signoffs = rec.signoffs.map((s): SignoffView => {
    const p = peekPredicate(s.envelope) ?? {};
    const problem = problemOf(s) ?? (outcome.signoff ? undefined : 'the run has no evidence manifest yet');
    return {
      person: s.person,
      keyId: s.keyId,
      role: s.role,
      decision: s.decision ?? 'approve',
      comment: typeof p.comment === 'string' ? p.comment : '',
      time: typeof p.time === 'string' ? p.time : new Date(s.storedAt).toISOString(),
      valid: problem === undefined,
      ...(problem ? { problem } : {}),
    };
  });
  let waiver: WaiverView | null = null;
  if (rec.waiver) {
    const p = peekPredicate(rec.waiver.envelope) ?? {};
    const problem = problemOf(rec.waiver);
    waiver = {
      person: rec.waiver.person,
      keyId: rec.waiver.keyId,
      role: rec.waiver.role,
      reason: typeof p.reason === 'string' ? p.reason : '',
      expires: typeof p.expires === 'string' ? p.expires : '',
      valid: outcome.signoff?.waiver !== undefined,
      ...(problem ? { problem } : {}),
    };
  }
  const rule = rec.gate.signoff;
  const s = outcome.signoff;
  const signoff: SignoffSummary | null = rule
    ? {
        status: s?.status ?? 'pending',
        roles: rule.roles,
        quorum: rule.quorum,
        approved: s?.approvals.length ?? 0,
        rejected: s?.rejections.length ?? 0,
        missing: s?.missing ?? rule.quorum,
      }
    : null;
  return { status: outcome.status, signoffs, signoff, waiver, blockers: outcome.blockers.map((b) => b.message) };
}
