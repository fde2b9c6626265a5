/**
 * Offline verification of an evidence bundle, over its files in memory.
 * Trust flows from one key given from outside: it must have signed
 * MANIFEST.json; the manifest then vouches for every byte, plan.yaml names
 * the signers, and the release rules are applied to what the bundle holds.
 * Every problem becomes a failing check naming its file or rule.
 */
import { parsePlan } from '../plan/parse-plan';
import type { Plan } from '../plan/types';
import { parseJsonl, verifyChain, type AuditEvent } from '../signoff/audit-chain';
import { IN_TOTO_PAYLOAD_TYPE, verifyEnvelope } from '../signoff/dsse';
import { sha256Hex } from '../signoff/encoding';
import { parseStatement } from '../signoff/in-toto';
import { keyIdOf } from '../signoff/keys';
import { signerIndex } from '../signoff/signed-statement';
import { BUNDLE_MANIFEST_PREDICATE, type BundleManifestPredicate } from '../signoff/predicates';
import { auditStatementProblems } from './audit-statements';
import { parseBundleManifest, type BundleManifest } from './bundle-manifest';
import { expectedStatementChecks, type ExpectedStatement } from './expected-statements';
import { AUDIT_JSONL, CHECKLIST_MD, MANIFEST_DSSE, MANIFEST_JSON, PLAN_YAML } from './layout';
import type { VerifyReport } from './view-types';
import { verifyGates, type VerifyCheck } from './verify-gates';

export type { VerifyCheck } from './verify-gates';

export interface VerifyInput {
  files: Map<string, Buffer>;
  /** Problems the reader found (unsafe zip entries, symlinks), already as checks. */
  readProblems: VerifyCheck[];
  trustedKey: Uint8Array;
  now: Date;
  /** Statements their signers kept (`--expect`): each must be accounted for in the bundle. */
  expected?: ExpectedStatement[];
}

export type { VerifyReport } from './view-types';

const TOP_LEVEL = [MANIFEST_JSON, MANIFEST_DSSE, PLAN_YAML, AUDIT_JSONL, CHECKLIST_MD];
const ALLOWED = /^(gates\/[^/]+\/.+|signoffs\/[^/]+\/[^/]+|waivers\/[^/]+\.dsse\.json)$/;

export function verifyBundle(input: VerifyInput): VerifyReport {
  const checks: VerifyCheck[] = [...input.readProblems];
  const pass = (name: string, message: string) => checks.push({ name, ok: true, message });
  const fail = (name: string, file: string | undefined, message: string) => checks.push({ name, ok: false, ...(file ? { file } : {}), message });
  const { files } = input;
  const text = (p: string) => files.get(p)?.toString('utf8');

  const manifestText = text(MANIFEST_JSON);
  if (manifestText === undefined) {
    fail('missing file', MANIFEST_JSON, `${MANIFEST_JSON} is missing: nothing in the bundle can be trusted`);
    return report(checks);
  }
  const parsed = parseBundleManifest(manifestText);
  if (!parsed.ok) {
    for (const e of parsed.errors) fail('manifest', MANIFEST_JSON, `${MANIFEST_JSON}: ${e}`);
    return report(checks);
  }
  const manifest = parsed.manifest;
  checkManifestSignature(input, manifest, sha256Hex(files.get(MANIFEST_JSON)!), pass, fail);
  checkFiles(files, manifest, pass, fail);

  const planText = text(PLAN_YAML);
  if (planText === undefined) return report(checks);
  if (sha256Hex(files.get(PLAN_YAML)!) !== manifest.planDigest) fail('plan digest', PLAN_YAML, `${PLAN_YAML}: its digest is not the plan digest in ${MANIFEST_JSON}`);
  const planResult = parsePlan(planText, PLAN_YAML);
  if (!planResult.ok) {
    for (const d of planResult.diagnostics) fail('plan', PLAN_YAML, `${PLAN_YAML}:${d.line}:${d.col}: ${d.message}`);
    return report(checks);
  }
  const plan = planResult.plan;
  if (plan.release !== manifest.release || plan.candidate !== manifest.candidate) {
    fail('plan', PLAN_YAML, `${PLAN_YAML} is for ${plan.release} ${plan.candidate}, ${MANIFEST_JSON} for ${manifest.release} ${manifest.candidate}`);
  }
  checkCeremonyRole(plan, keyIdOf(input.trustedKey), pass, fail);
  const audit = checkAudit(text(AUDIT_JSONL), manifest.auditHead, pass, fail);

  const { evaluation, inputs } = verifyGates(plan, files, input.now, checks, { keyId: keyIdOf(input.trustedKey) });
  if (audit) {
    const missing = auditStatementProblems(audit, inputs, signerIndex(plan.signers));
    for (const p of missing) fail(p.rule, p.file, p.message);
    if (missing.length === 0) pass('audit statements', `every statement ${AUDIT_JSONL} records for the bundled runs is in the bundle`);
  }
  checks.push(...expectedStatementChecks(input.expected ?? [], plan, inputs));
  for (const b of evaluation.blockers) fail(b.rule, b.file, b.file && !b.message.includes(b.file) ? `${b.file}: ${b.message}` : b.message);
  for (const g of evaluation.gates) {
    if (g.blockers.length === 0) {
      const by = g.signoff?.approvals.map((a) => a.person).join(', ');
      pass('gate', `gate "${g.id}": ${g.status}${by ? `, approved by ${by}` : ''}`);
    }
  }
  return report(checks);
}

