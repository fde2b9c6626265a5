/**
 * One gate's files, as a request or a bundle carries them under
 * `gates/<id>/`: the run record, the frozen evidence files (re-hashed from
 * the blob store, so a damaged blob is caught before it is shipped), and the
 * operator's signed result.
 */
import type { Gate, Plan } from '../../core/plan/types';
import { RESULT_DSSE, gateDir, runJsonName } from '../../core/release/layout';
import { runJson, runJsonText, type RunJson } from '../../core/release/run-json';
import { gateManifest } from '../../core/release/statements';
import type { RunRecord } from '../../core/runs/types';
import type { EvidenceManifest, ManifestFile } from '../../core/signoff/evidence-manifest';
import type { FileSource } from '../../core/release/ports';
import type { ReleaseDeps } from './deps';
import { fileSha256, freezeRun } from './freeze-run';
import { ruleError } from '../../core/errors';

export interface GateFileSet {
  files: Map<string, FileSource>;
  manifest: EvidenceManifest;
  manifestFiles: ManifestFile[];
  run: RunJson;
}

export async function gateFileSet(s: ReleaseDeps, plan: Plan, gate: Gate, run: RunRecord): Promise<GateFileSet> {
  const frozen = await freezeRun(s, gate, run);
  const dir = gateDir(gate.id);
  const files = new Map<string, FileSource>();
  for (const f of frozen) {
    const blob = s.blobs.path(f.sha256);
    if (!s.blobs.has(f.sha256) || fileSha256(blob) !== f.sha256) {
      throw ruleError('release', `the stored copy of ${dir}${f.path} is missing or damaged (blob ${f.sha256})`);
    }
    files.set(dir + f.path, { file: blob, sha256: f.sha256, size: f.size });
  }
  const manifest = gateManifest(gate.id, run.runNo, plan.digest, frozen);
  const record = runJson(gate, run, s.store.attempts(run.id), s.store.evidence(run.id), plan.digest, manifest.sha256);
  files.set(dir + runJsonName(run.runNo), Buffer.from(runJsonText(record), 'utf8'));
  const result = s.records.result(run.id);
  if (result) files.set(dir + RESULT_DSSE, Buffer.from(result.envelope, 'utf8'));
  return { files, manifest, manifestFiles: frozen, run: record };
}
