import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic, formatDiagnostics } from '../../../electron/core/plan/diagnostics';
import { parsePlan } from '../../../electron/core/plan/parse-plan';
import type { Diagnostic } from '../../../electron/core/plan/types';

const FILE = 'plans/release.yaml';
const KEY = `ed25519:${Buffer.alloc(32, 7).toString('base64')}`;
const HEAD = 'version: 1\nrelease: r\ncandidate: rc-1\n'; // lines 1-3

function errors(text: string): Diagnostic[] {
  const r = parsePlan(text, FILE);
  if (r.ok) throw new Error('expected the plan to be rejected');
  return r.diagnostics;
}

/** The only diagnostic; fails if there are more (one mistake must give one message). */
function single(text: string): Diagnostic {
  const ds = errors(text);
  expect(ds.map((d) => `${d.line}:${d.col} ${d.message}`)).toHaveLength(1);
  expect(ds[0].file).toBe(FILE);
  return ds[0];
}

describe('YAML syntax errors', () => {
  it('a tab used for indentation', () => {
    const d = single(`${HEAD}gates:\n  - id: a\n\trun: x\n`);
    expect(d).toMatchObject({ line: 6, col: 1 });
    expect(d.message).toMatch(/tab is used for indentation/);
  });

  it('a key indented deeper than its siblings', () => {
    const d = single(`${HEAD}gates:\n  - id: a\n    run: x\n      timeout: 1m\n`);
    expect(d).toMatchObject({ line: 7, col: 7 });
    expect(d.message).toMatch(/bad indentation: "timeout"/);
  });

  it('a key indented less than its siblings', () => {
    const d = single(`${HEAD}gates:\n  - id: a\n    run: x\n   timeout: 1m\n`);
    expect(d).toMatchObject({ line: 7, col: 4 });
    expect(d.message).toMatch(/bad indentation/);
  });

  it('a duplicate key is reported, and validation still goes on', () => {
    const ds = errors(`${HEAD}gates:\n  - id: a\n    run: x\n    timeout: 1m\n    timeout: 2m\n    repeat: 0\n`);
    expect(ds.map((d) => [d.line, d.col])).toEqual([[8, 5], [9, 13]]);
    expect(ds[0].message).toMatch(/duplicate key "timeout"/);
    expect(ds[1].message).toMatch(/"repeat" in gate "a": expected an integer >= 1/);
  });

  it('positions ignore a byte-order mark and CRLF line endings', () => {
    const d = single(`\uFEFF${HEAD}gates:\r\n  - id: a\r\n    run: x\r\n    timeout: 50\r\n`);
    expect(d).toMatchObject({ line: 7, col: 14 });
  });

  it('an unknown alias', () => {
    const d = single(`${HEAD}gates:\n  - id: a\n    run: *cmd\n`);
    expect(d).toMatchObject({ line: 6, col: 10, message: expect.stringMatching(/unknown alias "\*cmd"/) });
  });

  it('an under-indented list item', () => {
    const d = single(`${HEAD}gates:\n  - id: a\n    run: x\n - id: b\n   run: y\n`);
    expect(d).toMatchObject({ line: 7, col: 2, message: expect.stringMatching(/bad indentation: this list item/) });
  });

  it('an empty file', () => {
    expect(single('').message).toMatch(/plan is empty/);
  });
});

describe('structure errors', () => {
  it('unknown key with a suggestion', () => {
    const d = single(`${HEAD}gates:\n  - id: soak\n    run: x\n    timout: 50h\n`);
    expect(d).toMatchObject({ line: 7, col: 5 });
    expect(d.message).toMatch(/^unknown key "timout" in gate "soak"; expected one of: id, title, needs/);
    expect(d.message).toMatch(/did you mean "timeout"\?$/);
  });

  it('unknown keys at the top level and inside nested maps', () => {
    const ds = errors(`${HEAD}gatez: []\ngates:\n  - id: a\n    run: x\n    metrics: { scrape: { url: "http://x/m", evry: 5s } }\n`);
    expect(ds.map((d) => [d.line, d.col])).toEqual([[4, 1], [8, 45]]);
    expect(ds[0].message).toMatch(/unknown key "gatez" in the plan.*did you mean "gates"/);
    expect(ds[1].message).toMatch(/unknown key "evry" in metrics.scrape of gate "a".*did you mean "every"/);
  });

  it('missing required keys are reported at the mapping', () => {
    const ds = errors('version: 1\ngates:\n  - run: x\n');
    expect(ds.map((d) => `${d.line}:${d.col} ${d.message.split(';')[0]}`)).toEqual([
      '1:1 missing key "release" in the plan',
      '1:1 missing key "candidate" in the plan',
      '3:5 missing key "id" in gate 1',
    ]);
  });

  it('a gate needs exactly one of run or probe', () => {
    expect(single(`${HEAD}gates:\n  - id: a\n`)).toMatchObject({ line: 5, col: 5, message: expect.stringMatching(/neither "run" and "probe"/) });
    const both = single(`${HEAD}gates:\n  - id: a\n    run: x\n    probe: [{ get: http://x/, expect: 200 }]\n`);
    expect(both.message).toMatch(/both "run" and "probe"/);
  });

  it('version must be 1 and candidate a valid tag', () => {
    const ds = errors('version: 2\nrelease: r\ncandidate: "rc 1..x"\ngates:\n  - id: a\n    run: x\n');
    expect(ds.map((d) => [d.line, d.col])).toEqual([[1, 10], [3, 12]]);
    expect(ds[0].message).toMatch(/expected 1/);
    expect(ds[1].message).toMatch(/not a valid git tag name/);
  });
});

