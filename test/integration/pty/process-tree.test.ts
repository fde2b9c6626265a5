import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { killTree } from '../../../native/pty/process-tree';
import { isAlive, makeTmp, posixOnly, readPids, runAttempt } from './helpers';

/** Polls until `predicate` holds (the tests read pid files the gate writes). */
async function until(predicate: () => boolean, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe.skipIf(posixOnly)('LocalPtyExecutor kills the whole process tree', () => {
  const tmp = makeTmp('pty-tree');
  afterAll(() => tmp.remove());

  it('a timeout kills background, double-forked, nohup and own-group grandchildren', async () => {
    const pids = join(tmp.dir, 'pids-timeout');
    const script = [
      `sleep 300 & echo $! > ${pids}`,
      `( sleep 301 & echo $! >> ${pids} ) &`,
      `nohup sleep 302 > /dev/null 2>&1 & echo $! >> ${pids}`,
      // Own process group, same session (as job control would do): only the session scan finds it.
      `perl -e 'setpgrp(0, 0); exec "sleep", 303' & echo $! >> ${pids}`,
      'wait_pids() { while [ "$(wc -l < ' + pids + ')" -lt 4 ]; do sleep 0.01; done; }',
      'wait_pids; echo ready; sleep 600',
    ].join('\n');
    let before: number[] = [];
    const r = await runAttempt(tmp.dir, script, { timeoutMs: 1000, graceMs: 500 }, (_h, live) => {
      void until(() => Buffer.concat(live).toString().includes('ready')).then(() => {
        before = readPids(pids).filter(isAlive);
      });
    });
    expect(r.outcome).toMatchObject({ timedOut: true, cancelled: false, exitCode: null });
    expect(r.outcome.signal).toMatch(/^SIG(TERM|KILL)$/);
    const all = readPids(pids);
    expect(all).toHaveLength(4);
    expect(before).toEqual(all); // all four were running before the timeout
    expect(all.filter(isAlive)).toEqual([]);
  });

  it('a gate that traps and ignores TERM dies by KILL after the grace period', async () => {
    const started = performance.now();
    const r = await runAttempt(tmp.dir, "trap '' TERM; echo armed; while :; do sleep 0.05; done", {
      timeoutMs: 1000,
      graceMs: 500,
    });
    const elapsed = performance.now() - started;
    expect(r.outcome).toMatchObject({ timedOut: true, exitCode: null, signal: 'SIGKILL' });
    expect(elapsed).toBeGreaterThanOrEqual(1500);
    expect(elapsed).toBeLessThan(5000);
    expect(r.log.toString()).toBe('armed\r\n');
  });

  it('after a normal exit, leftover background processes are killed', async () => {
    const pids = join(tmp.dir, 'pids-leftover');
    // One ignores HUP and TERM and keeps the pty open; one is detached from the pty output.
    const script = [
      `sh -c "trap '' HUP TERM; echo \\$\\$ >> ${pids}; while :; do sleep 0.05; done" &`,
      `nohup sleep 300 > /dev/null 2>&1 & echo $! >> ${pids}`,
      `while [ "$(wc -l < ${pids})" -lt 2 ]; do sleep 0.01; done`,
      'echo bye; exit 4',
    ].join('\n');
    const r = await runAttempt(tmp.dir, script, { graceMs: 300 });
    expect(r.outcome).toMatchObject({ exitCode: 4, signal: null, timedOut: false, cancelled: false });
    expect(r.log.toString()).toBe('bye\r\n');
    const leftovers = readPids(pids);
    expect(leftovers).toHaveLength(2);
    expect(leftovers.filter(isAlive)).toEqual([]);
  });

  it('killTree refuses pids that would hit init, everyone or ourselves', () => {
    for (const pid of [0, 1, -1, Number.NaN, process.pid]) {
      expect(killTree(pid, 'SIGTERM')).toEqual([]);
    }
  });

  it('cancel() kills children started by the gate too', async () => {
    const pids = join(tmp.dir, 'pids-cancel');
    const r = await runAttempt(
      tmp.dir,
      `sleep 300 & echo $! > ${pids}; echo go; wait`,
      {},
      (handle, live) => {
        void until(() => Buffer.concat(live).toString().includes('go')).then(() => handle.cancel());
      },
    );
    expect(r.outcome).toMatchObject({ cancelled: true, exitCode: null });
    expect(existsSync(pids)).toBe(true);
    expect(readPids(pids).filter(isAlive)).toEqual([]);
  });
});
