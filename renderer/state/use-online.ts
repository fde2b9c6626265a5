/** Actions that change things wait for a live connection rather than queueing blind. */
import { useConnection } from './connection';

export function useOnline(): boolean {
  return useConnection((s) => s.state === 'online');
}

export const OFFLINE_HINT = 'Not connected to the host';
