/** Where a run's files live: `<runsDir>/<planKey>/<gateId>/run-<n>`, with safe names. */
import { createHash } from 'node:crypto';
import path from 'node:path';

/**
 * A single path segment made of portable characters. When anything had to be
 * replaced, a short hash of the original keeps distinct names distinct
 * (`a/b` and `a_b` must not share a directory).
 */
export function safeSegment(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9._@-]/g, '_').replace(/^\.+/, '_');
  if (cleaned === name && cleaned !== '') return cleaned;
  const tag = createHash('sha256').update(name).digest('hex').slice(0, 8);
  return `${cleaned.slice(0, 80)}-${tag}`;
}

export function runDirFor(runsDir: string, planKey: string, gateId: string, runNo: number): string {
  return path.join(runsDir, safeSegment(planKey), safeSegment(gateId), `run-${runNo}`);
}

export const METRICS_FILE = 'metrics.jsonl';
