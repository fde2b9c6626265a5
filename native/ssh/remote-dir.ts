/** Where an attempt's state lives on a remote host: under the ssh user's home, unique per attempt. */
import { randomBytes } from 'node:crypto';
import { safeSegment } from '../fs/run-dir';

export const REMOTE_ROOT = '.release-cockpit/runs';

/**
 * `.release-cockpit/runs/<plan>/<gate>/run-<n>-<random>/attempt-<k>`, relative
 * to the home directory. The random part keeps two cockpits (two laptops, two
 * databases) that run the same plan on one host out of each other's way.
 */
export function remoteStateDir(label: string, attempt: number): string {
  const parts = label.split('/').map(safeSegment);
  const last = parts.length - 1;
  parts[last] = `${parts[last]}-${randomBytes(4).toString('hex')}`;
  return `${REMOTE_ROOT}/${parts.join('/')}/attempt-${attempt}`;
}