describe('gate errors', () => {
  it('duplicate gate id, at the second, naming the first line', () => {
    const d = single(`${HEAD}gates:\n  - id: build\n    run: x\n  - id: build\n    run: y\n`);
    expect(d).toMatchObject({ line: 7, col: 9 });
    expect(d.message).toMatch(/duplicate gate id "build" \(first defined at line 5\)/);
  });

  it('a cycle is one error naming the path', () => {
    const d = single(`${HEAD}gates:\n  - id: a\n    needs: [b]\n    run: x\n  - id: b\n    needs: [a]\n    run: x\n`);
    expect(d).toMatchObject({ line: 6, col: 13 });
    expect(d.message).toMatch(/dependency cycle: a -> b -> a/);
  });

  it('a gate that needs itself is a cycle', () => {
    expect(single(`${HEAD}gates:\n  - id: a\n    needs: [a]\n    run: x\n`).message).toMatch(/cycle: a -> a/);
  });

  it('unknown needs', () => {
    const d = single(`${HEAD}gates:\n  - id: build\n    run: x\n  - id: test\n    needs: [build, biuld]\n    run: y\n`);
    expect(d).toMatchObject({ line: 8, col: 20 });
    expect(d.message).toMatch(/unknown gate "biuld" in "needs" of gate "test".*did you mean "build"/);
  });

  it('unknown host', () => {
    const d = single(`${HEAD}hosts:\n  box: { ssh: me@box }\ngates:\n  - id: a\n    on: bx\n    run: x\n`);
    expect(d).toMatchObject({ line: 8, col: 9 });
    expect(d.message).toMatch(/unknown host "bx" in "on" of gate "a"; expected one of the hosts: box/);
  });

  it('bad durations', () => {
    const ds = errors(`${HEAD}gates:\n  - id: a\n    run: x\n    timeout: 50\n    grace: soon\n`);
    expect(ds.map((d) => [d.line, d.col])).toEqual([[7, 14], [8, 12]]);
    for (const d of ds) expect(d.message).toMatch(/expected a duration like 10m or 50h/);
  });

  it('evidence must stay relative and inside the gate cwd', () => {
    const ds = errors(`${HEAD}gates:\n  - id: a\n    run: x\n    evidence: [ok/*.json, /etc/passwd, ../up.txt, a/../../b]\n`);
    expect(ds.map((d) => [d.line, d.col])).toEqual([[7, 27], [7, 40], [7, 51]]);
    expect(ds[0].message).toMatch(/is absolute/);
    expect(ds[1].message).toMatch(/"\.\." segment/);
  });

  it('determinism needs repeat >= 2 and junit', () => {
    const d = single(`${HEAD}gates:\n  - id: a\n    run: x\n    determinism: true\n`);
    expect(d).toMatchObject({ line: 7, col: 18 });
    expect(d.message).toMatch(/repeat: 2 or more and junit/);
  });

  it('signoff quorum larger than the distinct people holding the roles', () => {
    const other = `ed25519:${Buffer.alloc(32, 8).toString('base64')}`;
    const text = `${HEAD}signers:\n  - { name: Ada, key: "${KEY}", roles: [ops] }\n  - { name: Ada, key: "${other}", roles: [ops] }\n` +
      'gates:\n  - id: a\n    run: x\n    signoff: { roles: [ops], quorum: 2 }\n';
    const d = single(text);
    expect(d).toMatchObject({ line: 10, col: 38 });
    expect(d.message).toMatch(/quorum of 2, but only 1 \(Ada\) hold/);
  });

  it('probe errors', () => {
    const ds = errors(`${HEAD}gates:\n  - id: p\n    probe:\n` +
      '      - { get: http://x/, post: http://x/, expect: 200 }\n' +
      '      - { get: ftp://x/, expect: 200 }\n' +
      '      - { get: http://x/, expect: 6xx }\n' +
      '      - { burst: { get: http://x/, count: 0 }, expect: { some: 429 } }\n');
    expect(ds.map((d) => `${d.line}:${d.col}`)).toEqual(['7:9', '8:16', '9:35', '10:43']);
    expect(ds[0].message).toMatch(/exactly one request method key.*got get, post/);
    expect(ds[1].message).toMatch(/http:\/\/ or https:\/\/ URL/);
    expect(ds[2].message).toMatch(/status code \(100..599\) or a class like 5xx/);
    expect(ds[3].message).toMatch(/integer from 1 to 10000/);
  });

  it('checklist items must name gates', () => {
    const d = single(`${HEAD}gates:\n  - id: soak\n    run: x\nchecklist:\n  doc: d.md\n  items: { "Gate 1": sok }\n`);
    expect(d).toMatchObject({ line: 9, col: 22 });
    expect(d.message).toMatch(/unknown gate "sok" for checklist item "Gate 1".*did you mean "soak"/);
  });
});

