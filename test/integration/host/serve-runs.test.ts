import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FLOW } from '../../../electron/contract/flow';
import { planWorkspace } from './fixture';
import { startServe, TestClient, type ServeProcess } from './serve-process';

/** A viewer that acks in steps no larger than LOW keeps a held stream able to resume. */
const ACK_STEP = FLOW.LOW;

const FINAL = new Set(['passed', 'failed', 'blocked', 'cancelled', 'interrupted']);

describe('serve: running gates over the WebSocket', () => {
  const ws = planWorkspace();
  let srv: ServeProcess;
  let c: TestClient;

  beforeAll(async () => {
    srv = await startServe([ws.plan, '--port', '0', '--db', ws.db]);
    c = await TestClient.open(`ws://127.0.0.1:${srv.port}/api?token=${srv.token}`, srv.origin);
  });
  afterAll(async () => {
    c?.close();
    srv?.child.kill('SIGTERM');
    await srv?.exited;
    ws.cleanup();
  });

  const finalRun = (runId: number) =>
    c.until(() => c.events.find((e) => e.event === 'run.updated' && e.payload.id === runId && FINAL.has(e.payload.status))?.payload, `run ${runId} to end`);

  it('status.get shows every gate not run yet', async () => {
    const status = await c.ok('status.get', {});
    expect(status.gates.map((g: { id: string; status: string }) => [g.id, g.status])).toEqual([
      ['hello', 'not-run'],
      ['slow', 'not-run'],
      ['after-hello', 'not-run'],
    ]);
  });

  it('gate.run returns at once and streams run.output whose bytes equal the stored log', async () => {
    const started = await c.ok('gate.run', { gateId: 'hello', cols: 120, rows: 30 });
    expect(started).toMatchObject({ runNo: 1, status: 'running' });
    const runId: number = started.runId;
    await c.ok('term.watch', { runId, watch: true });
    const chunks: Buffer[] = [];
    let skipped = 0;
    let seen = 0;
    // Render-and-ack like a view does: every payload, in slices of at most ACK_STEP bytes.
    const pump = () => {
      const outs = c.events.filter((e) => e.event === 'run.output' && e.payload.runId === runId);
      for (const e of outs.slice(seen)) {
        const buf = Buffer.from(e.payload.data, 'base64');
        chunks.push(buf);
        skipped += e.payload.skipped;
        for (let left = buf.length; left > 0; left -= ACK_STEP) {
          void c.call('term.ack', { runId, bytes: Math.min(left, ACK_STEP) });
        }
      }
      seen = outs.length;
    };
    const run = await c.until(() => {
      pump();
      return c.events.find((e) => e.event === 'run.updated' && e.payload.id === runId && FINAL.has(e.payload.status))?.payload;
    }, 'hello to finish');
    expect(run.status).toBe('passed');
    const detail = await c.ok('run.get', { runId });
    const stored = readFileSync(detail.attempts[0].logPath);
    expect(stored.length).toBeGreaterThan(FLOW.HIGH * 2);
    await c.until(() => {
      pump();
      return Buffer.concat(chunks).length >= stored.length;
    }, 'the last output batch');
    expect(skipped).toBe(0);
    expect(Buffer.concat(chunks).equals(stored)).toBe(true);
    expect(stored.toString()).toContain('done ✓');
    // run.log gives the same bytes, by slice.
    const first = await c.ok('run.log', { runId, attempt: 1, offset: 0, limit: 1000 });
    expect(first.total).toBe(stored.length);
    expect(Buffer.from(first.data, 'base64').equals(stored.subarray(0, 1000))).toBe(true);
    const tail = await c.ok('run.log', { runId, attempt: 1, offset: stored.length - 10 });
    expect(Buffer.from(tail.data, 'base64').equals(stored.subarray(-10))).toBe(true);
    // And the events a view needs came along.
    expect(c.events.some((e) => e.event === 'run.attempt' && e.payload.runId === runId && e.payload.attempt.status === 'passed')).toBe(true);
    expect(c.events.some((e) => e.event === 'notice' && e.payload.level === 'success' && e.payload.gateId === 'hello')).toBe(true);
  });

  it('status.get and runs.list reflect the run', async () => {
    const status = await c.ok('status.get', {});
    expect(status.gates.find((g: { id: string }) => g.id === 'hello')).toMatchObject({ status: 'passed', runNo: 1 });
    const runs = await c.ok('runs.list', { gateId: 'hello' });
    expect(runs).toHaveLength(1);
  });

  it('refuses to start a gate that is already running, and cancels a run', async () => {
    const started = await c.ok('gate.run', { gateId: 'slow' });
    await c.until(() => c.events.some((e) => e.event === 'run.attempt' && e.payload.runId === started.runId), 'slow to start');
    const again = await c.call('gate.run', { gateId: 'slow' });
    expect(again.error!.code).toBe('conflict');
    await c.ok('term.watch', { runId: started.runId, watch: true });
    await c.until(
      () => c.events.some((e) => e.event === 'run.output' && e.payload.runId === started.runId && Buffer.from(e.payload.data, 'base64').toString().includes('slow started')),
      'slow output',
    );
    expect(await c.ok('run.cancel', { runId: started.runId })).toEqual({ cancelled: true });
    const run = await finalRun(started.runId);
    expect(run.status).toBe('cancelled');
    expect(await c.ok('run.cancel', { runId: started.runId })).toEqual({ cancelled: false });
  });

  it('answers not-found for unknown gates, runs and attempts', async () => {
    expect((await c.call('gate.run', { gateId: 'nope' })).error!.code).toBe('not-found');
    expect((await c.call('run.get', { runId: 9999 })).error!.code).toBe('not-found');
    expect((await c.call('run.log', { runId: 1, attempt: 7 })).error!.code).toBe('not-found');
  });

  it('settings.get names the data and the mode', async () => {
    const s = await c.ok('settings.get', {});
    expect(s).toMatchObject({ mode: 'browser', dbPath: ws.db });
  });
});
