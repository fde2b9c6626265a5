/**
 * `bundle`: the evidence bundle of DESIGN.md, built from the store. Every
 * gate's counting run with its files, signed result, sign-offs and waiver;
 * plan.yaml; the plan's audit chain; the checklist; and MANIFEST.json over
 * all of it, signed by a release manager (a signer with a ceremony role).
 */
import type { Plan } from '../../core/plan/types';
import { bundleManifestText } from '../../core/release/bundle-manifest';
import { releaseChecklist } from '../../core/release/checklist';
import { AUDIT_JSONL, CHECKLIST_MD, MANIFEST_DSSE, MANIFEST_JSON, PLAN_YAML, signoffPath, waiverPath } from '../../core/release/layout';
import { countingRun } from '../../core/release/release-inputs';
import { releaseState, type ReleaseState } from '../../core/release/release-status';
import { envelopeText, manifestEnvelope } from '../../core/release/statements';
import { planKeyOf } from '../../core/runs/plan-runner';
import { toJsonl } from '../../core/signoff/audit-chain';
import { sha256Hex } from '../../core/signoff/encoding';
import type { ManifestFile } from '../../core/signoff/evidence-manifest';
import type { Identity } from '../../core/signoff/keys';
import type { FileSource } from '../../core/release/ports';
import type { ReleaseDeps } from './deps';
import { recordAction } from './audit';
import { ruleError } from '../../core/errors';
import { gateFileSet } from './gate-files';

export interface BuiltBundle {
  files: Map<string, FileSource>;
  manifestSha256: string;
  state: ReleaseState;
}

/** Why `by` may not sign a bundle of `plan`, or null. */
export function ceremonyRoleProblem(plan: Plan, by: Pick<Identity, 'keyId' | 'name'>): string | null {
  const signer = plan.signers.find((s) => s.keyId === by.keyId);
  if (!signer) return `key ${by.keyId} (${by.name}) is not a signer in the plan`;
  if (!signer.roles.some((r) => plan.ceremony.roles.includes(r))) {
    return `${signer.name} holds no ceremony role (${plan.ceremony.roles.join(', ')}); the bundle is signed by a release manager`;
  }
  return null;
}

export async function buildBundle(s: ReleaseDeps, plan: Plan, by: Identity, now: Date): Promise<BuiltBundle> {
  const roleProblem = ceremonyRoleProblem(plan, by);
  if (roleProblem) throw ruleError('ceremony role', roleProblem);
  const files = new Map<string, FileSource>();
  const listed: ManifestFile[] = [];
  for (const gate of plan.gates) {
    const run = countingRun(plan, gate, s.store);
    if (!run || run.status === 'running') continue;
    const set = await gateFileSet(s, plan, gate, run);
    for (const [p, src] of set.files) files.set(p, src);
    for (const sig of s.records.signatures(run.id, 'signoff')) files.set(signoffPath(gate.id, sig.keyId), Buffer.from(sig.envelope, 'utf8'));
    const waiver = s.records.signatures(run.id, 'waiver').at(-1);
    if (waiver) files.set(waiverPath(gate.id), Buffer.from(waiver.envelope, 'utf8'));
  }
  const state = releaseState(plan, s.store, s.records, now);
  recordAction(s, plan, {
    type: 'bundle.signed', actor: by.name,
    data: { release: plan.release, candidate: plan.candidate, planDigest: plan.digest, keyId: by.keyId, ready: state.evaluation.ok },
  }, now.getTime());
  const audit = s.store.audit.events(planKeyOf(plan));
  const auditHead = audit[audit.length - 1].hash;
  files.set(PLAN_YAML, Buffer.from(plan.source, 'utf8'));
  files.set(AUDIT_JSONL, Buffer.from(toJsonl(audit), 'utf8'));
  const checklist = releaseChecklist({
    plan, records: state.records, evaluation: state.evaluation, createdAt: now,
    signedBy: { name: by.name, keyId: by.keyId }, auditEvents: audit.length, auditHead,
  });
  files.set(CHECKLIST_MD, Buffer.from(checklist, 'utf8'));
  for (const [path, src] of files) {
    listed.push(Buffer.isBuffer(src) ? { path, sha256: sha256Hex(src), size: src.length } : { path, sha256: src.sha256, size: src.size });
  }
  const manifestText = bundleManifestText({
    release: plan.release, candidate: plan.candidate, planDigest: plan.digest, auditHead, createdAt: now.toISOString(), files: listed,
  });
  const manifestSha256 = sha256Hex(manifestText);
  const env = manifestEnvelope({ release: plan.release, candidate: plan.candidate, planDigest: plan.digest, files: listed.length, sha256: manifestSha256, time: now }, by);
  files.set(MANIFEST_JSON, Buffer.from(manifestText, 'utf8'));
  files.set(MANIFEST_DSSE, Buffer.from(envelopeText(env), 'utf8'));
  return { files, manifestSha256, state };
}