describe('threshold errors point into the expression', () => {
  /** Line 8 is `      m: ["EXPR"]`: the expression starts at column 12. */
  const withExpr = (expr: string) => single(`${HEAD}gates:\n  - id: a\n    run: x\n    thresholds:\n      m: ["${expr}"]\n`);

  it.each([
    ['avgg < 200', 12, /unknown aggregation "avgg".*did you mean "avg"/],
    ['p(95) <', 19, /expected a number after "<"/],
    ['avg < 5MB/h', 19, /unit "MB\/h" is only allowed with slope/],
    ['p(0) < 1', 14, /p\(0\) is out of range/],
    ['p(101) < 1', 14, /p\(101\) is out of range/],
    ['avg 200', 16, /comparison operator/],
    ['slope < 5XB/h', 21, /unknown rate unit/],
  ])('%s at column %d', (expr, col, re) => {
    const d = withExpr(expr);
    expect(d).toMatchObject({ line: 8, col });
    expect(d.message).toMatch(re);
    expect(d.message).toContain(`bad threshold "${expr}" for "m"`);
  });

  it('in a plain (unquoted) list item', () => {
    const d = single(`${HEAD}gates:\n  - id: a\n    run: x\n    thresholds:\n      m:\n        - avg < 5MB/h\n`);
    expect(d).toMatchObject({ line: 9, col: 18 });
  });

  it('in the long form, and a bad metric key', () => {
    const ds = errors(`${HEAD}gates:\n  - id: a\n    run: x\n    thresholds:\n` +
      '      m: [{ threshold: "p(95) < x", abortOnFail: maybe }]\n      "bad name{x}": ["avg < 1"]\n');
    expect(ds.map((d) => `${d.line}:${d.col}`)).toEqual(['8:33', '8:50', '9:7']);
    expect(ds[1].message).toMatch(/"abortOnFail".*expected true or false/);
    expect(ds[2].message).toMatch(/invalid metric key/);
  });
});

