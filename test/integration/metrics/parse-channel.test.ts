/** The parse worker: same batches as parsing in the host thread, and a fallback when it cannot run. */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { ColumnBatch } from '../../../native/metrics/chunk-parser';
import { findParseWorker, ParseChannel, type WorkerSpec } from '../../../native/metrics/parse-channel';
import { RunMetrics } from '../../../native/metrics/run-metrics';
import { metricsFixture, recordingHooks, type MetricsFixture } from './helpers';

const OOPS = '{"metric":"x","value":"oops"}\n';
const FIXTURE = fs.readFileSync(fileURLToPath(new URL('../../fixtures/k6/http-basic.jsonl', import.meta.url)));

async function parseAll(worker: WorkerSpec | null): Promise<ColumnBatch[]> {
  const batches: ColumnBatch[] = [];
  const ch = new ParseChannel({ worker, state: {}, now: () => 0, onBatch: (b) => batches.push(b), onRewind: () => { throw new Error('no rewind expected'); } });
  for (let i = 0; i < FIXTURE.length; i += 333) ch.push(FIXTURE.subarray(i, i + 333));
  ch.push(Buffer.from(OOPS));
  await ch.end();
  ch.close();
  return batches;
}

const flat = (bs: ColumnBatch[]) => ({
  series: bs.flatMap((b) => b.series),
  points: bs.flatMap((b) => Array.from(b.idx, (s, i) => [s, b.time[i], b.value[i]])),
  errors: bs.flatMap((b) => b.errors),
  counters: bs.at(-1)!.counters,
  committed: bs.at(-1)!.committed,
});

let fx: MetricsFixture | null = null;
afterEach(() => {
  fx?.close();
  fx = null;
});

describe('ParseChannel', () => {
  it('finds a worker in this checkout and gets the same batches from it as in this thread', async () => {
    const spec = findParseWorker();
    expect(spec).not.toBeNull();
    const viaWorker = flat(await parseAll(spec));
    const here = flat(await parseAll(null));
    expect(viaWorker).toEqual(here);
    expect(here.points).toHaveLength(22);
    expect(here.errors).toEqual([expect.objectContaining({ lineNo: FIXTURE.toString().split('\n').length, code: 'bad-value' })]);
    expect(here.committed).toBe(FIXTURE.length + OOPS.length);
  });

  it('falls back to this thread when the worker dies, losing and doubling nothing', async () => {
    fx = metricsFixture();
    const broken = path.join(fx.dir, 'broken-worker.cjs');
    fs.writeFileSync(broken, "throw new Error('worker boom');\n");
    const { hooks, events } = recordingHooks();
    fs.writeFileSync(fx.run.metricsPath, FIXTURE);
    const watch = new RunMetrics(fx.metrics, fx.run, fx.gate, hooks, { pollMs: 10, worker: { file: broken } }).start();
    const done = await watch.finish();
    expect(done.stats).toMatchObject({ points: 22, badLines: 0 });
    expect(fx.store.db.prepare('SELECT count(*) FROM metric_points').pluck().get()).toBe(22);
    expect(events.map((e) => e.type)).toEqual(['metrics.error']);
    expect(String(events[0].data.message)).toMatch(/worker boom.*parsing continues in the host from byte 0/);
  });
});
