/**
 * A durable gate (a numbered line every 100 ms, one metric point per line)
 * survives its cockpit being killed with `kill -9` twice: `attach` reattaches,
 * backfills and completes it, and the log and metrics hold every number
 * exactly once, in order. Locally, and over ssh to a real sshd.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, workspace } from '../../helpers/cli';
import { integrityOk, leftovers, storedPoints, sleep, waitFor } from '../../helpers/crash-checks';
import { sshdForSuite, sshdMissing } from '../../helpers/sshd';
import { durablePlan, numbersInLog, oneToN, runFiles, startCli, valuesInMetrics, killHosts } from './fixture';

const LINES = 180;

async function killTwiceAndAttach(tag: string, hostYaml?: string): Promise<void> {
  const ws = workspace('cockpit-durable-');
  try {
    const plan = ws.write('plan.yaml', durablePlan(tag, LINES, hostYaml));
    const files = runFiles(ws.db, tag);
    const hosts = [startCli(['run', plan, '--db', ws.db]), null, null];
    await waitFor(() => numbersInLog(files.log).length >= 30, 30_000, 'the first 30 lines');
    hosts[0]!.child.kill('SIGKILL');
    await hosts[0]!.exited;
    expect(integrityOk(ws.db)).toBe('ok');
    const st = JSON.parse(runCli(['status', plan, '--db', ws.db, '--json']).stdout).gates[0];
    expect(st.status).toBe('running'); // not interrupted: its wrapper goes on

    const seen = numbersInLog(files.log).length;
    hosts[1] = startCli(['attach', plan, '--db', ws.db]);
    await waitFor(() => numbersInLog(files.log).length >= seen + 40, 30_000, '40 more lines after reattaching');
    hosts[1].child.kill('SIGKILL');
    await hosts[1].exited;
    expect(integrityOk(ws.db)).toBe('ok');

    await sleep(1500); // the run goes on unwatched; attach backfills it
    hosts[2] = startCli(['attach', plan, '--db', ws.db]);
    expect(await hosts[2].exited).toBe(0);
    expect(hosts[2].stderr()).toContain('following run #1 of "soak"');
    expect(integrityOk(ws.db)).toBe('ok');

    const final = JSON.parse(runCli(['status', plan, '--db', ws.db, '--json']).stdout).gates[0];
    expect(final.status).toBe('passed');
    expect(numbersInLog(files.log)).toEqual(oneToN(LINES));
    expect(valuesInMetrics(files.metrics)).toEqual(oneToN(LINES));
    expect(storedPoints(ws.db, 'count')).toEqual(oneToN(LINES));
    await sleep(300);
    const left = leftovers(ws.dir, tag);
    expect(left.stray.map((p) => p.args)).toEqual([]);
    expect(left.zombies).toEqual([]);
  } finally {
    killHosts();
    ws.cleanup();
  }
}

describe('durable runs survive kill -9 of their cockpit', () => {
  it('locally', async () => {
    await killTwiceAndAttach(`dur-${randomBytes(4).toString('hex')}`);
  }, 120_000);
});

if (sshdMissing) console.warn(sshdMissing);

describe.skipIf(!!sshdMissing)('durable runs over ssh survive kill -9 of their cockpit', () => {
  const tag = `dssh-${randomBytes(4).toString('hex')}`;
  const sshd = sshdForSuite(tag, { beforeAll, afterAll });

  it('on a host', async () => {
    await killTwiceAndAttach(tag, sshd().hostYaml());
  }, 120_000);
});
