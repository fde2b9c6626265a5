/**
 * Tailing while another process writes: lines arrive split at random byte
 * offsets (inside multi-byte characters too). Every line must be read once,
 * whole and in order; a truncated file is reported and nothing is re-read.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FileTailer } from '../../../native/metrics/file-tailer';
import { RunMetrics } from '../../../native/metrics/run-metrics';
import { metricsFixture, recordingHooks, sleep, until, type MetricsFixture } from './helpers';

const LINES = 3000;
const T0 = Date.UTC(2025, 0, 1);

/** A child process appending `text` in pieces of 1..max bytes with short random pauses (seeded). */
function writeInPieces(file: string, text: string, max: number, seed: number): Promise<number> {
  const script = `
    const fs = require('node:fs');
    const [file, max, seed] = [process.argv[1], Number(process.argv[2]), Number(process.argv[3])];
    let a = seed >>> 0;
    const rand = () => { a = (a + 0x6d2b79f5) >>> 0; let t = Math.imul(a ^ (a >>> 15), a | 1); t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
    const data = Buffer.from(require('node:fs').readFileSync(0));
    const fd = fs.openSync(file, 'a');
    let at = 0, pieces = 0;
    const step = () => {
      for (let k = 0; k < 20 && at < data.length; k++) {
        const n = Math.min(data.length - at, 1 + Math.floor(rand() * max));
        fs.writeSync(fd, data, at, n);
        at += n; pieces++;
      }
      if (at < data.length) setTimeout(step, Math.floor(rand() * 3)); else { fs.closeSync(fd); console.log(pieces); }
    };
    step();`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', script, file, String(max), String(seed)], { stdio: ['pipe', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (b) => (out += b));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(Number(out)) : reject(new Error(`writer exited ${code}`))));
    child.stdin.end(text);
  });
}

function lines(n: number): string {
  let text = '';
  for (let i = 0; i < n; i++) {
    // Multi-byte tag values, so pieces split characters as well as lines.
    text += `${JSON.stringify({ metric: 'seq', value: i, time: T0 + i * 10, tags: { zone: i % 3 ? 'zürich-é' : 'tōkyō-🚀' } })}\n`;
  }
  return text;
}

let fx: MetricsFixture | null = null;
const dirs: string[] = [];
afterEach(() => {
  fx?.close();
  fx = null;
  while (dirs.length) fs.rmSync(dirs.pop()!, { recursive: true, force: true });
});

describe('tailing a file written in random pieces', () => {
  it('stores every line once, whole and in order, while the writer runs', async () => {
    fx = metricsFixture();
    const { hooks, events } = recordingHooks();
    const watch = new RunMetrics(fx.metrics, fx.run, fx.gate, hooks, { pollMs: 5 }).start();
    const text = lines(LINES);
    const pieces = await writeInPieces(fx.run.metricsPath, text, 97, 7);
    expect(pieces).toBeGreaterThan(LINES / 2); // most lines really were split
    const done = await watch.finish();
    expect(done.stats).toMatchObject({ lines: LINES, points: LINES, badLines: 0 });
    expect(events).toEqual([]);
    const rows = fx.store.db
      .prepare(`SELECT p.value, s.tags_json FROM metric_points p JOIN metric_series s ON s.id = p.series_id ORDER BY p.ts`)
      .all() as { value: number; tags_json: string }[];
    expect(rows.map((r) => r.value)).toEqual(Array.from({ length: LINES }, (_, i) => i));
    expect(new Set(rows.map((r) => JSON.parse(r.tags_json).zone))).toEqual(new Set(['zürich-é', 'tōkyō-🚀']));
  });

  it('hands over each byte exactly once; a truncation is reported and not re-read', async () => {
    const dir = fs.mkdtempSync(path.join(fs.realpathSync(os.tmpdir()), 'cockpit-tail-'));
    dirs.push(dir);
    const file = path.join(dir, 'm.jsonl');
    const got: Buffer[] = [];
    const problems: string[] = [];
    const tailer = new FileTailer(file, { onBytes: (b) => got.push(Buffer.from(b)), onProblem: (k) => problems.push(k) }, { pollMs: 5 });
    tailer.start();
    const first = lines(500);
    await writeInPieces(file, first, 300, 11);
    await until(() => Buffer.concat(got).length === Buffer.byteLength(first), 10_000, 'first part');
    expect(Buffer.concat(got).toString('utf8')).toBe(first);

    fs.truncateSync(file, 100);
    await until(() => problems.includes('truncated'), 5_000, 'truncation report');
    const after = lines(20);
    fs.appendFileSync(file, after);
    await sleep(50);
    await tailer.stop();
    const all = Buffer.concat(got).toString('utf8');
    expect(all).toBe(first + after);
    expect(problems).toEqual(['truncated']);
  });
});
