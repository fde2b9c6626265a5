import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readZip } from '../../../native/archive/zip-read';
import { writeZip } from '../../../native/archive/zip-write';

const files = new Map<string, Uint8Array>([
  ['a.txt', Buffer.from('alpha')],
  ['dir/b.bin', Buffer.alloc(5000, 7)],
]);

describe('readZip', () => {
  it('reads back what writeZip wrote, byte for byte', () => {
    const out = readZip(writeZip(files, new Date('2025-01-01T00:00:00Z')));
    expect(out.problems).toEqual([]);
    expect([...out.files.keys()].sort()).toEqual(['a.txt', 'dir/b.bin']);
    expect(out.files.get('dir/b.bin')!.equals(Buffer.alloc(5000, 7))).toBe(true);
  });

  it('refuses names that differ only in case (they collide on macOS and Windows)', () => {
    const zip = Buffer.from(zipSync({ 'Plan.yaml': Buffer.from('x'), 'plan.yaml': Buffer.from('y') }));
    const out = readZip(zip);
    expect(out.problems.map((p) => p.message)).toEqual([expect.stringMatching(/plan\.yaml: duplicate entry in zip \(differs only in case from Plan\.yaml\)/)]);
    expect(out.files.size).toBe(0);
  });

  it('refuses a corrupted entry (CRC) and a file that is not a zip', () => {
    const zip = Buffer.from(zipSync({ 'a.txt': [Buffer.from('alpha'), { level: 0 }] }));
    const at = zip.indexOf(Buffer.from('alpha'));
    zip[at] ^= 1;
    expect(readZip(zip).problems[0].message).toMatch(/a\.txt: corrupt entry/);
    expect(readZip(Buffer.from('not a zip at all')).problems[0].message).toMatch(/not a zip file/);
  });

  it('refuses an entry claiming an implausible uncompressed size', () => {
    const zip = Buffer.from(zipSync({ 'a.txt': Buffer.from('alpha'.repeat(10)) }));
    const cd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    zip.writeUInt32LE(500_000_000, cd + 24);
    expect(readZip(zip).problems[0].message).toMatch(/implausible sizes/);
  });
});
