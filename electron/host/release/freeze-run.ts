/**
 * Fixes what a run's evidence manifest lists, once: the attempt logs joined
 * into `run-<n>.log`, the collected evidence, and the run's metrics export,
 * every file stored as a content-addressed blob. Requests, sign-offs and
 * bundles then all refer to exactly these bytes.
 */
import { ruleError } from '../../core/errors';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Gate } from '../../core/plan/types';
import { EVIDENCE_PREFIX, METRICS_CSV, THRESHOLDS_JSON, runLogName } from '../../core/release/layout';
import type { RunRecord } from '../../core/runs/types';
import type { ManifestFile } from '../../core/signoff/evidence-manifest';
import type { Services } from '../ports';

type FreezeServices = Pick<Services, 'store' | 'records' | 'blobs' | 'layout' | 'metrics'>;

export class ReleaseError extends Error {
  constructor(message: string, readonly rule = 'release') {
    super(message);
  }
}

export async function freezeRun(s: FreezeServices, gate: Gate, run: RunRecord): Promise<ManifestFile[]> {
  const frozen = s.records.runFiles(run.id);
  if (frozen) return frozen;
  if (run.status === 'running' || run.status === 'not-run') {
    throw ruleError('release', `gate "${gate.id}" run #${run.runNo} is still running; wait for it to finish`);
  }
  const files: ManifestFile[] = [];
  const attempts = s.store.attempts(run.id);
  if (attempts.length > 0) {
    const ref = await joinLogs(s, attempts.map((a) => a.logPath));
    files.push({ path: runLogName(run.runNo), ...ref });
  }
  for (const e of s.store.evidence(run.id)) {
    if (!s.blobs.has(e.sha256)) throw ruleError('release', `evidence ${e.path} of gate "${gate.id}" is missing from the store`);
    files.push({ path: EVIDENCE_PREFIX + e.path, sha256: e.sha256, size: e.size });
  }
  files.push(...(await metricsFiles(s, gate, run)));
  return s.records.freezeRunFiles(run.id, files, Date.now());
}

/** metrics.csv (and thresholds.json when the gate has thresholds), only when the run stored metric points. */
async function metricsFiles(s: FreezeServices, gate: Gate, run: RunRecord): Promise<ManifestFile[]> {
  const stats = s.metrics.stats(run.id);
  if (!stats || stats.points === 0) return [];
  const tmp = fs.mkdtempSync(path.join(tmpDirOf(s), 'metrics-'));
  try {
    const out = await s.metrics.exportRunMetrics(run.id, tmp);
    const files: ManifestFile[] = [{ path: METRICS_CSV, ...(await s.blobs.put(out.csv)) }];
    if (gate.thresholds.length > 0) files.push({ path: THRESHOLDS_JSON, ...(await s.blobs.put(out.thresholds)) });
    return files;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

function tmpDirOf(s: FreezeServices): string {
  const dir = path.join(s.layout.filesDir, 'tmp');
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  return dir;
}

/** The attempts' logs back to back, byte for byte, as one blob. */
async function joinLogs(s: FreezeServices, logPaths: string[]) {
  const existing = logPaths.filter((p) => fs.existsSync(p));
  if (existing.length === 1 && logPaths.length === 1) return s.blobs.put(existing[0]);
  const tmp = path.join(tmpDirOf(s), `log-${process.pid}-${Date.now()}-${Math.random().toString(16).slice(2)}`);
  const fd = fs.openSync(tmp, 'wx', 0o600);
  try {
    const chunk = Buffer.alloc(1 << 20);
    for (const p of existing) {
      const src = fs.openSync(p, 'r');
      try {
        let n: number;
        while ((n = fs.readSync(src, chunk, 0, chunk.length, null)) > 0) fs.writeSync(fd, chunk, 0, n);
      } finally {
        fs.closeSync(src);
      }
    }
  } finally {
    fs.closeSync(fd);
  }
  try {
    return await s.blobs.put(tmp);
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

/** Hex SHA-256 of a file, read in chunks. */
export function fileSha256(file: string): string {
  const hash = createHash('sha256');
  const fd = fs.openSync(file, 'r');
  try {
    const chunk = Buffer.alloc(1 << 20);
    let n: number;
    while ((n = fs.readSync(fd, chunk, 0, chunk.length, null)) > 0) hash.update(chunk.subarray(0, n));
  } finally {
    fs.closeSync(fd);
  }
  return hash.digest('hex');
}
