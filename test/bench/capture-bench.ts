/**
 * Capture throughput: the same pty output drained (a) raw from node-pty, counting bytes,
 * and (b) through LocalPtyExecutor (secret masker + log file + drain-before-exit).
 * Runs interleaved, 3 times each; reports medians. Throughput is measured from spawn to the
 * child's exit (the child cannot exit before its output was read: the pty buffer is small);
 * the fixed end-of-attempt cost (250 ms quiet period, fsync) is reported separately.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node-pty';
import { LocalPtyExecutor } from '../../native/pty/local-executor';
import type { BenchResult } from './types';

const BYTES = 256 * 1024 * 1024;
const ROUNDS = 3;
const COMMAND = `head -c ${BYTES} /dev/zero | tr '\\0' x`;

interface Sample {
  seconds: number;
  stored: number;
  totalSeconds?: number;
}

function env(): Record<string, string> {
  return { PATH: process.env.PATH ?? '/usr/bin:/bin', LANG: 'C' };
}

function rawDrain(): Promise<Sample> {
  const started = performance.now();
  const term = spawn('/bin/sh', ['-c', COMMAND], { name: 'xterm-256color', cols: 120, rows: 32, env: env(), encoding: null });
  let stored = 0;
  term.onData((data) => {
    stored += (data as unknown as Buffer).length;
  });
  return new Promise((resolve) => {
    term.onExit(() => resolve({ seconds: (performance.now() - started) / 1000, stored }));
  });
}

async function fullCapture(dir: string, n: number): Promise<Sample> {
  const logPath = join(dir, `capture-${n}.log`);
  const started = performance.now();
  const handle = new LocalPtyExecutor().start({
    command: COMMAND,
    cwd: dir,
    env: env(),
    secrets: ['hunter2-XYZ'],
    graceMs: 1000,
    logPath,
  });
  const outcome = await handle.done;
  const totalSeconds = (performance.now() - started) / 1000;
  const stored = statSync(logPath).size;
  rmSync(logPath, { force: true });
  if (outcome.exitCode !== 0) throw new Error(`capture run exited with ${outcome.exitCode}`);
  return { seconds: outcome.durationMs / 1000, stored, totalSeconds };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const mbps = (s: Sample) => BYTES / 1e6 / s.seconds;

export async function benchCapture(): Promise<BenchResult> {
  if (process.platform === 'win32') {
    return { name: 'capture', figures: [], notes: ['skipped: the generator needs a POSIX shell'] };
  }
  const dir = mkdtempSync(join(tmpdir(), 'cockpit-bench-capture-'));
  const raw: Sample[] = [];
  const full: Sample[] = [];
  try {
    for (let i = 0; i < ROUNDS; i++) {
      raw.push(await rawDrain());
      full.push(await fullCapture(dir, i));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const rawMbps = median(raw.map(mbps));
  const fullMbps = median(full.map(mbps));
  const ratio = fullMbps / rawMbps;
  const lost = Math.max(...full.map((s) => BYTES - s.stored));
  const rawLost = Math.max(...raw.map((s) => BYTES - s.stored));
  return {
    name: 'capture',
    figures: [
      { label: 'raw node-pty drain (median)', value: rawMbps, unit: 'MB/s' },
      { label: 'full capture: mask + log + drain (median)', value: fullMbps, unit: 'MB/s' },
      { label: 'full / raw throughput', value: ratio, unit: '×', target: '≥ 0.8', ok: ratio >= 0.8 },
      { label: 'bytes lost by full capture (worst run)', value: lost, unit: 'B', target: '0', ok: lost === 0 },
      { label: 'bytes lost by raw node-pty (worst run)', value: rawLost, unit: 'B' },
      {
        label: 'full capture, start to done incl. 250 ms quiet + fsync (median)',
        value: median(full.map((s) => s.totalSeconds ?? 0)),
        unit: 's',
      },
    ],
    notes: [
      `${ROUNDS} interleaved runs of \`${COMMAND}\` (${BYTES / 1024 / 1024} MiB) in a 120x32 pty; secret masker with one secret; log in os.tmpdir().`,
      'Raw node-pty can lose the tail of a fast-exiting writer on Linux (EIO before the last reads); the executor holds the pty slave open until the output is quiet.',
    ],
  };
}
