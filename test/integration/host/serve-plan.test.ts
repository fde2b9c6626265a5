import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { PLAN, planWorkspace } from './fixture';
import { startServe, TestClient, type ServeProcess } from './serve-process';

describe('serve: the open plan', () => {
  const ws = planWorkspace();
  const running: ServeProcess[] = [];
  const start = async (args: string[]) => {
    const srv = await startServe([...args, '--port', '0', '--db', ws.db]);
    running.push(srv);
    const c = await TestClient.open(`ws://127.0.0.1:${srv.port}/api?token=${srv.token}`, srv.origin);
    return { srv, c };
  };
  afterAll(async () => {
    for (const s of running) s.child.kill('SIGTERM');
    await Promise.all(running.map((s) => s.exited));
    ws.cleanup();
  });

  it('starts without a plan, opens plans, and remembers them across restarts', async () => {
    const other = ws.write('plan/other.yaml', PLAN.replace('release: host-test', 'release: other'));
    const { srv, c } = await start([]);
    expect(await c.ok('plan.current', {})).toBeNull();
    expect(await c.ok('status.get', {})).toBeNull();
    expect((await c.call('gate.run', { gateId: 'hello' })).error!.code).toBe('no-plan');
    await c.ok('plan.open', { path: ws.plan });
    const opened = await c.ok('plan.open', { path: other });
    expect(opened.release).toBe('other');
    expect(c.events.filter((e) => e.event === 'plan.changed').map((e) => e.payload.release)).toEqual(['host-test', 'other']);
    expect(await c.ok('plan.recent', {})).toEqual([other, ws.plan]);
    c.close();
    srv.child.kill('SIGTERM');
    await srv.exited;
    const again = await start([]);
    expect(await again.c.ok('plan.recent', {})).toEqual([other, ws.plan]);
    again.c.close();
  });

  it('picks up edits to the open plan, and refuses to run a plan broken on disk', async () => {
    const { c } = await start([ws.plan]);
    writeFileSync(ws.plan, PLAN.replace('title: Says hello a lot', 'title: Says hello, edited'));
    const view = await c.ok('plan.current', {});
    expect(view.gates[0].title).toBe('Says hello, edited');
    expect(c.events.some((e) => e.event === 'plan.changed')).toBe(true);
    writeFileSync(ws.plan, `${PLAN}  - id: broken\n    run: [not, a, string\n`);
    const refused = await c.call('gate.run', { gateId: 'hello' });
    expect(refused.error!.code).toBe('invalid-input');
    expect(refused.error!.message).toMatch(/plan\.yaml:\d+:\d+/);
    writeFileSync(ws.plan, PLAN);
    const started = await c.ok('gate.run', { gateId: 'after-hello' });
    expect(started.status).toBe('blocked'); // its need has not passed in this store
    c.close();
  });
});
