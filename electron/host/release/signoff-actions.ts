/**
 * The app's sign-off actions over the engine (electron/host/release): a
 * request zip to download, a signature made here (stored at once for a gate
 * of the open plan, or returned for a request from elsewhere), imported
 * signature files, and waivers. Each checks what it can before the key is
 * unlocked, so a refusal never costs a passphrase.
 */
import type { Plan } from '../../core/plan/types';
import { checkRequest, type CheckedRequest } from '../../core/release/request';
import { countingRun } from '../../core/release/release-inputs';
import { runJson } from '../../core/release/run-json';
import { envelopeText, gateManifest } from '../../core/release/statements';
import { checkResult } from '../../core/release/result-check';
import { signerIndex } from '../../core/signoff/signed-statement';
import { parseRfc3339 } from '../../core/signoff/encoding';
import type { Identity } from '../../core/signoff/keys';
import type { ImportFileResult, ReleaseResults, SignedSignoff } from '../../contract/release-contract';
import { CockpitError, type ErrorDetails } from '../../core/errors';
import { withUnlocked } from '../identity/key-vault';
import { gateOf, releaseCall, sentence, slug } from './release-call';
import { freezeRun } from './freeze-run';
import { checkSignatureFile, storeSignatures, type Imported } from './import-signatures';
import { buildRequest } from './request';
import { signRequest, type SignDecision } from '../../core/release/sign-request';
import { waiveGate } from './waive';
import type { ReleaseDeps } from './deps';
import { signProblem } from './signoff-review';

/** Larger requests are better written with `release-cockpit request` than carried through the API. */
const MAX_DOWNLOAD_BYTES = 256 * 1024 * 1024;

export async function requestZip(s: ReleaseDeps, plan: Plan, gateId: string, actor: string): Promise<ReleaseResults['signoff.request']> {
  gateOf(plan, gateId);
  const now = new Date();
  const { files, request } = await releaseCall(() => buildRequest(s, plan, gateId, actor, now));
  const bytes = new Map<string, Uint8Array>();
  let total = 0;
  for (const [name, src] of files) {
    const b = s.io.bundles.bytesOf(src);
    total += b.length;
    if (total > MAX_DOWNLOAD_BYTES) {
      throw new CockpitError('conflict', `This request is larger than ${MAX_DOWNLOAD_BYTES / 1024 / 1024} MiB; write it with: release-cockpit request PLAN --gate ${gateId} --out FILE`);
    }
    bytes.set(name, b);
  }
  const zip = s.io.zip.write(bytes, now);
  return {
    fileName: `${request.gate}-run-${request.runNo}-signoff-request.zip`,
    base64: zip.toString('base64'),
    size: zip.length,
    gate: request.gate,
    runNo: request.runNo,
    manifestSha256: request.evidenceManifest,
    files: files.size,
  };
}

/** The request an in-app signature signs: the gate's passed run, bound to its frozen evidence manifest. */
async function localRequest(s: ReleaseDeps, plan: Plan, gateId: string, me: { keyId: string; name: string } | null): Promise<CheckedRequest> {
  const gate = gateOf(plan, gateId);
  const run = countingRun(plan, gate, s.store);
  if (me) {
    const problem = signProblem(plan, gate, run, me);
    if (problem) throw new CockpitError('conflict', problem.message);
  }
  if (!run || run.status !== 'passed') throw new CockpitError('conflict', `Gate "${gate.id}" has no passed run to sign off.`);
  const files = await releaseCall(() => freezeRun(s, gate, run));
  const manifest = gateManifest(gate.id, run.runNo, plan.digest, files).sha256;
  const binding = { gate: gate.id, runId: run.id, runNo: run.runNo, planDigest: plan.digest, manifestSha256: manifest };
  const record = runJson(gate, run, s.store.attempts(run.id), s.store.evidence(run.id), plan.digest, manifest);
  // The same rule as for a request from elsewhere: only a run its operator signed can be signed off.
  const result = s.records.result(run.id);
  const checked = result && checkResult({
    envelope: result.envelope, source: `the signed result of run #${run.runNo}`, index: signerIndex(plan.signers), current: binding,
    claimed: { status: run.status, operatorKeyId: run.operatorKeyId ?? null, attempts: record.attempts }, claimedSource: `run #${run.runNo}`,
  });
  if (checked && checked.problems.length > 0) throw new CockpitError('conflict', sentence(checked.problems[0].message));
  const signed = checked ? checked.signed : undefined;
  return { ok: true, problems: [], plan, run: record, ...(signed ? { signed } : {}), binding: { ...binding, release: plan.release, candidate: plan.candidate } };
}

/** A request zip from another cockpit, checked offline exactly as `sign` checks it. */
function uploadedRequest(s: ReleaseDeps, base64: string): CheckedRequest {
  const read = s.io.zip.read(Buffer.from(base64, 'base64'));
  const checked = checkRequest(read.files, read.problems.map((p) => ({ name: 'unsafe entry', ok: false, file: p.file, message: p.message })));
  if (!checked.ok) {
    const problems = checked.problems.map((p) => p.message);
    throw new CockpitError(
      'invalid-input',
      `Refusing to sign: the request does not match its own evidence manifest (tampered or damaged). ${problems.slice(0, 5).join('; ')}${problems.length > 5 ? `; and ${problems.length - 5} more` : ''}`,
    );
  }
  return checked;
}

export interface SignInput extends SignDecision {
  gateId?: string;
  requestZip?: string;
}

