import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LocalPtyExecutor } from '../../../native/pty/local-executor';
import { baseEnv, makeTmp, posixOnly } from './helpers';

const MiB = 1024 * 1024;

// Flow control for viewers lives in the host's TerminalStream (test/unit/host/terminal-stream.test.ts);
// the attempt's live view only fans out, so here it must lose nothing and survive a broken viewer.
describe.skipIf(posixOnly)('LocalPtyExecutor live view', () => {
  const tmp = makeTmp('pty-live');
  afterAll(() => tmp.remove());

  it('gives every viewer all output in order, byte for byte the log, even when another viewer throws', async () => {
    const logPath = join(tmp.dir, 'live.log');
    const handle = new LocalPtyExecutor().start({
      command: `head -c ${MiB} /dev/zero | tr '\\0' a; printf tail`,
      cwd: tmp.dir,
      env: baseEnv(),
      secrets: [],
      graceMs: 500,
      logPath,
    });
    const first: Buffer[] = [];
    const second: Buffer[] = [];
    let thrown = 0;
    handle.onData((chunk) => first.push(Buffer.from(chunk)));
    handle.onData(() => {
      thrown++;
      throw new Error('a broken viewer');
    });
    const late = handle.onData((chunk) => second.push(Buffer.from(chunk)));
    const outcome = await handle.done;
    late.dispose();

    expect(outcome.exitCode).toBe(0);
    expect(outcome.logBytes).toBe(MiB + 4);
    expect(thrown).toBeGreaterThan(0);
    const log = readFileSync(logPath);
    expect(Buffer.concat(first).equals(log)).toBe(true);
    expect(Buffer.concat(second).equals(log)).toBe(true);
    expect(log.toString('latin1')).toBe(`${'a'.repeat(MiB)}tail`);
  });
});
