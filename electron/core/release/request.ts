/**
 * Sign-off requests: what an offline officer receives. `request.json` names
 * the gate, run and evidence manifest; the zip carries plan.yaml, the run's
 * record, its manifest and every file the manifest lists. Before signing,
 * the officer's cockpit re-hashes everything against the manifest.
 */
import { parsePlan } from '../plan/parse-plan';
import type { Plan } from '../plan/types';
import { isPlainObject, isSha256Hex, sha256Hex } from '../signoff/encoding';
import type { ManifestFile } from '../signoff/evidence-manifest';
import { signerIndex } from '../signoff/signed-statement';
import { PLAN_YAML, REQUEST_JSON, RESULT_DSSE, gateDir, isEvidenceFile, runJsonName, runManifestName } from './layout';
import { checkResult, type SignedRun } from './result-check';
import { parseRunJson, type RunJson } from './run-json';
import { gateManifest, type RunBinding } from './statements';
import type { VerifyCheck } from './verify-gates';

export const REQUEST_TYPE = 'release-cockpit-signoff-request';

export interface SignoffRequest {
  type: typeof REQUEST_TYPE;
  version: 1;
  release: string;
  candidate: string;
  planDigest: string;
  gate: string;
  runId: number;
  runNo: number;
  status: string;
  operator: { name: string | null; keyId: string | null };
  evidenceManifest: string;
  createdAt: string;
}

export interface CheckedRequest {
  ok: boolean;
  problems: VerifyCheck[];
  request?: SignoffRequest;
  plan?: Plan;
  run?: RunJson;
  /** The run as its operator signed it; absent when the request holds no valid signed result. */
  signed?: SignedRun;
  binding?: RunBinding & { release: string; candidate: string };
}

export function requestText(r: Omit<SignoffRequest, 'type' | 'version'>): string {
  return `${JSON.stringify({ type: REQUEST_TYPE, version: 1, ...r }, null, 2)}\n`;
}

