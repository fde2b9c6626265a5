/** Writes a bundle or request as a zip (fflate): regular files only, sorted, one fixed time stamp. */
import { zipSync, type Zippable } from 'fflate';

export function writeZip(files: Map<string, Uint8Array>, mtime: Date): Buffer {
  const entries: Zippable = {};
  for (const name of [...files.keys()].sort()) {
    // Unix regular file, mode 0644: readers see a plain file, never a link.
    entries[name] = [files.get(name)!, { mtime, os: 3, attrs: (0o100644 << 16) >>> 0 }];
  }
  return Buffer.from(zipSync(entries, { level: 6, mtime }));
}
