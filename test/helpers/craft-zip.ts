/** Zips built by hand for tests of the zip reader: every header field as an attacker would set it. */
import { crc32 } from '../../native/archive/crc32';

/** A zip built by hand, entry by entry, so each header field can be what an attacker wants. */
export interface RawEntry {
  name: string;
  data: Buffer;
  /** Deflated bytes and the size they claim to inflate to; stored when absent. */
  deflated?: { bytes: Buffer; size: number; crc: number };
  attrs?: number;
  madeBy?: number;
  extra?: Buffer;
}

export function craftZip(entries: RawEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const extra = e.extra ?? Buffer.alloc(0);
    const body = e.deflated ? e.deflated.bytes : e.data;
    const crc = e.deflated ? e.deflated.crc : crc32(e.data);
    const size = e.deflated ? e.deflated.size : e.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x800, 6);
    local.writeUInt16LE(e.deflated ? 8 : 0, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(extra.length, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(e.madeBy ?? (3 << 8) | 20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x800, 8);
    central.writeUInt16LE(e.deflated ? 8 : 0, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt16LE(extra.length, 30);
    central.writeUInt32LE(e.attrs ?? ((0o100644 << 16) >>> 0), 38);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, extra, body);
    centrals.push(central, name, extra);
    offset += 30 + name.length + extra.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(entries.length, 8);
  eocd.writeUInt16LE(entries.length, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, eocd]);
}

export function unicodePathField(name: string): Buffer {
  const n = Buffer.from(name, 'utf8');
  const f = Buffer.alloc(4 + 5 + n.length);
  f.writeUInt16LE(0x7075, 0);
  f.writeUInt16LE(5 + n.length, 2);
  f.writeUInt8(1, 4);
  n.copy(f, 9);
  return f;
}
