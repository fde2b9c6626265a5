/**
 * The gate part of bundle verification: reads each gate's run, files,
 * signed result, sign-offs and waiver out of the bundle, recomputes the
 * evidence manifest from the files themselves, and applies the release rules.
 * `run-<n>.json` only says which run the bundle holds and names its files;
 * the gate's status, attempts and operator come from the signed result.
 */
import type { Plan } from '../plan/types';
import { sha256Hex } from '../signoff/encoding';
import type { ManifestFile } from '../signoff/evidence-manifest';
import {
  RESULT_DSSE, gateDir, isEvidenceFile, runLogName, splitUnder, waiverPath,
} from './layout';
import { evaluateRelease, type GateInput, type ReleaseEvaluation } from './release-rules';
import { parseRunJson } from './run-json';
import { gateManifest } from './statements';
import type { VerifyCheck } from './view-types';

export type { VerifyCheck } from './view-types';

const RUN_JSON = /^run-(\d+)\.json$/;
const SIGNOFF_FILE = /^([0-9a-f]{64})\.dsse\.json$/;

export function verifyGates(
  plan: Plan, files: Map<string, Buffer>, now: Date, checks: VerifyCheck[], bundleSigner?: { keyId: string },
): { evaluation: ReleaseEvaluation; inputs: GateInput[] } {
  const fail = (name: string, file: string | undefined, message: string) => checks.push({ name, ok: false, ...(file ? { file } : {}), message });
  const ids = new Set(plan.gates.map((g) => g.id));
  for (const path of files.keys()) {
    const under = splitUnder('gates', path) ?? splitUnder('signoffs', path);
    if (under && !ids.has(under.id)) fail('unknown gate', path, `${path}: the plan has no gate "${under.id}"`);
    const w = /^waivers\/([^/]+)\.dsse\.json$/.exec(path);
    if (w && !ids.has(w[1])) fail('unknown gate', path, `${path}: the plan has no gate "${w[1]}"`);
  }
  const inputs = plan.gates.map((gate) => gateInput(plan, gate, files, fail));
  return { evaluation: evaluateRelease(plan, inputs, now, bundleSigner), inputs };
}

function gateInput(
  plan: Plan,
  gate: Plan['gates'][number],
  files: Map<string, Buffer>,
  fail: (name: string, file: string | undefined, message: string) => void,
): GateInput {
  const dir = gateDir(gate.id);
  const own = [...files.keys()].filter((p) => p.startsWith(dir)).map((p) => p.slice(dir.length));
  const input: GateInput = { gate, run: null, signoffs: [], signoffSources: [] };
  const signoffDir = `signoffs/${gate.id}/`;
  for (const path of [...files.keys()].filter((p) => p.startsWith(signoffDir)).sort()) {
    const name = path.slice(signoffDir.length);
    const m = SIGNOFF_FILE.exec(name);
    if (!m) {
      fail('unexpected file', path, `${path}: sign-off files are named <keyid>.dsse.json`);
      continue;
    }
    const text = files.get(path)!.toString('utf8');
    const signedBy = firstKeyId(text);
    if (signedBy && signedBy !== m[1]) fail('sign-off file name', path, `${path}: named for key ${m[1]} but signed by ${signedBy}`);
    input.signoffs.push(text);
    input.signoffSources.push(path);
  }
  const waiver = files.get(waiverPath(gate.id));
  if (waiver) {
    input.waiver = waiver.toString('utf8');
    input.waiverSource = waiverPath(gate.id);
  }
  const runFiles = own.filter((rel) => RUN_JSON.test(rel));
  if (runFiles.length === 0) {
    for (const rel of own) fail('unexpected file', dir + rel, `${dir + rel}: gate "${gate.id}" has no run-<n>.json`);
    return input;
  }
  if (runFiles.length > 1) fail('layout', dir, `${dir}: more than one run (${runFiles.join(', ')}); a bundle holds the run that counts`);
  const runPath = dir + runFiles[0];
  const parsed = parseRunJson(files.get(runPath)!.toString('utf8'));
  if (!parsed.ok) {
    fail('run record', runPath, `${runPath}: ${parsed.error}`);
    return input;
  }
  const run = parsed.run;
  const runNo = Number(RUN_JSON.exec(runFiles[0])![1]);
  if (run.gate !== gate.id || run.runNo !== runNo) fail('run record', runPath, `${runPath}: describes gate "${run.gate}" run #${run.runNo}`);
  const manifestFiles: ManifestFile[] = [];
  for (const rel of own) {
    if (rel === runFiles[0] || rel === RESULT_DSSE) continue;
    if (!isEvidenceFile(rel, runNo)) {
      fail('unexpected file', dir + rel, `${dir + rel}: not part of a gate's record`);
      continue;
    }
    const bytes = files.get(dir + rel)!;
    manifestFiles.push({ path: rel, sha256: sha256Hex(bytes), size: bytes.length });
  }
  if (run.attempts.length > 0 && !files.has(dir + runLogName(runNo))) {
    fail('missing file', dir + runLogName(runNo), `${dir + runLogName(runNo)}: the run's log is missing`);
  }
  const manifestSha256 = gateManifest(gate.id, runNo, plan.digest, manifestFiles).sha256;
  if (manifestSha256 !== run.evidenceManifest) {
    fail('evidence manifest', runPath, `${runPath}: the gate's files do not match the evidence manifest recorded for the run`);
  }
  // Everything here is what run-<n>.json claims; release-rules believes it only as far as the signed result agrees.
  input.run = {
    id: run.runId,
    runNo,
    status: run.status,
    reason: run.reason,
    operatorKeyId: run.operator.keyId,
    manifestSha256,
    attempts: run.attempts.map((a) => ({ n: a.n, exitCode: a.exitCode, status: a.status })),
    source: runPath,
  };
  const result = files.get(dir + RESULT_DSSE);
  if (result) {
    input.result = result.toString('utf8');
    input.resultSource = dir + RESULT_DSSE;
  }
  return input;
}

function firstKeyId(text: string): string | null {
  try {
    const v = JSON.parse(text) as { signatures?: { keyid?: unknown }[] };
    const k = v.signatures?.[0]?.keyid;
    return typeof k === 'string' ? k : null;
  } catch {
    return null;
  }
}
