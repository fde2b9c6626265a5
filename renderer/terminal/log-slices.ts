/** Reads an attempt's stored log through `run.log`, slice by slice. */
import { api } from '../api';
import { base64ToBytes, concatBytes } from '../lib/bytes';

export const SLICE_BYTES = 1024 * 1024;

export interface Slice {
  bytes: Uint8Array;
  offset: number;
  total: number;
}

/** Yields the log from `from` to its end; the end moves while the run is still writing. */
export async function* readSlices(runId: number, attempt: number, from = 0): AsyncGenerator<Slice> {
  let offset = from;
  for (;;) {
    const slice = await api().request('run.log', { runId, attempt, offset, limit: SLICE_BYTES });
    const bytes = base64ToBytes(slice.data);
    yield { bytes, offset: slice.offset, total: slice.total };
    offset = slice.offset + bytes.length;
    if (bytes.length === 0 || offset >= slice.total) return;
  }
}

/** Current stored size of an attempt's log. */
export async function logSize(runId: number, attempt: number): Promise<number> {
  const slice = await api().request('run.log', { runId, attempt, offset: 0, limit: 1 });
  return slice.total;
}

/** Every stored byte of the given attempts, in order (what `release-cockpit log` prints). */
export async function readWholeLog(runId: number, attempts: number[]): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for (const n of attempts) {
    for await (const s of readSlices(runId, n)) parts.push(s.bytes);
  }
  return concatBytes(parts);
}

export function downloadBytes(fileName: string, bytes: Uint8Array): void {
  const blob = new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/octet-stream' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
