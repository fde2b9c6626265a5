/**
 * A strict zip reader for bundles and requests. It walks the central
 * directory itself (fflate's unzip hides attributes and merges duplicates)
 * and refuses what an extractor could be tricked by: `..` and absolute
 * paths, symlink and device entries, duplicate names (also differing only in
 * case), directories named like files, Unicode-path extra fields (which
 * rename an entry for `unzip` but not for a reader that ignores them),
 * encryption, zip64, local headers that disagree, bad CRCs, and sizes past
 * the limits. Every entry is checked, and the declared sizes summed, before
 * the first byte is inflated: a zip bomb costs no memory. Nothing is ever
 * written to disk.
 */
import { inflateSync } from 'fflate';
import { unsafePathProblem } from '../../electron/core/release/layout';
import { crc32 } from './crc32';

export interface ZipProblem {
  file: string;
  message: string;
}

export interface ZipContents {
  files: Map<string, Buffer>;
  problems: ZipProblem[];
}

export interface ZipLimits {
  maxEntries: number;
  maxEntryBytes: number;
  maxTotalBytes: number;
}

/** One set of limits for every zip from outside: uploaded bundles, request zips, `verify` and `sign` of a .zip. */
export const ZIP_LIMITS: ZipLimits = { maxEntries: 20_000, maxEntryBytes: 512 * 1024 * 1024, maxTotalBytes: 1024 * 1024 * 1024 };

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const S_IFMT = 0o170000;
const S_IFDIR = 0o040000;
const DOS_DIRECTORY = 0x10;
/** Info-ZIP Unicode Path (0x7075) and Unicode Comment (0x6375): the first renames the entry for some extractors. */
const UNICODE_PATH = 0x7075;
/** Deflate cannot expand more than ~1032:1; a larger claim is a bomb. */
const MAX_DEFLATE_RATIO = 1032;

interface Entry {
  name: string;
  rawName: Buffer;
  method: number;
  crc: number;
  compSize: number;
  size: number;
  localOff: number;
}

export function readZip(buf: Buffer, limits: ZipLimits = ZIP_LIMITS): ZipContents {
  const files = new Map<string, Buffer>();
  const listed = listEntries(buf, limits);
  if ('fatal' in listed) return { files, problems: [listed.fatal] };
  const problems = listed.problems;
  for (const e of listed.entries) {
    const bad = (message: string) => problems.push({ file: e.name, message: `${e.name}: ${message}` });
    const data = entryData(buf, e.localOff, e.rawName, e.compSize);
    if (typeof data === 'string') {
      bad(data);
      continue;
    }
    let bytes: Buffer;
    try {
      if (e.method === 0) bytes = Buffer.from(data);
      // One byte of room past the declared size: fflate stops at a full buffer, so more output shows as a size mismatch.
      else if (e.method === 8) bytes = Buffer.from(inflateSync(data, { out: new Uint8Array(e.size + 1) }));
      else {
        bad(`unsupported compression method ${e.method}`);
        continue;
      }
    } catch {
      bad('corrupt compressed data');
      continue;
    }
    if (bytes.length !== e.size || crc32(bytes) !== e.crc) {
      bad('corrupt entry: its size or CRC does not match');
      continue;
    }
    files.set(e.name, bytes);
  }
  return { files, problems };
}

/**
 * The first pass: every central directory entry, checked, and the sum of
 * their sizes against the limits. Refusals that concern the whole archive
 * (not a zip, zip64, too many entries, too large in total) are fatal.
 */