function report(checks: VerifyCheck[]): VerifyReport {
  return { ok: checks.every((c) => c.ok), checks };
}

type Pass = (name: string, message: string) => void;
type Fail = (name: string, file: string | undefined, message: string) => void;

function checkManifestSignature(input: VerifyInput, m: BundleManifest, manifestSha: string, pass: Pass, fail: Fail): void {
  const envText = input.files.get(MANIFEST_DSSE)?.toString('utf8');
  if (envText === undefined) {
    fail('manifest signature', MANIFEST_DSSE, `${MANIFEST_DSSE} is missing: the bundle is not signed`);
    return;
  }
  const trustedId = keyIdOf(input.trustedKey);
  const v = verifyEnvelope(envText, new Map([[trustedId, input.trustedKey]]), { expectedPayloadType: IN_TOTO_PAYLOAD_TYPE });
  if (!v.ok || !v.payload) {
    const untrusted = v.signatures.filter((s) => s.status === 'unknown-key').map((s) => s.keyid);
    const why = untrusted.length ? `signed by ${untrusted.join(', ')}, not by the trusted key ${trustedId}` : v.errors.join('; ');
    fail('manifest signature', MANIFEST_DSSE, `${MANIFEST_DSSE}: ${why}`);
    return;
  }
  const st = parseStatement<BundleManifestPredicate>(v.payload, BUNDLE_MANIFEST_PREDICATE);
  if (!st.ok) {
    fail('manifest signature', MANIFEST_DSSE, `${MANIFEST_DSSE}: ${st.errors.join('; ')}`);
    return;
  }
  const subject = st.statement.subject;
  if (subject.length !== 1 || subject[0].name !== MANIFEST_JSON || subject[0].digest.sha256 !== manifestSha) {
    fail('manifest signature', MANIFEST_JSON, `${MANIFEST_JSON} was changed after it was signed (its digest is not the signed one)`);
    return;
  }
  const p = st.statement.predicate;
  if (p.release !== m.release || p.candidate !== m.candidate || p.planDigest !== m.planDigest || p.files !== m.files.length) {
    fail('manifest signature', MANIFEST_DSSE, `${MANIFEST_DSSE}: the signed statement disagrees with ${MANIFEST_JSON}`);
    return;
  }
  pass('manifest signature', `${MANIFEST_JSON} is signed by the trusted key ${trustedId}`);
}

function checkFiles(files: Map<string, Buffer>, m: BundleManifest, pass: Pass, fail: Fail): void {
  let bad = 0;
  const listed = new Set(m.files.map((f) => f.path));
  for (const f of m.files) {
    const bytes = files.get(f.path);
    if (!bytes) fail('missing file', f.path, `${f.path} is listed in ${MANIFEST_JSON} but missing from the bundle`);
    else if (bytes.length !== f.size || sha256Hex(bytes) !== f.sha256) fail('file hash', f.path, `${f.path} was modified: its SHA-256 or size differs from ${MANIFEST_JSON}`);
    else continue;
    bad++;
  }
  for (const path of files.keys()) {
    if (path === MANIFEST_JSON || path === MANIFEST_DSSE) continue;
    if (!listed.has(path)) {
      fail('unlisted file', path, `${path} is in the bundle but not in ${MANIFEST_JSON}`);
      bad++;
    } else if (!TOP_LEVEL.includes(path) && !ALLOWED.test(path)) {
      fail('unexpected file', path, `${path} has no place in a bundle's layout`);
      bad++;
    }
  }
  for (const required of [PLAN_YAML, AUDIT_JSONL, CHECKLIST_MD]) {
    if (!files.has(required) && !listed.has(required)) fail('missing file', required, `${required} is missing from the bundle`);
  }
  if (bad === 0) pass('files', `${m.files.length} files match ${MANIFEST_JSON}`);
}

function checkCeremonyRole(plan: Plan, keyId: string, pass: Pass, fail: Fail): void {
  const signer = plan.signers.find((s) => s.keyId === keyId);
  const roles = plan.ceremony.roles;
  if (!signer) fail('ceremony role', PLAN_YAML, `the trusted key ${keyId} is not a signer in ${PLAN_YAML}`);
  else if (!signer.roles.some((r) => roles.includes(r))) {
    fail('ceremony role', PLAN_YAML, `${signer.name} (the trusted key) holds no ceremony role (${roles.join(', ')}) in ${PLAN_YAML}`);
  } else pass('ceremony role', `the bundle is signed by ${signer.name}, who holds a ceremony role`);
}

/** The chain's events when it is whole, else null (each break already reported). */
function checkAudit(text: string | undefined, head: string, pass: Pass, fail: Fail): AuditEvent[] | null {
  if (text === undefined) return null;
  const parsed = parseJsonl(text);
  for (const e of parsed.errors) fail('audit chain', AUDIT_JSONL, `${AUDIT_JSONL}: ${e.message}`);
  if (!parsed.ok) return null;
  const chain = verifyChain(parsed.events, { expectedHead: head });
  for (const e of chain.errors) fail('audit chain', AUDIT_JSONL, `${AUDIT_JSONL}: event ${e.seq}: ${e.message}`);
  if (!chain.ok) return null;
  pass('audit chain', `${parsed.events.length} audit events chain to the head recorded in ${MANIFEST_JSON}`);
  return parsed.events;
}
