/**
 * What the release module needs from the store and the machine: runs and
 * their audit chain, the release records, blobs, metrics exports, the store's
 * directories, and bundles, zips and git. Not the runner, not the lifecycle.
 */
import type { Services } from '../ports';

export type ReleaseDeps = Pick<Services, 'store' | 'records' | 'blobs' | 'metrics' | 'layout' | 'io'>;
