/** Reads part of an attempt's log by byte offset; the file may still be growing. */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type { LogSlice } from '../../contract/contract';

export const DEFAULT_SLICE_BYTES = 1024 * 1024;

export function readLogSlice(path: string, offset = 0, limit = DEFAULT_SLICE_BYTES): LogSlice {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { data: '', offset, total: 0 };
    throw err;
  }
  try {
    const total = fstatSync(fd).size;
    const start = Math.min(offset, total);
    const length = Math.min(limit, total - start);
    const buf = Buffer.alloc(length);
    let got = 0;
    while (got < length) {
      const n = readSync(fd, buf, got, length - got, start + got);
      if (n === 0) break;
      got += n;
    }
    return { data: buf.subarray(0, got).toString('base64'), offset: start, total };
  } finally {
    closeSync(fd);
  }
}
