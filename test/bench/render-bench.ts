/**
 * Render: the Soak page in Chromium with 48 hours of 10 series stored
 * (served by a real `release-cockpit serve`), time from navigation until
 * every chart is drawn; against the same four charts given every raw point
 * by recharts directly. Needs the build (`npm run bench` builds first) and
 * Debian's chromium.
 */
import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { benchStore, percentile } from './metrics-bench-setup';
import { fillSoak } from './query-bench';
import type { BenchResult } from './types';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CHROMIUM = process.env.COCKPIT_CHROMIUM ?? '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const ROUNDS = 5;
const RAW_TIMEOUT_MS = 240_000;
// Page-side checks (this file is type-checked without the DOM lib, hence `any`).
const ALL_DRAWN = () => {
  const list: any[] = [...(globalThis as any).document.querySelectorAll('.soak-chart')];
  return list.length === 4 && list.every((c) => Number(c.getAttribute('data-points')) > 0 && c.querySelector('path.recharts-line-curve[d]'));
};
const POINTS_DRAWN = () =>
  ([...(globalThis as any).document.querySelectorAll('.soak-chart')] as any[]).reduce((n: number, c: any) => n + Number(c.getAttribute('data-points')), 0);

async function serve(plan: string, db: string) {
  const proc = spawn(process.execPath, [join(ROOT, 'dist', 'cli.cjs'), 'serve', plan, '--port', '0', '--db', db], { stdio: ['ignore', 'pipe', 'pipe'] });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: proc.stdout! }).once('line', resolve);
    proc.once('exit', (code) => reject(new Error(`serve exited with ${code}`)));
  });
  const url = /^Release Cockpit at (\S+)$/.exec(line)?.[1];
  if (!url) throw new Error(`unexpected serve output: ${line}`);
  return { url, stop: () => new Promise<void>((r) => (proc.once('exit', () => r()), proc.kill('SIGTERM'))) };
}

export async function benchRender(): Promise<BenchResult> {
  if (!existsSync(CHROMIUM) || !existsSync(join(ROOT, 'dist', 'renderer', 'main.js'))) {
    return { name: 'render', figures: [], notes: [`skipped: needs ${CHROMIUM} and the built renderer (node build/bundle.mjs)`] };
  }
  const b = benchStore('render');
  const points = fillSoak(b);
  b.store.updateRun(b.run.id, { status: 'passed', endedAt: Date.now() });
  writeFileSync(b.run.planPath, (await import('./metrics-bench-setup')).SOAK_GATE);
  b.store.close();
  const server = await serve(b.run.planPath, join(b.dir, 'cockpit.db'));
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  try {
    const soakMs: number[] = [];
    let drawn = 0;
    for (let i = 0; i < ROUNDS + 1; i++) {
      const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      const t0 = performance.now();
      await page.goto(`${server.url}#/soak/soak/run/${b.run.id}`);
      await page.waitForFunction(ALL_DRAWN, undefined, { polling: 'raf', timeout: 30_000 });
      if (i > 0) soakMs.push(performance.now() - t0); // the first round warms the page cache
      drawn = await page.evaluate(POINTS_DRAWN);
      await page.close();
    }
    const bundle = await build({ entryPoints: [join(ROOT, 'test', 'bench', 'render-raw-page.tsx')], bundle: true, write: false, format: 'iife', jsx: 'automatic', minify: true, define: { 'process.env.NODE_ENV': '"production"' }, logLevel: 'warning' });
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.setContent('<html><body><div id="root"></div></body></html>');
    await page.addScriptTag({ content: bundle.outputFiles[0].text });
    let rawMs = Infinity;
    try {
      rawMs = await page.waitForFunction(() => (globalThis as any).__renderMs, undefined, { timeout: RAW_TIMEOUT_MS }).then((h) => h.jsonValue() as Promise<number>);
    } catch {
      // recharts did not finish in time: report the timeout as a lower bound
    }
    const soak = percentile(soakMs, 0.5);
    const ratio = (Number.isFinite(rawMs) ? rawMs : RAW_TIMEOUT_MS) / soak;
    return {
      name: 'render',
      figures: [
        { label: 'Soak page: navigation -> 4 charts of 48 h drawn (median)', value: soak, unit: 'ms', target: '≤ 1000', ok: soak <= 1000 },
        { label: 'raw points straight to recharts: data ready -> painted', value: Number.isFinite(rawMs) ? rawMs : RAW_TIMEOUT_MS, unit: Number.isFinite(rawMs) ? 'ms' : 'ms (timed out: lower bound)' },
        { label: 'raw / Soak page', value: ratio, unit: '×', target: '≥ 10', ok: ratio >= 10 },
        { label: 'points drawn by the Soak page', value: drawn, unit: 'points' },
      ],
      notes: [
        `${points.toLocaleString('en')} points stored; ${ROUNDS} measured page loads after one warm-up, 1440×900, Chromium ${browser.version()} headless.`,
        'The raw page gets the same 4 charts (10 lines) with every point in memory already; its time excludes data generation.',
      ],
    };
  } finally {
    await browser.close();
    await server.stop();
    b.dispose();
  }
}
