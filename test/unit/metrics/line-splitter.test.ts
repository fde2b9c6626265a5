import { describe, expect, it } from 'vitest';
import { createLineSplitter, type SplitResult } from '../../../electron/core/metrics/line-splitter';
import { prng } from './helpers';

function runChunks(chunks: Buffer[], max?: number): SplitResult {
  const s = createLineSplitter(max);
  const all: SplitResult = { lines: [], oversized: [] };
  for (const c of [...chunks.map((c) => s.push(c)), s.end()]) {
    all.lines.push(...c.lines);
    all.oversized.push(...c.oversized);
  }
  return all;
}

describe('createLineSplitter', () => {
  it('splits lines, drops CR of CRLF, numbers every line from 1, flushes the last on end()', () => {
    const r = runChunks([Buffer.from('a\r\n\nb c\nlast')]);
    expect(r.lines).toEqual([
      { text: 'a', lineNo: 1 },
      { text: '', lineNo: 2 },
      { text: 'b c', lineNo: 3 },
      { text: 'last', lineNo: 4 },
    ]);
    expect(r.oversized).toEqual([]);
  });

  it('keeps a CR that is not part of the line ending', () => {
    expect(runChunks([Buffer.from('a\rb\n')]).lines).toEqual([{ text: 'a\rb', lineNo: 1 }]);
  });

  it('gives the same result for every split point, and for random multi-chunk splits', () => {
    // Multi-byte UTF-8 (é = 2 bytes, 🚀 = 4 bytes), CRLF, an empty line, and a line over the
    // 16-byte limit; an exactly-16-byte line followed by CRLF must still be kept.
    const text = 'héllo\r\n{"v":1}\n\n🚀🚀 rocket\nthis line is far too long\r\nexactly16bytes!!\r\ntail';
    const bytes = Buffer.from(text, 'utf8');
    const whole = runChunks([bytes], 16);
    expect(whole.lines.map((l) => l.text)).toEqual(['héllo', '{"v":1}', '', '🚀🚀 rocket', 'exactly16bytes!!', 'tail']);
    expect(whole.lines.map((l) => l.lineNo)).toEqual([1, 2, 3, 4, 6, 7]);
    expect(whole.oversized).toEqual([{ lineNo: 5, bytes: 25 }]);

    for (let i = 0; i <= bytes.length; i++) {
      expect(runChunks([bytes.subarray(0, i), bytes.subarray(i)], 16), `split at ${i}`).toEqual(whole);
    }
    const rand = prng(42);
    for (let round = 0; round < 300; round++) {
      const cuts = Array.from({ length: 1 + Math.floor(rand() * 8) }, () => Math.floor(rand() * bytes.length)).sort(
        (a, b) => a - b,
      );
      const chunks: Buffer[] = [];
      let prev = 0;
      for (const c of [...cuts, bytes.length]) {
        chunks.push(bytes.subarray(prev, c));
        prev = c;
      }
      expect(runChunks(chunks, 16), `cuts ${cuts.join(',')}`).toEqual(whole);
    }
    const oneByOne = [...bytes].map((b) => Buffer.from([b]));
    expect(runChunks(oneByOne, 16)).toEqual(whole);
  });

  it('is not fooled by the caller reusing its chunk buffer', () => {
    const s = createLineSplitter();
    const buf = Buffer.from('abc');
    expect(s.push(buf).lines).toEqual([]);
    buf.write('XYZ');
    expect(s.push(Buffer.from('d\n')).lines).toEqual([{ text: 'abcd', lineNo: 1 }]);
  });

  it('skips a 10 MB line without buffering it and keeps going', () => {
    const s = createLineSplitter(); // 1 MiB default
    const first = s.push(Buffer.from('{"metric":"a","value":1}\n{"big":"'));
    expect(first.lines).toEqual([{ text: '{"metric":"a","value":1}', lineNo: 1 }]);
    const chunk = Buffer.alloc(64 * 1024, 0x78); // reused, like a read buffer
    const before = process.memoryUsage().arrayBuffers;
    let pushed = 8; // '{"big":"'
    const oversized = [];
    while (pushed < 10 * 1024 * 1024) {
      const r = s.push(chunk);
      expect(r.lines).toEqual([]);
      oversized.push(...r.oversized);
      pushed += chunk.length;
    }
    const grown = process.memoryUsage().arrayBuffers - before;
    // Holding the line would take > 10 MB; the splitter may keep at most about 1 MiB (+ garbage).
    expect(grown).toBeLessThan(4 * 1024 * 1024);
    const last = s.push(Buffer.from('"}\r\n{"metric":"b","value":2}\n'));
    oversized.push(...last.oversized);
    expect(oversized).toEqual([{ lineNo: 2, bytes: pushed + 2 }]);
    expect(last.lines).toEqual([{ text: '{"metric":"b","value":2}', lineNo: 3 }]);
  });

  it('reports where to resume: committedBytes and nextLineNo', () => {
    const bytes = Buffer.from('one\ntwo\nthr');
    const s = createLineSplitter();
    s.push(bytes);
    expect(s.committedBytes).toBe(8);
    expect(s.nextLineNo).toBe(3);
    const resumed = createLineSplitter(undefined, s.nextLineNo);
    const r = resumed.push(Buffer.concat([bytes.subarray(s.committedBytes), Buffer.from('ee\n')]));
    expect(r.lines).toEqual([{ text: 'three', lineNo: 3 }]);
  });
});
