/**
 * Ten cycles of: `serve` starts (and reattaches to a running durable gate),
 * follows it for a moment, and is stopped with SIGTERM. After each stop the
 * database passes integrity_check and no cockpit process, helper or zombie
 * is left; the gate itself keeps running and, at the end, completes with
 * every line exactly once.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { runCli, workspace } from '../../helpers/cli';
import { integrityOk, leftovers, storedPoints, processes, sleep, waitFor } from '../../helpers/crash-checks';
import { durablePlan, numbersInLog, oneToN, runFiles, startCli, valuesInMetrics, killHosts } from './fixture';

const LINES = 450;
const CYCLES = 10;

describe('serve stop/start cycles with a durable gate running', () => {
  it(`${CYCLES} cycles: no orphans, no zombies, integrity ok, the gate completes`, async () => {
    const tag = `cyc-${randomBytes(4).toString('hex')}`;
    const ws = workspace('cockpit-cycles-');
    try {
      const plan = ws.write('plan.yaml', durablePlan(tag, LINES));
      const files = runFiles(ws.db, tag);
      const first = startCli(['run', plan, '--db', ws.db]);
      await waitFor(() => numbersInLog(files.log).length >= 10, 30_000, 'the gate to start');
      first.child.kill('SIGKILL');
      await first.exited;
      let reattached = 0;
      for (let i = 0; i < CYCLES; i++) {
        const before = numbersInLog(files.log).length;
        const serve = startCli(['serve', plan, '--port', '0', '--db', ws.db]);
        await waitFor(() => serve.stderr().includes('reattached to durable run #1 of "soak"'), 20_000, `serve #${i + 1} to reattach`);
        reattached++;
        await waitFor(() => numbersInLog(files.log).length > before + 5, 20_000, `serve #${i + 1} to copy new lines`);
        serve.child.kill('SIGTERM');
        expect(await serve.exited).toBe(0);
        expect(integrityOk(ws.db)).toBe('ok');
        await sleep(200);
        const left = leftovers(ws.db);
        expect(left.stray.map((p) => p.args), `cycle ${i + 1}`).toEqual([]);
        expect(left.zombies, `cycle ${i + 1}`).toEqual([]);
        expect(processes().some((p) => p.pid === serve.child.pid)).toBe(false);
      }
      expect(reattached).toBe(CYCLES);
      expect(JSON.parse(runCli(['status', plan, '--db', ws.db, '--json']).stdout).gates[0].status).toBe('running');
      const last = startCli(['attach', plan, '--db', ws.db]);
      expect(await last.exited).toBe(0);
      expect(integrityOk(ws.db)).toBe('ok');
      expect(numbersInLog(files.log)).toEqual(oneToN(LINES));
      expect(valuesInMetrics(files.metrics)).toEqual(oneToN(LINES));
      expect(storedPoints(ws.db, 'count')).toEqual(oneToN(LINES));
      await sleep(300);
      const left = leftovers(ws.dir);
      expect(left.stray.map((p) => p.args)).toEqual([]);
      expect(left.zombies).toEqual([]);
    } finally {
      killHosts();
      ws.cleanup();
    }
  }, 150_000);
});
