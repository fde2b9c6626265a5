/**
 * A non-durable gate whose cockpit is killed with `kill -9`: the next start
 * marks it interrupted and keeps its log up to about a second before the
 * crash (the log appender flushes every second); the database passes
 * integrity_check; the gate's processes do not outlive the pty.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli, workspace } from '../../helpers/cli';
import { integrityOk, leftovers, sleep, waitFor } from '../../helpers/crash-checks';
import { countingGate, killHosts, numbersInLog, runFiles, startCli } from './fixture';

describe('a non-durable run whose cockpit is killed', () => {
  it('is interrupted, with its log kept up to ~1 s before the crash', async () => {
    const tag = `nd-${randomBytes(4).toString('hex')}`;
    const ws = workspace('cockpit-crash-');
    try {
      // The gate also writes each number to a side file: what it had printed when the cockpit died.
      const run = countingGate(600).replace('echo "line $i";', 'echo "line $i"; echo $i >> printed.txt;');
      const plan = ws.write('plan.yaml', [
        'version: 1', `release: ${tag}`, 'candidate: rc1', 'gates:', '  - id: soak', '    run: |-',
        ...run.split('\n').map((l) => `      ${l}`), '',
      ].join('\n'));
      const files = runFiles(ws.db, tag);
      const host = startCli(['run', plan, '--db', ws.db]);
      await waitFor(() => numbersInLog(files.log).length >= 25, 30_000, '25 lines in the log');
      await sleep(1300);
      host.child.kill('SIGKILL');
      await host.exited;
      const printed = readFileSync(`${ws.dir}/printed.txt`, 'utf8').trim().split('\n').length;
      const status = JSON.parse(runCli(['status', plan, '--db', ws.db, '--json']).stdout).gates[0];
      expect(status.status).toBe('interrupted');
      expect(status.reason).toMatch(/stopped while the gate was running/);
      expect(integrityOk(ws.db)).toBe('ok');
      const kept = numbersInLog(files.log);
      expect(kept).toEqual(Array.from({ length: kept.length }, (_, i) => i + 1));
      // 100 ms per line: a 1 s flush interval loses at most ~10 lines (plus scheduling slack).
      expect(printed - kept.length).toBeLessThanOrEqual(15);
      expect(status.attempts[0].status).toBe('interrupted');
      await sleep(500);
      expect(leftovers(ws.dir).stray.map((p) => p.args)).toEqual([]);
    } finally {
      killHosts();
      ws.cleanup();
    }
  }, 60_000);
});
