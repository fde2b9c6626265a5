/**
 * Burst click: how fast the run view answers a click while a gate prints
 * 20 MB into its live terminal, against the same click on an idle page. The
 * click is a real mouse event on the header's shortcuts button; it is answered
 * when the dialog is open. Measured from Playwright, so it includes the input
 * round trip: an upper bound on what a person waits.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import { percentile } from './metrics-bench-setup';
import type { BenchResult } from './types';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CHROMIUM = process.env.COCKPIT_CHROMIUM ?? '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const BYTES = 20_000_000;
const BURSTS = 6;
// Page-side checks (this file is type-checked without the DOM lib).
/* eslint-disable @typescript-eslint/no-explicit-any */
// They are serialized into the page, so each must stand alone.
const HELP_CLOSED = () => !(globalThis as any).document.querySelector('dialog.help[open]');
const TERMINAL_HAS_OUTPUT = () => ((globalThis as any).document.querySelector('.xterm-rows')?.textContent ?? '').length > 100;

const GENERATOR = `
const { randomBytes } = require('node:crypto');
let written = 0;
function pump() {
  while (written < ${BYTES}) {
    const lines = [];
    for (let i = 0; i < 1000; i++) lines.push(randomBytes(57).toString('base64'));
    const buf = Buffer.from(lines.join('\\n') + '\\n');
    written += buf.length;
    if (!process.stdout.write(buf)) return process.stdout.once('drain', pump);
  }
}
pump();
`;

const PLAN = `version: 1
release: burst-bench
candidate: rc-1
gates:
  - id: burst
    run: node burst.cjs
    timeout: 5m
`;

async function serve(dir: string) {
  const args = [join(ROOT, 'dist', 'cli.cjs'), 'serve', join(dir, 'plan.yaml'), '--port', '0', '--db', join(dir, 'cockpit.db')];
  const proc = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, COCKPIT_DATA_DIR: join(dir, 'data') } });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: proc.stdout! }).once('line', resolve);
    proc.once('exit', (code) => reject(new Error(`serve exited with ${code}`)));
  });
  const url = /^Release Cockpit at (\S+)$/.exec(line)?.[1];
  if (!url) throw new Error(`unexpected serve output: ${line}`);
  return { url, stop: () => new Promise<void>((r) => (proc.once('exit', () => r()), proc.kill('SIGTERM'))) };
}

/** One click on the shortcuts button until its dialog is open; then closes it again. */
async function clickLatency(page: Page, x: number, y: number): Promise<number> {
  const t0 = performance.now();
  await page.mouse.click(x, y);
  await page.waitForSelector('dialog.help[open]', { timeout: 30_000 });
  const ms = performance.now() - t0;
  await page.keyboard.press('Escape');
  await page.waitForFunction(HELP_CLOSED, undefined, { timeout: 30_000 });
  // Let the app see the close before the next click; a person never clicks within a frame of it.
  await page.waitForTimeout(100);
  return ms;
}

export async function benchBurstClick(): Promise<BenchResult> {
  if (!existsSync(CHROMIUM) || !existsSync(join(ROOT, 'dist', 'renderer', 'main.js'))) {
    return { name: 'burst-click', figures: [], notes: [`skipped: needs ${CHROMIUM} and the built renderer`] };
  }
  const dir = mkdtempSync(join(tmpdir(), 'cockpit-burst-bench-'));
  writeFileSync(join(dir, 'plan.yaml'), PLAN);
  writeFileSync(join(dir, 'burst.cjs'), GENERATOR);
  const server = await serve(dir);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(`${server.url}#/board`);
    await page.waitForSelector('[data-connection="online"]');
    const box = (await page.locator('button[aria-label="Keyboard shortcuts"]').first().boundingBox())!;
    const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
    const idle: number[] = [];
    for (let i = 0; i < 10; i++) idle.push(await clickLatency(page, x, y));

    // The gate prints 20 MB in a second or two: several bursts give enough clicks while it prints.
    const during: number[] = [];
    const after: number[] = [];
    for (let burst = 0; burst < BURSTS; burst++) {
      await page.goto(`${server.url}#/board`);
      await page.locator('tr.gate-row[data-gate="burst"] [data-action="run"]').click();
      await page.waitForURL(/#\/gate\/burst\/run\/\d+$/);
      await page.waitForFunction(TERMINAL_HAS_OUTPUT, undefined, { timeout: 30_000 });
      for (;;) {
        const running = (await page.locator('.run-head .pill').getAttribute('data-status')) === 'running';
        const ms = await clickLatency(page, x, y);
        if (!running) {
          after.push(ms);
          break;
        }
        during.push(ms);
      }
    }
    const p95 = percentile(during, 0.95);
    return {
      name: 'burst-click',
      figures: [
        { label: 'click answered, idle page (median)', value: percentile(idle, 0.5), unit: 'ms' },
        { label: 'click answered during a 20 MB burst (median)', value: percentile(during, 0.5), unit: 'ms' },
        { label: 'click answered during a 20 MB burst (p95)', value: p95, unit: 'ms', target: '≤ 200', ok: p95 <= 200 },
        { label: 'click answered during a 20 MB burst (worst)', value: Math.max(...during), unit: 'ms' },
        { label: 'clicks sampled while the gate was printing', value: during.length, unit: `in ${BURSTS} bursts` },
        { label: 'first click after the gate ended (median)', value: percentile(after, 0.5), unit: 'ms' },
      ],
      notes: [
        `A gate prints ${BYTES / 1e6} MB of base64 lines as fast as the pty takes them, into the run view's live terminal (xterm.js); Chromium ${browser.version()} headless, 1440×900.`,
        'Each sample: a real mouse click on the header’s shortcuts button until its dialog is open, measured from Playwright (includes the input round trip), then Escape.',
      ],
    };
  } finally {
    await browser.close();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
