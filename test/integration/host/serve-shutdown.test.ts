import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isAlive, planWorkspace } from './fixture';
import { startServe, TestClient } from './serve-process';

describe('serve: stopping', () => {
  const ws = planWorkspace();
  afterAll(() => ws.cleanup());

  it('on SIGTERM cancels the running gate, leaves no process behind and exits 0', async () => {
    const srv = await startServe([ws.plan, '--port', '0', '--db', ws.db]);
    let pids: number[];
    try {
      const c = await TestClient.open(`ws://127.0.0.1:${srv.port}/api?token=${srv.token}`, srv.origin);
      await c.ok('gate.run', { gateId: 'slow' });
      const pidFile = join(ws.dir, 'plan', 'pids.txt');
      await c.until(() => existsSync(pidFile) && /^\d+ \d+\n$/.test(readFileSync(pidFile, 'utf8')), 'the gate to record its pids');
      pids = readFileSync(pidFile, 'utf8').trim().split(' ').map(Number);
      expect(pids.every(isAlive)).toBe(true);
    } finally {
      srv.child.kill('SIGTERM');
    }
    expect(await srv.exited).toBe(0);
    expect(pids.filter(isAlive)).toEqual([]);
    // Nothing running from this plan: no gate shell, no child it started (zombies have exited).
    const ps = execFileSync('ps', ['-eo', 'pid=,stat=,args='], { encoding: 'utf8' });
    const left = ps
      .split('\n')
      .map((l) => l.trim().split(/\s+/))
      .filter(([pid, stat, ...args]) => !stat?.startsWith('Z') && (pids.includes(Number(pid)) || args.join(' ').includes(ws.dir)));
    expect(left).toEqual([]);
    // The stopped run is recorded as cancelled, not left running.
    const srv2 = await startServe([ws.plan, '--port', '0', '--db', ws.db]);
    const d = await TestClient.open(`ws://127.0.0.1:${srv2.port}/api?token=${srv2.token}`, srv2.origin);
    const status = await d.ok('status.get', {});
    expect(status.gates.find((g: { id: string }) => g.id === 'slow').status).toBe('cancelled');
    d.close();
    srv2.child.kill('SIGINT');
    expect(await srv2.exited).toBe(0);
  });
});
