/**
 * MANIFEST.json: every other file of a bundle by path, SHA-256 and size, the
 * plan's digest and the audit chain's head. The release manager signs its
 * digest (MANIFEST.dsse.json), so nothing can be added, dropped or changed.
 */
import { isPlainObject, isSha256Hex, parseRfc3339, unknownKeys } from '../signoff/encoding';
import type { ManifestFile } from '../signoff/evidence-manifest';
import { unsafePathProblem } from './layout';

export const BUNDLE_MANIFEST_TYPE = 'release-cockpit-bundle';

export interface BundleManifest {
  type: typeof BUNDLE_MANIFEST_TYPE;
  version: 1;
  release: string;
  candidate: string;
  planDigest: string;
  /** Hash of the last event in audit.jsonl. */
  auditHead: string;
  createdAt: string;
  files: ManifestFile[];
}

export function bundleManifestText(m: Omit<BundleManifest, 'type' | 'version'>): string {
  const files = [...m.files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const doc: BundleManifest = { type: BUNDLE_MANIFEST_TYPE, version: 1, ...m, files };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

export function parseBundleManifest(text: string): { ok: true; manifest: BundleManifest } | { ok: false; errors: string[] } {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    return { ok: false, errors: [`not valid JSON: ${(e as Error).message}`] };
  }
  if (!isPlainObject(v)) return { ok: false, errors: ['not a JSON object'] };
  const errors = unknownKeys(v, ['type', 'version', 'release', 'candidate', 'planDigest', 'auditHead', 'createdAt', 'files']).map(
    (k) => `unknown field "${k}"`,
  );
  if (v.type !== BUNDLE_MANIFEST_TYPE) errors.push(`"type" must be "${BUNDLE_MANIFEST_TYPE}"`);
  if (v.version !== 1) errors.push('"version" must be 1');
  for (const k of ['release', 'candidate'] as const) if (typeof v[k] !== 'string' || v[k] === '') errors.push(`"${k}" is missing`);
  for (const k of ['planDigest', 'auditHead'] as const) if (!isSha256Hex(v[k])) errors.push(`"${k}" must be 64 lower-case hex digits`);
  if (!parseRfc3339(v.createdAt)) errors.push('"createdAt" must be an RFC 3339 time');
  if (!Array.isArray(v.files)) errors.push('"files" must be an array');
  else {
    const seen = new Set<string>();
    v.files.forEach((f: unknown, i: number) => {
      const problem = fileProblem(f);
      if (problem) errors.push(`files[${i}]: ${problem}`);
      else {
        const path = (f as ManifestFile).path;
        if (seen.has(path)) errors.push(`files[${i}]: "${path}" is listed twice`);
        seen.add(path);
      }
    });
  }
  return errors.length ? { ok: false, errors } : { ok: true, manifest: v as unknown as BundleManifest };
}

function fileProblem(f: unknown): string | null {
  if (!isPlainObject(f) || unknownKeys(f, ['path', 'sha256', 'size']).length) return 'must be {path, sha256, size}';
  if (typeof f.path !== 'string') return '"path" must be a string';
  const unsafe = unsafePathProblem(f.path);
  if (unsafe) return `"${f.path}": ${unsafe}`;
  if (!isSha256Hex(f.sha256)) return `"${f.path}": sha256 must be 64 lower-case hex digits`;
  if (!Number.isSafeInteger(f.size) || (f.size as number) < 0) return `"${f.path}": size must be a non-negative integer`;
  return null;
}
