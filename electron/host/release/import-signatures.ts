/**
 * `import`: sign-offs (and waivers) that come back from offline officers.
 * Each file is verified against the plan's signers and the sign-off rules
 * for the gate's current run before anything is stored; one bad file means
 * nothing is imported, and every problem is reported with its file.
 */
import type { Plan } from '../../core/plan/types';
import { countingRun } from '../../core/release/release-inputs';
import { gateManifest, peekPredicate } from '../../core/release/statements';
import { parseEnvelope } from '../../core/signoff/dsse';
import { parseRfc3339, sha256Hex } from '../../core/signoff/encoding';
import { parseStatement } from '../../core/signoff/in-toto';
import { samePerson } from '../../core/signoff/person';
import { SIGNOFF_PREDICATE, WAIVER_PREDICATE, type GateBinding } from '../../core/signoff/predicates';
import { evaluateGateSignoffs } from '../../core/signoff/signoff-rules';
import type { ReleaseDeps } from './deps';
import { inTransaction, recordAction } from './audit';
import { freezeRun } from './freeze-run';

export interface ImportFile {
  name: string;
  text: string;
}

export interface ImportProblem {
  file: string;
  rule: string;
  message: string;
}

export interface Imported {
  file: string;
  kind: 'signoff' | 'waiver';
  gate: string;
  runId: number;
  runNo: number;
  keyId: string;
  person: string;
  role: string;
  decision: 'approve' | 'reject' | null;
  envelope: string;
  /** The statement's signed time (RFC 3339): a person's later statement supersedes their earlier ones. */
  signedAt: string;
}

/** A valid statement that was not stored because a later one of the same person (or a later waiver) is. */
export interface Ignored {
  item: Imported;
  reason: string;
}

export async function checkSignatureFile(s: ReleaseDeps, plan: Plan, f: ImportFile, now: Date): Promise<Imported | ImportProblem[]> {
  const problem = (rule: string, message: string): ImportProblem[] => [{ file: f.name, rule, message: `${f.name}: ${message}` }];
  const env = parseEnvelope(f.text);
  if (!env.ok) return problem('bad envelope', env.errors.join('; '));
  const payload = Buffer.from(env.envelope.payload, 'base64');
  const st = parseStatement<GateBinding & { role?: string; decision?: 'approve' | 'reject' }>(payload);
  if (!st.ok) return problem('bad statement', st.errors.join('; '));
  const type = st.statement.predicateType;
  if (type !== SIGNOFF_PREDICATE && type !== WAIVER_PREDICATE) return problem('bad statement', `not a sign-off or waiver (predicate type ${type})`);
  const p = st.statement.predicate as GateBinding & { role?: string; decision?: 'approve' | 'reject'; time?: string };
  const gate = plan.gates.find((g) => g.id === p.gate);
  if (!gate) return problem('replay', `replayed from another plan: this plan has no gate "${p.gate}"`);
  const run = countingRun(plan, gate, s.store);
  if (!run) return problem('replay', `gate "${gate.id}" has not run in this store`);
  const files = await freezeRun(s, gate, run);
  const manifestSha256 = gateManifest(gate.id, run.runNo, plan.digest, files).sha256;
  const isWaiver = type === WAIVER_PREDICATE;
  if (isWaiver && run.status !== 'failed' && run.status !== 'waived') {
    return problem('waiver not applicable', `a waiver covers only a failed run; gate "${gate.id}" run #${run.runNo} is ${run.status}`);
  }
  const result = evaluateGateSignoffs({
    plan,
    gate,
    run: { id: run.id, runNo: run.runNo, status: run.status, operatorKeyId: run.operatorKeyId ?? undefined },
    manifestSha256,
    signoffs: isWaiver ? [] : [f.text],
    signoffSources: [f.name],
    ...(isWaiver ? { waiver: f.text, waiverSource: f.name } : {}),
    now,
  });
  if (result.problems.length > 0) {
    return result.problems.map((x) => ({ file: f.name, rule: x.rule, message: x.message.includes(f.name) ? x.message : `${f.name}: ${x.message}` }));
  }
  const decided = [...result.approvals, ...result.rejections][0];
  const signer = isWaiver ? result.waiver : decided && { person: decided.person, keyId: decided.keyIds[0], role: decided.roles[0] };
  if (!signer) return problem('not counted', 'the signature was not counted (no matching rule)');
  return {
    file: f.name,
    kind: isWaiver ? 'waiver' : 'signoff',
    gate: gate.id,
    runId: run.id,
    runNo: run.runNo,
    keyId: signer.keyId,
    person: signer.person,
    role: signer.role,
    decision: isWaiver ? null : p.decision ?? null,
    envelope: f.text,
    signedAt: p.time ?? '',
  };
}

