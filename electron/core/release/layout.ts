/**
 * Names of the files in sign-off requests and evidence bundles. A gate's
 * files live under `gates/<id>/`; its evidence manifest lists them relative
 * to that directory (`run-3.log`, `evidence/report.xml`, `metrics.csv`), so
 * a request and a bundle of the same run yield the same manifest digest.
 */

export const MANIFEST_JSON = 'MANIFEST.json';
export const MANIFEST_DSSE = 'MANIFEST.dsse.json';
export const PLAN_YAML = 'plan.yaml';
export const AUDIT_JSONL = 'audit.jsonl';
export const CHECKLIST_MD = 'RELEASE_CHECKLIST.md';
export const REQUEST_JSON = 'request.json';

export const METRICS_CSV = 'metrics.csv';
export const THRESHOLDS_JSON = 'thresholds.json';
export const RESULT_DSSE = 'result.dsse.json';
export const EVIDENCE_PREFIX = 'evidence/';

export const gateDir = (gateId: string): string => `gates/${gateId}/`;
export const runJsonName = (runNo: number): string => `run-${runNo}.json`;
export const runLogName = (runNo: number): string => `run-${runNo}.log`;
/** The gate's evidence manifest, written into requests (bundles recompute it). */
export const runManifestName = (runNo: number): string => `run-${runNo}.manifest.json`;
export const signoffPath = (gateId: string, keyId: string): string => `signoffs/${gateId}/${keyId}.dsse.json`;
export const waiverPath = (gateId: string): string => `waivers/${gateId}.dsse.json`;

/** Whether a file under `gates/<id>/` is covered by the gate's evidence manifest (the sign-off subject). */
export function isEvidenceFile(rel: string, runNo: number): boolean {
  return rel === runLogName(runNo) || rel === METRICS_CSV || rel === THRESHOLDS_JSON || rel.startsWith(EVIDENCE_PREFIX);
}

/** Problems with a relative path inside a bundle or request, or null when it is safe. */
export function unsafePathProblem(p: string): string | null {
  if (p === '') return 'empty path';
  if (/[\u0000-\u001f\u007f]/.test(p)) return 'path contains control characters';
  if (p.includes('\\')) return 'path contains a backslash';
  if (p.startsWith('/') || /^[A-Za-z]:/.test(p)) return 'absolute path';
  const segments = p.split('/');
  if (segments.includes('..')) return 'path leaves the bundle ("..")';
  if (segments.some((s) => s === '' || s === '.')) return 'path has empty or "." segments';
  return null;
}

/** Splits `gates/<id>/<rel>` (or `signoffs/<id>/<file>`), else null. */
export function splitUnder(prefix: 'gates' | 'signoffs', p: string): { id: string; rel: string } | null {
  const m = new RegExp(`^${prefix}/([^/]+)/(.+)$`).exec(p);
  return m ? { id: m[1], rel: m[2] } : null;
}
