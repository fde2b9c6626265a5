import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, workspace, type Workspace } from '../../helpers/cli';

// Lines of varying length and content, 64 MiB in all, written by a script as fast as it can.
const GENERATOR = `
const total = 64 * 1024 * 1024;
let written = 0, i = 0, parts = [];
while (written < total) {
  const line = 'line ' + i + ' ' + 'abcdefghij'.repeat(i % 13) + ' ' + (i * 7919 % 100003) + '\\n';
  const piece = written + line.length > total ? line.slice(0, total - written - 1) + '\\n' : line;
  parts.push(piece); written += piece.length; i++;
  if (parts.length === 4096) { process.stdout.write(parts.join('')); parts = []; }
}
process.stdout.write(parts.join(''));
`;

describe('a gate that prints 64 MiB', () => {
  let ws: Workspace;
  let expected: Buffer;
  let plan: string;

  beforeAll(() => {
    ws = workspace();
    ws.write('gen.js', GENERATOR);
    plan = ws.write(
      'plan.yaml',
      `version: 1\nrelease: big\ncandidate: rc-1\ngates:\n  - id: big\n    run: node gen.js && node gen.js > expected.txt\n    timeout: 5m\n`,
    );
  });
  afterAll(() => ws.cleanup());

  it('stores all of it; log returns the same lines and checksum', () => {
    const run = runCli(['run', plan, '--db', ws.db, '--json']);
    expect(run.code).toBe(0);
    expected = readFileSync(join(ws.dir, 'expected.txt'));
    expect(expected.length).toBe(64 * 1024 * 1024);
    const log = runCli(['log', plan, '--db', ws.db, '--gate', 'big']);
    expect(log.code).toBe(0);
    const normalised = Buffer.from(log.stdoutBytes.toString('latin1').replace(/\r\n/g, '\n'), 'latin1');
    expect(normalised.length).toBe(expected.length);
    const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
    expect(sha(normalised)).toBe(sha(expected));
    const status = JSON.parse(runCli(['status', plan, '--db', ws.db, '--json']).stdout);
    expect(status.gates[0].attempts[0].logBytes).toBe(log.stdoutBytes.length);
  }, 180_000);
});
