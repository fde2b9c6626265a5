/** Shell quoting round-trips through a real POSIX sh for hostile strings (what a remote login shell parses). */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { exportLines, shQuote } from '../../../native/ssh/shell-quote';

const NASTY = [
  "it's", '"double"', 'a  b\tc', '$HOME $(id) `id` ${x:-y}', 'back\\slash\\', 'new\nline', '!bang', '*.glob ?', '-n', '~/not-home', 'ünïcödé ✓', "'", "''", '',
];

describe('shell quoting through sh', () => {
  it.each(NASTY.map((s) => [JSON.stringify(s), s]))('%s survives as one word', (_label, s) => {
    const out = execFileSync('/bin/sh', ['-c', `printf '%s' ${shQuote(s)}`]);
    expect(out.toString('utf8')).toBe(s);
  });

  it('exported env lines give back every value exactly', () => {
    const env = Object.fromEntries(NASTY.map((v, i) => [`V${i}`, v]));
    const script = `${exportLines(env)}\nfor i in ${NASTY.map((_, i) => i).join(' ')}; do eval "printf '%s\\\\0' \\"\\$V$i\\""; done`;
    const got = execFileSync('/bin/sh', ['-c', script]).toString('utf8').split('\0').slice(0, -1);
    expect(got).toEqual(NASTY);
  });
});
