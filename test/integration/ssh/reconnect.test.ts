/**
 * Cutting a durable run's ssh connection (killing the ssh client that follows
 * it) is a reconnect, shown as "reconnecting", never a failure; the copy
 * resumes at its byte offset: the local log and metrics equal the host's
 * files byte for byte.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, workspace } from '../../helpers/cli';
import { integrityOk, leftovers, storedPoints, processes, sleep, waitFor } from '../../helpers/crash-checks';
import { sshdForSuite, sshdMissing } from '../../helpers/sshd';
import { durablePlan, numbersInLog, oneToN, runFiles, startCli, valuesInMetrics, killHosts } from '../durable/fixture';

const LINES = 100;
// The byte-for-byte check below reads the host's output.log after the run is stored: keep it (normally removed then).
process.env.COCKPIT_KEEP_RUN_DIRS = '1';

if (sshdMissing) console.warn(sshdMissing);

describe.skipIf(!!sshdMissing)('a cut ssh connection reconnects without losing or repeating bytes', () => {
  const tag = `recon-${randomBytes(4).toString('hex')}`;
  const sshd = sshdForSuite(tag, { beforeAll, afterAll });

  it('kills the follower ssh twice; the run completes exactly', async () => {
    const ws = workspace('cockpit-reconnect-');
    try {
      const plan = ws.write('plan.yaml', durablePlan(tag, LINES, sshd().hostYaml()));
      const files = runFiles(ws.db, tag);
      const host = startCli(['run', plan, '--db', ws.db]);
      /** The ssh client following the run: a child of the cockpit running the FOLLOW script. */
      const follower = () => processes().find((p) => p.ppid === host.child.pid && p.args.startsWith('ssh ') && p.args.includes('until cd'));
      for (const after of [20, 50]) {
        await waitFor(() => numbersInLog(files.log).length >= after, 30_000, `${after} lines`);
        const ssh = await waitFor(follower, 10_000, 'the follower ssh');
        process.kill(ssh.pid, 'SIGKILL');
        await waitFor(() => host.stderr().split('reconnecting').length > (after === 20 ? 1 : 2), 10_000, 'a reconnecting notice');
      }
      expect(await host.exited).toBe(0);
      expect(host.stderr()).toMatch(/reconnecting to host "box" \(root@127\.0\.0\.1\) in 1s/);
      expect(host.stderr()).toContain('reconnected to host "box"');
      expect(integrityOk(ws.db)).toBe('ok');
      const gate = JSON.parse(runCli(['status', plan, '--db', ws.db, '--json']).stdout).gates[0];
      expect(gate.status).toBe('passed');
      expect(numbersInLog(files.log)).toEqual(oneToN(LINES));
      expect(valuesInMetrics(files.metrics)).toEqual(oneToN(LINES));
      expect(storedPoints(ws.db, 'count')).toEqual(oneToN(LINES));
      // Byte for byte what the host wrote (the sshd is this machine, so its files are readable here).
      const remote = execFileSync('sh', ['-c', `ls -d /root/.release-cockpit/runs/${tag}@rc1/soak/run-1-*/attempt-1`], { encoding: 'utf8' }).trim();
      expect(readFileSync(files.log).equals(readFileSync(`${remote}/output.log`))).toBe(true);
      expect(readFileSync(files.metrics).equals(readFileSync(`${remote}/metrics.jsonl`))).toBe(true);
      await sleep(2500); // a cut follower's remote half exits at its next heartbeat
      const left = leftovers(ws.dir, tag);
      expect(left.stray.map((p) => p.args)).toEqual([]);
      expect(left.zombies).toEqual([]);
    } finally {
      killHosts();
      ws.cleanup();
    }
  }, 90_000);
});
