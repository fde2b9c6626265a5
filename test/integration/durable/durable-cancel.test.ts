/**
 * Cancelling a durable run (Ctrl-C in `run`) kills its wrapper's process
 * group and every descendant (the command runs in script(1)'s own session),
 * TERM first and KILL after the grace period; the run is recorded cancelled.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, workspace } from '../../helpers/cli';
import { integrityOk, leftovers, sleep, waitFor } from '../../helpers/crash-checks';
import { sshdForSuite, sshdMissing } from '../../helpers/sshd';
import { killHosts, numbersInLog, runFiles, startCli } from './fixture';

async function cancelDurable(tag: string, hostYaml?: string): Promise<void> {
  const ws = workspace('cockpit-dcancel-');
  try {
    const marker = `${tag}-stubborn`;
    const plan = ws.write('plan.yaml', [
      'version: 1', `release: ${tag}`, 'candidate: rc1',
      ...(hostYaml ? [`hosts:\n  box: ${hostYaml}`] : []),
      'gates:', '  - id: soak', '    durable: true', ...(hostYaml ? ['    on: box'] : []), '    grace: 1s', '    run: |-',
      `      sh -c 'trap "" TERM HUP; sleep 300; :' ${marker} &`,
      `      trap '' TERM HUP; i=0; while true; do i=$((i+1)); echo "line $i"; sleep 0.1; done`, '',
    ].join('\n'));
    const files = runFiles(ws.db, tag);
    const host = startCli(['run', plan, '--db', ws.db]);
    await waitFor(() => numbersInLog(files.log).length >= 10, 30_000, 'the gate to print');
    host.child.kill('SIGINT');
    expect(await host.exited).toBe(1);
    const g = JSON.parse(runCli(['status', plan, '--db', ws.db, '--json']).stdout).gates[0];
    expect(g.status).toBe('cancelled');
    expect(integrityOk(ws.db)).toBe('ok');
    await sleep(2500);
    const left = leftovers(ws.dir, marker, tag);
    expect(left.stray.map((p) => p.args)).toEqual([]);
    expect(left.zombies).toEqual([]);
  } finally {
    killHosts();
    ws.cleanup();
  }
}

describe('cancelling a durable run', () => {
  it('locally: TERM, then KILL, to the whole tree', async () => {
    await cancelDurable(`dcl-${randomBytes(4).toString('hex')}`);
  }, 60_000);
});

describe.skipIf(!!sshdMissing)('cancelling a durable run over ssh', () => {
  const tag = `dcs-${randomBytes(4).toString('hex')}`;
  const sshd = sshdForSuite(tag, { beforeAll, afterAll });
  it('on a host: the remote process group is killed over a second connection', async () => {
    await cancelDurable(tag, sshd().hostYaml());
  }, 60_000);
});
