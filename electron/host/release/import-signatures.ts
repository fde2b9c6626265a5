/**
 * `import`: sign-offs (and waivers) that come back from offline officers.
 * Each file is verified against the plan's signers and the sign-off rules
 * for the gate's current run before anything is stored; one bad file means
 * nothing is imported, and every problem is reported with its file.
 */
import type { Plan } from '../../core/plan/types';
import { countingRun } from '../../core/release/release-inputs';
import { gateManifest } from '../../core/release/statements';
import { parseEnvelope } from '../../core/signoff/dsse';
import { parseStatement } from '../../core/signoff/in-toto';
import { SIGNOFF_PREDICATE, WAIVER_PREDICATE, type GateBinding } from '../../core/signoff/predicates';
import { evaluateGateSignoffs } from '../../core/signoff/signoff-rules';
import type { Services } from '../services';
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
}

export async function checkSignatureFile(s: Services, plan: Plan, f: ImportFile, now: Date): Promise<Imported | ImportProblem[]> {
  const problem = (rule: string, message: string): ImportProblem[] => [{ file: f.name, rule, message: `${f.name}: ${message}` }];
  const env = parseEnvelope(f.text);
  if (!env.ok) return problem('bad envelope', env.errors.join('; '));
  const payload = Buffer.from(env.envelope.payload, 'base64');
  const st = parseStatement<GateBinding & { role?: string; decision?: 'approve' | 'reject' }>(payload);
  if (!st.ok) return problem('bad statement', st.errors.join('; '));
  const type = st.statement.predicateType;
  if (type !== SIGNOFF_PREDICATE && type !== WAIVER_PREDICATE) return problem('bad statement', `not a sign-off or waiver (predicate type ${type})`);
  const p = st.statement.predicate;
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
  };
}

/** Stores verified signatures with their audit events; a waiver marks the run waived. */
export function storeSignatures(s: Services, plan: Plan, items: Imported[], source: (i: Imported) => string): void {
  inTransaction(s, () => {
    for (const i of items) {
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
        data: { runNo: i.runNo, keyId: i.keyId, role: i.role, source: source(i) },
      });
    }
  });
}

export async function importSignatures(s: Services, plan: Plan, files: ImportFile[], now: Date): Promise<{ imported: Imported[]; problems: ImportProblem[] }> {
  const imported: Imported[] = [];
  const problems: ImportProblem[] = [];
  for (const f of files) {
    const r = await checkSignatureFile(s, plan, f, now);
    if (Array.isArray(r)) problems.push(...r);
    else imported.push(r);
  }
  if (problems.length > 0) return { imported: [], problems };
  storeSignatures(s, plan, imported, (i) => i.file);
  return { imported, problems };
}
