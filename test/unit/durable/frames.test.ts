import { describe, expect, it } from 'vitest';
import { FrameParser, type Frame } from '../../../native/durable/frames';
import { shJoin, shQuote, dirExpr } from '../../../native/ssh/shell-quote';

const stream = Buffer.concat([
  Buffer.from('O 0 5\nhe\nlo'),
  Buffer.from('H\nM 7 3\n{}\n'),
  Buffer.from('O 5 0\nX 3\n'),
]);

function parse(chunks: Buffer[]): Frame[] {
  const frames: Frame[] = [];
  const p = new FrameParser((f) => frames.push(f));
  for (const c of chunks) p.push(c);
  return frames;
}

describe('follower frames', () => {
  it('parses the same frames however the stream is split', () => {
    const whole = parse([stream]);
    expect(whole.map((f) => f.kind)).toEqual(['data', 'heartbeat', 'data', 'data', 'exit']);
    expect(whole[0]).toMatchObject({ stream: 'log', offset: 0 });
    expect((whole[0] as { bytes: Buffer }).bytes.toString()).toBe('he\nlo');
    expect(whole[2]).toMatchObject({ stream: 'metrics', offset: 7 });
    expect(whole[4]).toEqual({ kind: 'exit', code: 3 });
    for (let cut = 1; cut < stream.length; cut++) {
      const split = parse([stream.subarray(0, cut), stream.subarray(cut)]);
      expect(JSON.stringify(split), `cut at ${cut}`).toBe(JSON.stringify(whole));
    }
  });

  it('refuses garbage instead of guessing', () => {
    expect(() => parse([Buffer.from('hello\n')])).toThrow(/garbled/);
  });
});

describe('shell quoting', () => {
  it('quotes quotes, spaces, $ and backslashes as one word', () => {
    expect(shQuote("it's")).toBe(`'it'\\''s'`);
    expect(shQuote('plain/path-1.2')).toBe('plain/path-1.2');
    expect(shQuote('')).toBe("''");
    expect(shJoin(['a b', '$HOME'])).toBe("'a b' '$HOME'");
    expect(() => shQuote('a\0b')).toThrow();
  });

  it('keeps ~ and relative directories meaning the home directory', () => {
    expect(dirExpr('~')).toBe('"$HOME"');
    expect(dirExpr('~/a b')).toBe(`"$HOME"/'a b'`);
    expect(dirExpr('srv/app')).toBe('"$HOME"/srv/app');
    expect(dirExpr('/srv/it\'s')).toBe(`'/srv/it'\\''s'`);
  });
});
