/**
 * A strict zip reader for bundles and requests. It walks the central
 * directory itself (fflate's unzip hides attributes and merges duplicates)
 * and refuses what an extractor could be tricked by: `..` and absolute
 * paths, symlink and device entries, duplicate names (also differing only in
 * case), encryption, zip64, local headers that disagree, bad CRCs, and
 * sizes past the limits. Nothing is ever written to disk.
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

const DEFAULT_LIMITS: ZipLimits = { maxEntries: 100_000, maxEntryBytes: 1 << 30, maxTotalBytes: 2 * (1 << 30) };
const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const S_IFMT = 0o170000;

export function readZip(buf: Buffer, limits: ZipLimits = DEFAULT_LIMITS): ZipContents {
  const files = new Map<string, Buffer>();
  const problems: ZipProblem[] = [];
  const eocd = findEocd(buf);
  if (eocd < 0) return { files, problems: [{ file: '(zip)', message: 'not a zip file (no end of central directory)' }] };
  const count = buf.readUInt16LE(eocd + 10);
  const cdSize = buf.readUInt32LE(eocd + 12);
  let off = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || off === 0xffffffff || buf.readUInt16LE(eocd + 4) !== 0 || buf.readUInt16LE(eocd + 6) !== 0) {
    return { files, problems: [{ file: '(zip)', message: 'zip64 and multi-disk archives are not supported' }] };
  }
  if (off + cdSize > eocd || count > limits.maxEntries) {
    return { files, problems: [{ file: '(zip)', message: 'corrupt zip: the central directory is out of bounds or too large' }] };
  }
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
    off += 46 + nameLen + extraLen + commentLen;
    const name = rawName.toString(flags & 0x800 ? 'utf8' : 'latin1');
    const bad = (message: string) => problems.push({ file: name, message: `${name}: ${message}` });
    const isDir = name.endsWith('/');
    const unsafe = unsafePathProblem(isDir ? name.slice(0, -1) : name);
    if (unsafe) {
      bad(unsafe === 'absolute path' ? 'absolute path in zip' : unsafe.includes('..') ? 'zip-slip: the path leaves the archive ("..")' : unsafe);
      continue;
    }
    const mode = madeBy >> 8 === 3 ? attrs >>> 16 : 0;
    const type = mode & S_IFMT;
    if (type === 0o120000) {
      bad('symlink entry in zip (links are not allowed)');
      continue;
    }
    if (type !== 0 && type !== 0o100000 && type !== 0o040000) {
      bad('special file entry in zip (only regular files are allowed)');
      continue;
    }
    const folded = name.toLowerCase();
    if (seen.has(folded)) {
      bad(seen.get(folded) === name ? 'duplicate entry in zip' : `duplicate entry in zip (differs only in case from ${seen.get(folded)})`);
      files.delete(seen.get(folded)!);
      continue;
    }
    seen.set(folded, name);
    if (isDir) continue;
    if (flags & 1) {
      bad('encrypted entries are not supported');
      continue;
    }
    if (size > limits.maxEntryBytes || (total += size) > limits.maxTotalBytes) {
      bad('too large');
      continue;
    }
    // Deflate cannot expand more than ~1032:1; a larger claim is a bomb, and a stored entry is its own size.
    if ((method === 0 && size !== compSize) || (method === 8 && size > compSize * 1032 + 1024)) {
      bad('implausible sizes (a zip bomb?)');
      continue;
    }
    const data = entryData(buf, localOff, rawName, compSize);
    if (typeof data === 'string') {
      bad(data);
      continue;
    }
    let bytes: Buffer;
    try {
      if (method === 0) bytes = Buffer.from(data);
      else if (method === 8) bytes = Buffer.from(inflateSync(data, { out: new Uint8Array(size) }));
      else {
        bad(`unsupported compression method ${method}`);
        continue;
      }
    } catch {
      bad('corrupt compressed data');
      continue;
    }
    if (bytes.length !== size || crc32(bytes) !== crc) {
      bad('corrupt entry: its size or CRC does not match');
      continue;
    }
    files.set(name, bytes);
  }
  return { files, problems };
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