/**
 * Stores verified signatures with their audit events; a waiver marks the run
 * waived. In the same transaction, a statement is ignored (not stored) when
 * the store already holds one signed at the same time or later by the same
 * person for the run (for waivers: any later waiver of the run), so an older
 * approval sent again can never replace a later rejection.
 */
export function storeSignatures(s: ReleaseDeps, plan: Plan, items: Imported[], source: (i: Imported) => string): { stored: Imported[]; ignored: Ignored[] } {
  const stored: Imported[] = [];
  const ignored: Ignored[] = [];
  // Newest first: within one import, the later statement of a person is the one kept.
  const ordered = [...items].sort((a, b) => timeOf(b.signedAt) - timeOf(a.signedAt));
  inTransaction(s, () => {
    for (const i of ordered) {
      const reason = supersededBy(s, i);
      if (reason) {
        ignored.push({ item: i, reason });
        continue;
      }
      s.records.saveSignature({
        runId: i.runId, kind: i.kind, keyId: i.keyId, person: i.person, role: i.role, decision: i.decision,
        planDigest: plan.digest, envelope: i.envelope, source: source(i), storedAt: Date.now(),
      });
      if (i.kind === 'waiver') {
        // The run keeps its failure reason; the waiver itself says who waived it, why and until when.
        s.store.updateRun(i.runId, { status: 'waived' });
      }
      const type = i.kind === 'waiver' ? 'waiver.recorded' : i.decision === 'reject' ? 'signoff.rejected' : 'signoff.approved';
      recordAction(s, plan, {
        type, actor: i.person, runId: i.runId, gateId: i.gate,
        data: {
          runNo: i.runNo, keyId: i.keyId, role: i.role, source: source(i),
          ...(i.decision ? { decision: i.decision } : {}), signedAt: i.signedAt, envelopeSha256: sha256Hex(i.envelope),
        },
      });
      stored.push(i);
    }
  });
  const order = new Map(items.map((i, n) => [i, n]));
  stored.sort((a, b) => order.get(a)! - order.get(b)!);
  return { stored, ignored };
}

/** Why `i` must not be stored: a statement held for its run that it cannot override. */
function supersededBy(s: ReleaseDeps, i: Imported): string | null {
  const mine = timeOf(i.signedAt);
  const held = s.records.signatures(i.runId, i.kind).filter((h) => i.kind === 'waiver' || samePerson(h.person, i.person));
  for (const h of held) {
    if (h.envelope === i.envelope) return `${i.file}: already imported`;
    const at = peekPredicate(h.envelope)?.time;
    const theirs = typeof at === 'string' ? timeOf(at) : Number.POSITIVE_INFINITY;
    // At the same instant a rejection still wins over an approval (as in signoff-rules.ts).
    const rejectionBeatsApproval = theirs === mine && i.decision === 'reject' && h.decision === 'approve';
    if (theirs >= mine && !rejectionBeatsApproval) {
      const what = h.kind === 'waiver' ? 'waiver' : h.decision === 'reject' ? 'rejection' : 'approval';
      const who = h.kind === 'waiver' ? `gate "${i.gate}" run #${i.runNo} already has a ${what} by ${h.person}` : `${h.person} already signed a ${what} of gate "${i.gate}" run #${i.runNo}`;
      return `${i.file}: ignored: ${who} at ${typeof at === 'string' ? at : 'an unknown time'}, not earlier than this statement (${i.signedAt}); a later statement supersedes an earlier one`;
    }
  }
  return null;
}

function timeOf(rfc3339: string): number {
  return parseRfc3339(rfc3339)?.getTime() ?? 0;
}

export async function importSignatures(
  s: ReleaseDeps, plan: Plan, files: ImportFile[], now: Date,
): Promise<{ imported: Imported[]; ignored: Ignored[]; problems: ImportProblem[] }> {
  const imported: Imported[] = [];
  const problems: ImportProblem[] = [];
  for (const f of files) {
    const r = await checkSignatureFile(s, plan, f, now);
    if (Array.isArray(r)) problems.push(...r);
    else imported.push(r);
  }
  if (problems.length > 0) return { imported: [], ignored: [], problems };
  const { stored, ignored } = storeSignatures(s, plan, imported, (i) => i.file);
  return { imported: stored, ignored, problems };
}