function listEntries(buf: Buffer, limits: ZipLimits): { entries: Entry[]; problems: ZipProblem[] } | { fatal: ZipProblem } {
  const fatal = (message: string) => ({ fatal: { file: '(zip)', message } });
  const eocd = findEocd(buf);
  if (eocd < 0) return fatal('not a zip file (no end of central directory)');
  const count = buf.readUInt16LE(eocd + 10);
  const cdSize = buf.readUInt32LE(eocd + 12);
  let off = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || off === 0xffffffff || buf.readUInt16LE(eocd + 4) !== 0 || buf.readUInt16LE(eocd + 6) !== 0) {
    return fatal('zip64 and multi-disk archives are not supported');
  }
  if (off + cdSize > eocd) return fatal('corrupt zip: the central directory is out of bounds');
  if (count > limits.maxEntries) return fatal(`too many entries: ${count} (at most ${limits.maxEntries})`);
  const entries: Entry[] = [];
  const problems: ZipProblem[] = [];
  const seen = new Map<string, string>();
  let total = 0;
  for (let i = 0; i < count; i++) {
    if (off + 46 > buf.length || buf.readUInt32LE(off) !== CENTRAL) {
      problems.push({ file: '(zip)', message: `corrupt zip: central directory entry ${i + 1} is damaged` });
      break;
    }
    const madeBy = buf.readUInt16LE(off + 4);
    const flags = buf.readUInt16LE(off + 8);
    const method = buf.readUInt16LE(off + 10);
    const crc = buf.readUInt32LE(off + 16);
    const compSize = buf.readUInt32LE(off + 20);
    const size = buf.readUInt32LE(off + 24);
    const nameLen = buf.readUInt16LE(off + 28);
    const extraLen = buf.readUInt16LE(off + 30);
    const commentLen = buf.readUInt16LE(off + 32);
    const attrs = buf.readUInt32LE(off + 38);
    const localOff = buf.readUInt32LE(off + 42);
    const rawName = buf.subarray(off + 46, off + 46 + nameLen);
    const extra = buf.subarray(off + 46 + nameLen, off + 46 + nameLen + extraLen);
    off += 46 + nameLen + extraLen + commentLen;
    const name = rawName.toString(flags & 0x800 ? 'utf8' : 'latin1');
    const bad = (message: string) => problems.push({ file: name, message: `${name}: ${message}` });
    const isDir = name.endsWith('/');
    const unsafe = unsafePathProblem(isDir ? name.slice(0, -1) : name);
    if (unsafe) {
      bad(unsafe === 'absolute path' ? 'absolute path in zip' : unsafe.includes('..') ? 'zip-slip: the path leaves the archive ("..")' : unsafe);
      continue;
    }
    if (hasExtraField(extra, UNICODE_PATH) || hasExtraField(localExtra(buf, localOff), UNICODE_PATH)) {
      bad('Unicode-path extra field (0x7075): some extractors would name this entry otherwise; refused');
      continue;
    }
    const unix = madeBy >> 8 === 3;
    const mode = unix ? attrs >>> 16 : 0;
    const type = mode & S_IFMT;
    if (type === 0o120000) {
      bad('symlink entry in zip (links are not allowed)');
      continue;
    }
    if (type !== 0 && type !== 0o100000 && type !== S_IFDIR) {
      bad('special file entry in zip (only regular files are allowed)');
      continue;
    }
    const dirByAttrs = type === S_IFDIR || (attrs & DOS_DIRECTORY) !== 0;
    if (dirByAttrs && !isDir) {
      bad('a directory entry named like a file (no trailing "/"); an extractor would make a directory of it');
      continue;
    }
    if (isDir && (size !== 0 || compSize > 2)) {
      bad('a directory entry that holds data');
      continue;
    }
    const folded = name.toLowerCase();
    if (seen.has(folded)) {
      bad(seen.get(folded) === name ? 'duplicate entry in zip' : `duplicate entry in zip (differs only in case from ${seen.get(folded)})`);
      const i2 = entries.findIndex((x) => x.name === seen.get(folded));
      if (i2 >= 0) entries.splice(i2, 1);
      continue;
    }
    seen.set(folded, name);
    if (isDir) continue;
    if (flags & 1) {
      bad('encrypted entries are not supported');
      continue;
    }
    if (size > limits.maxEntryBytes) {
      bad(`too large: ${size} bytes inflated (at most ${limits.maxEntryBytes})`);
      continue;
    }
    if ((method === 0 && size !== compSize) || (method === 8 && size > compSize * MAX_DEFLATE_RATIO + 1024)) {
      bad('implausible sizes (a zip bomb?)');
      continue;
    }
    total += size;
    entries.push({ name, rawName, method, crc, compSize, size, localOff });
  }
  if (total > limits.maxTotalBytes) {
    return fatal(`too large: its entries inflate to ${total} bytes in all (at most ${limits.maxTotalBytes}); nothing was inflated`);
  }
  return { entries, problems };
}

function hasExtraField(extra: Buffer, id: number): boolean {
  for (let at = 0; at + 4 <= extra.length;) {
    if (extra.readUInt16LE(at) === id) return true;
    at += 4 + extra.readUInt16LE(at + 2);
  }
  return false;
}

function localExtra(buf: Buffer, off: number): Buffer {
  if (off + 30 > buf.length || buf.readUInt32LE(off) !== LOCAL) return Buffer.alloc(0);
  const nameLen = buf.readUInt16LE(off + 26);
  const extraLen = buf.readUInt16LE(off + 28);
  return buf.subarray(off + 30 + nameLen, Math.min(buf.length, off + 30 + nameLen + extraLen));
}

function entryData(buf: Buffer, off: number, centralName: Buffer, compSize: number): Buffer | string {
  if (off + 30 > buf.length || buf.readUInt32LE(off) !== LOCAL) return 'corrupt zip: missing local header';
  const nameLen = buf.readUInt16LE(off + 26);
  const extraLen = buf.readUInt16LE(off + 28);
  if (!buf.subarray(off + 30, off + 30 + nameLen).equals(centralName)) return 'the local header names another file';
  const start = off + 30 + nameLen + extraLen;
  if (start + compSize > buf.length) return 'corrupt zip: entry data is out of bounds';
  return buf.subarray(start, start + compSize);
}

function findEocd(buf: Buffer): number {
  const min = Math.max(0, buf.length - 22 - 0xffff);
  for (let i = buf.length - 22; i >= min; i--) if (buf.readUInt32LE(i) === EOCD) return i;
  return -1;
}