describe('signer key errors', () => {
  const withKey = (key: string) => single(`${HEAD}signers:\n  - name: Ada\n    key: ${key}\n    roles: [ops]\ngates:\n  - id: a\n    run: x\n`);

  it('missing prefix', () => {
    const d = withKey(Buffer.alloc(32).toString('base64'));
    expect(d).toMatchObject({ line: 6, col: 10 });
    expect(d.message).toMatch(/must start with "ed25519:"/);
  });

  it('bad base64', () => {
    const d = withKey('ed25519:not*base64!');
    expect(d).toMatchObject({ line: 6, col: 10 });
    expect(d.message).toMatch(/not valid base64/);
  });

  it('wrong length', () => {
    const d = withKey(`ed25519:${Buffer.alloc(31).toString('base64')}`);
    expect(d).toMatchObject({ line: 6, col: 10 });
    expect(d.message).toMatch(/decodes to 31 bytes; expected exactly 32/);
  });

  it('the same key twice', () => {
    const d = single(`${HEAD}signers:\n  - { name: Ada, key: "${KEY}", roles: [a] }\n  - { name: Bob, key: "${KEY}", roles: [b] }\ngates:\n  - id: a\n    run: x\n`);
    expect(d).toMatchObject({ line: 6, col: 5 });
    expect(d.message).toMatch(/duplicate signer key for "Bob".*"Ada" at line 5/);
  });

  const KEY2 = `ed25519:${Buffer.alloc(32, 8).toString('base64')}`;
  const twoNames = (a: string, b: string) =>
    `${HEAD}signers:\n  - { name: "${a}", key: "${KEY}", roles: [qa] }\n  - { name: "${b}", key: "${KEY2}", roles: [qa] }\ngates:\n  - id: a\n    run: x\n`;

  it.each([
    ['a zero-width space', 'Rui\\u200bQA', /signer name "Rui\\u200bQA" looks the same as "Rui QA" at line 5/],
    ['a zero-width space beside the space', 'Rui \\u200bQA', /looks the same as "Rui QA"/],
    ['full-width letters', '\\uff32ui QA', /looks the same as "Rui QA"/],
    ['another case and spacing', 'rui  qa', /signer name "rui {2}qa" looks the same as "Rui QA"/],
    ['a right-to-left mark', 'Rui QA\\u200f', /looks the same as "Rui QA"/],
    ['a Braille blank for the space', 'Rui\\u2800QA', /signer name "Rui\\u2800QA" looks the same/],
    ['a Hangul filler', 'Rui\\u3164QA', /looks the same as "Rui QA"/],
  ])('a look-alike name (%s) for a second key', (_what, second, message) => {
    const d = single(twoNames('Rui QA', second));
    expect(d).toMatchObject({ line: 6, col: 5 });
    expect(d.message).toMatch(message);
  });

  it('one person with two keys under one name is allowed', () => {
    expect(parsePlan(twoNames('Rui QA', 'Rui QA'), FILE).ok).toBe(true);
  });
});

describe('reporting', () => {
  it('a plan with 5 different errors reports all 5, sorted', () => {
    const text = [
      'version: 1',
      'release: r',
      'candidate: rc-1',
      'hosts:',
      '  box: { ssh: me@box, port: 22 }',
      'gates:',
      '  - id: a',
      '    run: x',
      '    timout: 5m', // 9: unknown key
      '    needs: [zz]', // 10: unknown needs
      '  - id: b',
      '    on: nowhere', // 12: unknown host
      '    run: y',
      '    grace: 5', // 14: bad duration
      '    thresholds: { m: ["p(101) < 1"] }', // 15: bad threshold
    ].join('\n');
    const ds = errors(text);
    expect(ds.map((d) => `${d.line}:${d.col}`)).toEqual(['9:5', '10:13', '12:9', '14:12', '15:26']);
    expect(ds.map((d) => d.message.split(/[;:]/)[0])).toEqual([
      'unknown key "timout" in gate "a"',
      'unknown gate "zz" in "needs" of gate "a"',
      'unknown host "nowhere" in "on" of gate "b"',
      '"grace" in gate "b"',
      'bad threshold "p(101) < 1" for "m"',
    ]);
    expect(formatDiagnostics(ds).split('\n')).toHaveLength(5);
  });

  it('formats file:line:col: message, sorted by line then column', () => {
    const d = (line: number, col: number, message: string): Diagnostic => ({ file: 'p.yaml', line, col, message });
    expect(formatDiagnostic(d(3, 7, 'oops'))).toBe('p.yaml:3:7: oops');
    expect(formatDiagnostics([d(9, 1, 'c'), d(2, 5, 'b'), d(2, 1, 'a')])).toBe('p.yaml:2:1: a\np.yaml:2:5: b\np.yaml:9:1: c');
  });

  it('uses the file name as given in diagnostics', () => {
    const file = path.join('some', 'dir', 'plan.yaml');
    const r = parsePlan(readFileSync(path.resolve(__dirname, '../../fixtures/plans/bad-duration.yaml'), 'utf8'), file);
    expect(r.ok ? [] : r.diagnostics.map(formatDiagnostic)).toEqual([
      `${file}:7:14: "timeout" in gate "soak": expected a duration like 10m or 50h, got "50"`,
    ]);
  });
});

describe('secrets', () => {
  it("refuses a gate secret that is the cockpit's own passphrase, at its value", () => {
    const d = single(`${HEAD}gates:\n  - id: a\n    run: x\n    env: { K: "\${secret:COCKPIT_PASSPHRASE}" }\n`);
    expect(d).toMatchObject({ line: 7, col: 15 });
    expect(d.message).toMatch(/\$\{secret:COCKPIT_PASSPHRASE\} would hand the cockpit's key passphrase to the gate.*\(in env of gate "a", "K"\)/);
  });
});
