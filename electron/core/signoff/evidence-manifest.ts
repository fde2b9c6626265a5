/**
 * A gate run's evidence manifest: every collected file by path, hash and size,
 * bound to the gate, run number and plan. Its SHA-256 is what sign-offs sign,
 * so approving a run means approving exactly these bytes.
 */
import { canonicalJson } from './canonical-json';
import { isSha256Hex, sha256Hex } from './encoding';
import type { Subject } from './in-toto';

export { canonicalJson } from './canonical-json';

export const EVIDENCE_MANIFEST_TYPE = 'release-cockpit-evidence-manifest';

export interface ManifestFile {
  /** Relative to the gate's working directory, forward slashes. */
  path: string;
  sha256: string;
  size: number;
}

export interface EvidenceManifestInput {
  gate: string;
  runNo: number;
  planDigest: string;
  files: ManifestFile[];
}

export interface EvidenceManifest {
  /** Canonical JSON; hash these exact bytes (UTF-8). */
  json: string;
  sha256: string;
}

/** Builds the manifest; files are sorted by path so collection order does not matter. Throws on bad input. */
export function evidenceManifest(input: EvidenceManifestInput): EvidenceManifest {
  if (typeof input.gate !== 'string' || input.gate === '') throw new Error('evidence manifest: gate is missing');
  if (!Number.isInteger(input.runNo) || input.runNo < 1) throw new Error('evidence manifest: runNo must be a positive integer');
  if (!isSha256Hex(input.planDigest)) throw new Error('evidence manifest: planDigest must be 64 lower-case hex digits');
  const seen = new Set<string>();
  const files = input.files.map((f) => {
    const problem = fileProblem(f);
    if (problem) throw new Error(`evidence manifest: ${JSON.stringify(f.path)}: ${problem}`);
    if (seen.has(f.path)) throw new Error(`evidence manifest: ${JSON.stringify(f.path)} is listed twice`);
    seen.add(f.path);
    return { path: f.path, sha256: f.sha256, size: f.size };
  });
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const json = canonicalJson({
    type: EVIDENCE_MANIFEST_TYPE,
    version: 1,
    gate: input.gate,
    runNo: input.runNo,
    planDigest: input.planDigest,
    files,
  });
  return { json, sha256: sha256Hex(json) };
}

/** The in-toto subject naming a manifest by digest (for sign-off and waiver statements). */
export function manifestSubject(gate: string, runNo: number, sha256: string): Subject {
  return { name: `gates/${gate}/run-${runNo}.manifest.json`, digest: { sha256 } };
}

function fileProblem(f: ManifestFile): string | null {
  if (typeof f.path !== 'string' || f.path === '') return 'path is empty';
  if (f.path.includes('\\')) return 'path must use forward slashes';
  if (f.path.startsWith('/') || /^[A-Za-z]:/.test(f.path)) return 'path must be relative';
  if (f.path.split('/').some((seg) => seg === '' || seg === '.' || seg === '..')) {
    return 'path must not contain empty, "." or ".." segments';
  }
  if (/[\u0000-\u001f]/.test(f.path)) return 'path contains control characters';
  if (!isSha256Hex(f.sha256)) return 'sha256 must be 64 lower-case hex digits';
  if (!Number.isSafeInteger(f.size) || f.size < 0) return 'size must be a non-negative integer';
  return null;
}