export async function signSignoff(
  s: ReleaseDeps,
  plan: Plan | null,
  input: SignInput,
  me: { keyId: string; name: string } | null,
  unlock: () => Promise<Identity>,
): Promise<SignedSignoff> {
  const local = input.gateId !== undefined;
  if (local && !plan) throw new CockpitError('no-plan', 'No plan is open. Open a plan file first.');
  const checked = local ? await localRequest(s, plan!, input.gateId!, me) : uploadedRequest(s, input.requestZip!);
  const now = new Date();
  const signed = await withUnlocked(unlock, (by) => releaseCall(() => signRequest(checked, by, { decision: input.decision, comment: input.comment, role: input.role }, now)));
  const b = checked.binding!;
  const text = envelopeText(signed.envelope);
  const fileName = `${b.gate}-run-${b.runNo}-${slug(signed.person)}.dsse.json`;
  if (local) {
    const result = await checkSignatureFile(s, plan!, { name: fileName, text }, now);
    if (Array.isArray(result)) throw new CockpitError('conflict', sentence(result.map((p) => p.message).join('; ')), problemsOf(result));
    const { ignored } = storeSignatures(s, plan!, [result], () => 'app');
    if (ignored.length > 0) throw new CockpitError('conflict', sentence(ignored[0].reason.replace(`${fileName}: `, '')));
  }
  return { fileName, envelope: text, gate: b.gate, runNo: b.runNo, decision: input.decision, role: signed.role, person: signed.person, stored: local };
}

/** Verifies each file; stores all of them only when every one verifies (as `import` does). */
export async function importFiles(s: ReleaseDeps, plan: Plan, files: { name: string; base64: string }[]): Promise<ReleaseResults['signoff.import']> {
  const now = new Date();
  const checked: { name: string; result: Imported | { rule: string; message: string }[] }[] = [];
  for (const f of files) {
    const text = Buffer.from(f.base64, 'base64').toString('utf8');
    checked.push({ name: f.name, result: await releaseCall(() => checkSignatureFile(s, plan, { name: f.name, text }, now)) });
  }
  const good = checked.flatMap((c) => (Array.isArray(c.result) ? [] : [c.result]));
  const store = good.length === checked.length;
  const { stored, ignored } = store ? storeSignatures(s, plan, good, (i) => i.file) : { stored: [], ignored: [] };
  const results = checked.map(({ name, result }): ImportFileResult => {
    if (Array.isArray(result)) {
      return { name, outcome: 'refused', problems: result.map((p) => ({ rule: p.rule, message: sentence(p.message.replace(`${name}: `, '')) })) };
    }
    const { kind, gate, runNo, person, role, decision } = result;
    const skipped = ignored.find((x) => x.item === result);
    if (skipped) {
      const message = sentence(skipped.reason.replace(`${name}: `, '').replace(/^ignored: /, ''));
      return { name, outcome: 'ignored', kind, gate, runNo, person, role, decision, problems: [{ rule: 'superseded', message }] };
    }
    return { name, outcome: store ? 'imported' : 'held', kind, gate, runNo, person, role, decision, problems: [] };
  });
  return { imported: stored.length, results };
}

/** RFC 3339, or a bare `YYYY-MM-DD` meaning the end of that day in UTC (as `waive --expires`). */
export function parseExpiry(text: string): Date {
  const day = /^(\d{4}-\d{2}-\d{2})$/.exec(text.trim());
  const d = parseRfc3339(day ? `${day[1]}T23:59:59Z` : text.trim());
  if (!d) throw new CockpitError('invalid-input', `The expiry must be a date (2025-12-31, the end of that day UTC) or an RFC 3339 time, not "${text}".`);
  return d;
}

export async function waive(
  s: ReleaseDeps,
  plan: Plan,
  input: { gateId: string; reason: string; expires: string; role?: string },
  unlock: () => Promise<Identity>,
): Promise<ReleaseResults['waiver.create']> {
  const gate = gateOf(plan, input.gateId);
  const expires = parseExpiry(input.expires);
  const now = new Date();
  if (expires.getTime() <= now.getTime()) throw new CockpitError('invalid-input', `The expiry ${expires.toISOString()} is not in the future.`);
  const run = countingRun(plan, gate, s.store);
  if (!run || (run.status !== 'failed' && run.status !== 'waived')) {
    throw new CockpitError('conflict', `Only a failed run can be waived; gate "${gate.id}" is ${run ? `run #${run.runNo}, ${run.status}` : 'not run'}.`);
  }
  let name = '';
  const problems = await withUnlocked(unlock, (by) => {
    name = by.name;
    return releaseCall(() => waiveGate(s, plan, { gateId: gate.id, reason: input.reason, expires, role: input.role }, by, now));
  });
  if (problems.length > 0) throw new CockpitError('conflict', sentence(problems.map((p) => p.message).join('; ')), problemsOf(problems));
  const stored = s.records.signatures(run.id, 'waiver').at(-1);
  return { gate: gate.id, runNo: run.runNo, person: stored?.person ?? name, role: stored?.role ?? '', expires: expires.toISOString() };
}

/** Import-style problems as error details: each with its rule and file, for the app to list. */
function problemsOf(problems: { rule: string; file?: string; message: string }[]): ErrorDetails {
  return { kind: 'problems', problems: problems.map((p) => ({ rule: p.rule, ...(p.file ? { file: p.file } : {}), message: p.message })) };
}
