import { deflateSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readZip } from '../../../native/archive/zip-read';
import { writeZip } from '../../../native/archive/zip-write';
import { crc32 } from '../../../native/archive/crc32';
import { craftZip, unicodePathField } from '../../helpers/craft-zip';

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

describe('readZip: what an extractor would read differently', () => {
  it('refuses an entry with a Unicode-path extra field (unzip would extract it under another name)', () => {
    const zip = craftZip([
      { name: 'gates/build/run-1.log', data: Buffer.from('the real log') },
      { name: 'gates/build/evidence/x.txt', data: Buffer.from('forged'), extra: unicodePathField('gates/build/run-1.log') },
    ]);
    const out = readZip(zip);
    expect(out.problems.map((p) => p.message)).toEqual([expect.stringMatching(/^gates\/build\/evidence\/x\.txt: Unicode-path extra field \(0x7075\)/)]);
    expect([...out.files.keys()]).toEqual(['gates/build/run-1.log']);
  });

  it('refuses a directory entry named like a file, by unix mode or by DOS attribute', () => {
    const zip = craftZip([
      { name: 'gates/build/run-1.log', data: Buffer.alloc(0), attrs: ((0o040755 << 16) >>> 0) },
      { name: 'gates/smoke/run-1.log', data: Buffer.alloc(0), attrs: 0x10, madeBy: 20 },
      { name: 'gates/', data: Buffer.from('data in a directory') , attrs: ((0o040755 << 16) >>> 0) },
    ]);
    const messages = readZip(zip).problems.map((p) => p.message);
    expect(messages).toEqual([
      expect.stringMatching(/^gates\/build\/run-1\.log: a directory entry named like a file/),
      expect.stringMatching(/^gates\/smoke\/run-1\.log: a directory entry named like a file/),
      expect.stringMatching(/^gates\/: a directory entry that holds data/),
    ]);
  });
});

describe('readZip: bombs are refused before anything is inflated', () => {
  const MiB = 1024 * 1024;
  const chunk = Buffer.alloc(4 * MiB);
  const deflated = { bytes: Buffer.from(deflateSync(chunk, { level: 9 })), size: chunk.length, crc: crc32(chunk) };

  it('a 1.8 MB zip that would inflate to 2.8 GB: refused in well under a second, memory bounded', () => {
    const count = Math.ceil((2.8 * 1024 * MiB) / chunk.length);
    const zip = craftZip(Array.from({ length: count }, (_, i) => ({ name: `gates/g/evidence/${i}.bin`, data: chunk, deflated })));
    expect(zip.length).toBeLessThan(4 * MiB);
    global.gc?.();
    const before = process.memoryUsage();
    const t0 = performance.now();
    const out = readZip(zip);
    const ms = performance.now() - t0;
    const grew = process.memoryUsage().rss - before.rss;
    expect(out.files.size).toBe(0);
    expect(out.problems).toEqual([{ file: '(zip)', message: expect.stringMatching(/^too large: its entries inflate to \d+ bytes in all \(at most 1073741824\); nothing was inflated$/) }]);
    expect(ms).toBeLessThan(500);
    expect(grew).toBeLessThan(64 * MiB);
  });

  it('an entry that inflates to more than it declares (an extractor would write it all)', () => {
    const real = Buffer.from('x'.repeat(107));
    const claimed = Buffer.from('hello world');
    const zip = craftZip([{ name: 'a.txt', data: claimed, deflated: { bytes: Buffer.from(deflateSync(real)), size: claimed.length, crc: crc32(claimed) } }]);
    const out = readZip(zip);
    expect(out.files.size).toBe(0);
    expect(out.problems[0].message).toMatch(/a\.txt: corrupt entry: its size or CRC does not match/);
  });

  it('one entry past the per-entry limit, and an entry claiming more than deflate can give', () => {
    const big = craftZip([{ name: 'a.bin', data: chunk, deflated: { ...deflated, size: 600 * MiB } }]);
    expect(readZip(big).problems[0].message).toMatch(/a\.bin: too large: 629145600 bytes inflated \(at most 536870912\)/);
    const liar = craftZip([{ name: 'a.bin', data: chunk, deflated: { ...deflated, size: deflated.bytes.length * 2000 } }]);
    expect(readZip(liar).problems[0].message).toMatch(/a\.bin: implausible sizes/);
  });
});
