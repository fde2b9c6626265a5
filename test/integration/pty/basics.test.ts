import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LocalPtyExecutor } from '../../../native/pty/local-executor';
import { baseEnv, makeTmp, posixOnly, runAttempt } from './helpers';

describe.skipIf(posixOnly)('LocalPtyExecutor basics', () => {
  const tmp = makeTmp('pty-basics');
  afterAll(() => tmp.remove());

  it('reports exit codes 0 and 7', async () => {
    const ok = await runAttempt(tmp.dir, 'true');
    expect(ok.outcome).toMatchObject({ exitCode: 0, signal: null, timedOut: false, cancelled: false });
    const seven = await runAttempt(tmp.dir, 'echo failing; exit 7');
    expect(seven.outcome.exitCode).toBe(7);
    expect(seven.outcome.signal).toBeNull();
  });

  it('applies env and cwd, and the pty (xterm-256color, 120x32 by default)', async () => {
    const r = await runAttempt(tmp.dir, 'echo "foo=$FOO"; pwd; echo "term=$TERM"; stty size', {
      env: baseEnv({ FOO: 'bar baz' }),
    });
    const text = r.log.toString();
    expect(text).toContain('foo=bar baz\r\n');
    expect(text).toContain(`${tmp.dir}\r\n`);
    expect(text).toContain('term=xterm-256color\r\n');
    expect(text).toContain('32 120\r\n');
    const sized = await runAttempt(tmp.dir, 'stty size', { cols: 90, rows: 20 });
    expect(sized.log.toString()).toBe('20 90\r\n');
  });

  it('stores the same bytes, in the same order, as the live stream gets', async () => {
    writeFileSync(join(tmp.dir, 'gen.sh'), 'i=0; while [ $i -lt 3000 ]; do echo "line $i é€"; i=$((i+1)); done; printf "\\033[1mbold\\033[0m no newline"');
    const r = await runAttempt(tmp.dir, 'sh gen.sh');
    expect(r.outcome.exitCode).toBe(0);
    expect(r.log.length).toBeGreaterThan(40_000);
    expect(r.live.equals(r.log)).toBe(true);
    expect(r.outcome.logBytes).toBe(r.log.length);
    expect(r.log.toString().endsWith('\x1b[1mbold\x1b[0m no newline')).toBe(true);
    expect(r.outcome.durationMs).toBeGreaterThan(0);
    expect(r.outcome.endedAt).toBeGreaterThanOrEqual(r.outcome.startedAt);
  });

  it('appends to an existing log and creates missing directories', async () => {
    const logPath = join(tmp.dir, 'deep', 'er', 'a.log');
    await runAttempt(tmp.dir, 'echo one', { logPath });
    const r = await runAttempt(tmp.dir, 'echo two', { logPath });
    expect(r.log.toString()).toBe('one\r\ntwo\r\n');
    expect(r.outcome.logBytes).toBe(5);
  });

  it('flushes the log to disk within about a second while the gate still runs', async () => {
    const logPath = join(tmp.dir, 'flush.log');
    let seenOnDisk = '';
    const r = await runAttempt(tmp.dir, 'echo early; sleep 2; echo late', { logPath }, () => {
      setTimeout(() => (seenOnDisk = readFileSync(logPath, 'utf8')), 1400);
    });
    expect(seenOnDisk).toBe('early\r\n');
    expect(r.log.toString()).toBe('early\r\nlate\r\n');
  });

  it('a log that cannot be opened ends the attempt with 127 and tells the viewers', async () => {
    const blocker = join(tmp.dir, 'a-file');
    writeFileSync(blocker, '');
    const handle = new LocalPtyExecutor().start({
      command: 'echo never',
      cwd: tmp.dir,
      env: baseEnv(),
      secrets: [],
      graceMs: 500,
      logPath: join(blocker, 'sub', 'x.log'),
    });
    const live: Buffer[] = [];
    handle.onData((chunk) => live.push(chunk));
    const outcome = await handle.done;
    expect(outcome).toMatchObject({ exitCode: 127, logBytes: 0 });
    expect(Buffer.concat(live).toString()).toMatch(/^cockpit: cannot start: cannot open the log .*x\.log: /);
  });

  it('masks secrets split across writes, in the log and the live view', async () => {
    const r = await runAttempt(tmp.dir, 'printf hunter2-; sleep 0.2; printf XYZ; echo; echo "again hunter2-XYZ."', {
      secrets: ['hunter2-XYZ'],
    });
    for (const out of [r.log, r.live]) {
      expect(out.toString()).not.toContain('hunter2-XYZ');
      expect(out.toString()).toBe('***\r\nagain ***.\r\n');
    }
  });

  it('cancel() mid-run TERMs the gate and reports it', async () => {
    const started = performance.now();
    const r = await runAttempt(tmp.dir, 'echo started; sleep 600', {}, (handle, live) => {
      const poll = setInterval(() => {
        if (Buffer.concat(live).toString().includes('started')) {
          clearInterval(poll);
          handle.cancel();
        }
      }, 20);
    });
    expect(r.outcome).toMatchObject({ cancelled: true, timedOut: false, exitCode: null, signal: 'SIGTERM' });
    expect(r.log.toString()).toBe('started\r\n');
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('a missing working directory ends the attempt with 127 and a line in the log', async () => {
    const missing = join(tmp.dir, 'no-such-dir');
    const r = await runAttempt(tmp.dir, 'echo hi', { cwd: missing });
    expect(r.outcome.exitCode).toBe(127);
    expect(r.handle.pid).toBe(0);
    const line = `cockpit: cannot start: working directory ${missing} does not exist\r\n`;
    expect(r.log.toString()).toBe(line);
    expect(r.live.toString()).toBe(line);
    r.handle.cancel(); // harmless after the end
  });
});