export function checkRequest(files: Map<string, Buffer>, readProblems: VerifyCheck[] = []): CheckedRequest {
  const problems = [...readProblems];
  const fail = (file: string, message: string, name = 'request') => problems.push({ name, ok: false, file, message });
  const done = (extra: Partial<CheckedRequest> = {}): CheckedRequest => ({ ok: problems.length === 0, problems, ...extra });
  const req = parseRequest(files.get(REQUEST_JSON)?.toString('utf8'));
  if (typeof req === 'string') {
    fail(REQUEST_JSON, `${REQUEST_JSON}: ${req}`);
    return done();
  }
  const planBytes = files.get(PLAN_YAML);
  if (!planBytes) {
    fail(PLAN_YAML, `${PLAN_YAML} is missing`, 'missing file');
    return done({ request: req });
  }
  if (sha256Hex(planBytes) !== req.planDigest) fail(PLAN_YAML, `${PLAN_YAML} was modified: its digest is not the request's plan digest`, 'file hash');
  const parsed = parsePlan(planBytes.toString('utf8'), PLAN_YAML);
  if (!parsed.ok) {
    fail(PLAN_YAML, `${PLAN_YAML} is not a valid plan: ${parsed.diagnostics[0].message}`);
    return done({ request: req });
  }
  const plan = parsed.plan;
  if (!plan.gates.some((g) => g.id === req.gate)) fail(REQUEST_JSON, `the plan has no gate "${req.gate}"`);
  const dir = gateDir(req.gate);
  const runPath = dir + runJsonName(req.runNo);
  const run = parseRunJson(files.get(runPath)?.toString('utf8') ?? '');
  if (!run.ok) fail(runPath, `${runPath}: ${files.has(runPath) ? run.error : 'missing'}`);
  else if (run.run.runId !== req.runId || run.run.gate !== req.gate || run.run.evidenceManifest !== req.evidenceManifest) {
    fail(runPath, `${runPath} does not describe the requested run`);
  }
  const manifestPath = dir + runManifestName(req.runNo);
  const listed = parseListing(files.get(manifestPath)?.toString('utf8'));
  if (!listed) fail(manifestPath, `${manifestPath} is missing or not an evidence manifest`);
  const actual: ManifestFile[] = [];
  for (const [path, bytes] of files) {
    if (path === REQUEST_JSON || path === PLAN_YAML || path === runPath || path === manifestPath || path === dir + RESULT_DSSE) continue;
    const rel = path.startsWith(dir) ? path.slice(dir.length) : null;
    if (rel === null || !isEvidenceFile(rel, req.runNo)) {
      fail(path, `${path} does not belong in a sign-off request`, 'unexpected file');
      continue;
    }
    const file = { path: rel, sha256: sha256Hex(bytes), size: bytes.length };
    actual.push(file);
    const entry = listed?.find((f) => f.path === rel);
    if (listed && !entry) fail(path, `${path} is not listed in the evidence manifest`, 'unlisted file');
    else if (entry && (entry.sha256 !== file.sha256 || entry.size !== file.size)) fail(path, `${path} was modified: its SHA-256 differs from the evidence manifest`, 'file hash');
  }
  for (const f of listed ?? []) if (!actual.some((a) => a.path === f.path)) fail(dir + f.path, `${dir + f.path} is listed in the evidence manifest but missing`, 'missing file');
  const manifest = gateManifest(req.gate, req.runNo, req.planDigest, actual);
  if (manifest.sha256 !== req.evidenceManifest) fail(manifestPath, `the request's files do not hash to its evidence manifest ${req.evidenceManifest}`, 'evidence manifest');
  const binding = { gate: req.gate, runId: req.runId, runNo: req.runNo, planDigest: req.planDigest, manifestSha256: req.evidenceManifest, release: plan.release, candidate: plan.candidate };
  const result = files.get(dir + RESULT_DSSE);
  let signed: SignedRun | undefined;
  if (result && run.ok) {
    const claimed = {
      status: run.run.status,
      operatorKeyId: run.run.operator.keyId,
      attempts: run.run.attempts.map((a) => ({ n: a.n, exitCode: a.exitCode, status: a.status })),
    };
    const checked = checkResult({
      envelope: result.toString('utf8'), source: dir + RESULT_DSSE, index: signerIndex(plan.signers), current: { ...binding },
      claimed, claimedSource: runPath,
    });
    for (const p of checked.problems) fail(p.signoff, p.message.includes(p.signoff) ? p.message : `${p.signoff}: ${p.message}`, p.rule);
    signed = checked.signed;
  }
  return done({ request: req, plan, ...(run.ok ? { run: run.run } : {}), ...(signed ? { signed } : {}), binding });
}

function parseRequest(text: string | undefined): SignoffRequest | string {
  if (text === undefined) return 'missing: this is not a sign-off request';
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return 'not valid JSON';
  }
  if (!isPlainObject(v) || v.type !== REQUEST_TYPE || v.version !== 1) return `not a ${REQUEST_TYPE} v1 document`;
  if (typeof v.gate !== 'string' || typeof v.release !== 'string' || typeof v.candidate !== 'string') return 'gate, release or candidate is missing';
  if (!Number.isInteger(v.runId) || !Number.isInteger(v.runNo) || (v.runNo as number) < 1) return 'runId or runNo is missing';
  if (!isSha256Hex(v.planDigest) || !isSha256Hex(v.evidenceManifest)) return 'planDigest or evidenceManifest is not a SHA-256';
  return v as unknown as SignoffRequest;
}

function parseListing(text: string | undefined): ManifestFile[] | null {
  if (text === undefined) return null;
  try {
    const v = JSON.parse(text) as { files?: unknown };
    return Array.isArray(v.files) ? (v.files as ManifestFile[]) : null;
  } catch {
    return null;
  }
}
