/**
 * Burst click: how fast the run view answers a click while a gate prints
 * 20 MB into its live terminal, against the same click on an idle page. The
 * click is a real mouse event on the header's shortcuts button; it is answered
 * when the dialog is open. Two measures of each click, both held to 200 ms:
 * - in the page, with the Event Timing API: from the input's timestamp to the
 *   next frame painted after its handlers (what INP measures);
 * - from Playwright: from sending the input until it sees the dialog open,
 *   which adds the DevTools round trip and its polling: an upper bound.
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
const BURSTS = 10;
// Page-side checks (this file is type-checked without the DOM lib).
// They are serialized into the page, so each must stand alone.
const HELP_CLOSED = () => !(globalThis as any).document.querySelector('dialog.help[open]');
/** Installed before the app loads: keeps the Event Timing entries of pointer and click events. */
const OBSERVE_EVENT_TIMING = () => {
  const g = globalThis as any;
  g.__clickTimings = [];
  new g.PerformanceObserver((list: any) => {
    for (const e of list.getEntries()) if (/^(pointerdown|pointerup|mousedown|mouseup|click)$/.test(e.name)) g.__clickTimings.push([e.name, e.duration]);
  }).observe({ type: 'event', durationThreshold: 16, buffered: true });
};
const CLEAR_TIMINGS = () => void ((globalThis as any).__clickTimings.length = 0);
/** Entries arrive once their frame is presented; a click always gets one (headless presents no sooner than ~40 ms). */
const CLICK_TIMED = () => (globalThis as any).__clickTimings.some((e: [string, number]) => e[0] === 'click');
/** The slowest event of the interaction, as INP counts it. */
const INTERACTION_MS = () => Math.max(...((globalThis as any).__clickTimings as [string, number][]).map((e) => e[1]));
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

interface ClickTiming {
  /** Input to the next paint after its handlers, in the page (Event Timing). */
  inPage: number;
  /** Input sent until Playwright sees the dialog open. */
  roundTrip: number;
}

/** One click on the shortcuts button until its dialog is open; then closes it again. */
async function clickLatency(page: Page, x: number, y: number): Promise<ClickTiming> {
  await page.evaluate(CLEAR_TIMINGS); // forget the Escape and hovers before this click
  const t0 = performance.now();
  await page.mouse.click(x, y);
  await page.waitForSelector('dialog.help[open]', { timeout: 30_000 });
  const roundTrip = performance.now() - t0;
  await page.waitForFunction(CLICK_TIMED, undefined, { timeout: 30_000 });
  const inPage = await page.evaluate(INTERACTION_MS);
  await page.keyboard.press('Escape');
  await page.waitForFunction(HELP_CLOSED, undefined, { timeout: 30_000 });
  // Let the app see the close before the next click; a person never clicks within a frame of it.
  await page.waitForTimeout(100);
  if (process.env.BENCH_VERBOSE) console.log(`  click: ${inPage.toFixed(0)} ms in the page, ${roundTrip.toFixed(0)} ms round trip`);
  return { inPage, roundTrip };
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
    await page.addInitScript(OBSERVE_EVENT_TIMING);
    await page.goto(`${server.url}#/board`);
    await page.waitForSelector('[data-connection="online"]');
    const box = (await page.locator('button[aria-label="Keyboard shortcuts"]').first().boundingBox())!;
    const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
    const idle: ClickTiming[] = [];
    for (let i = 0; i < 10; i++) idle.push(await clickLatency(page, x, y));

    // The gate prints 20 MB in a second or two: several bursts give enough clicks while it prints.
    const during: ClickTiming[] = [];
    const after: ClickTiming[] = [];
    for (let burst = 0; burst < BURSTS; burst++) {
      await page.goto(`${server.url}#/board`);
      await page.locator('tr.gate-row[data-gate="burst"] [data-action="run"]').click();
      await page.waitForURL(/#\/gate\/burst\/run\/\d+$/);
      await page.waitForFunction(TERMINAL_HAS_OUTPUT, undefined, { timeout: 30_000 });
      for (;;) {
        const running = (await page.locator('.run-head .pill').getAttribute('data-status')) === 'running';
        const timing = await clickLatency(page, x, y);
        if (!running) {
          after.push(timing);
          break;
        }
        during.push(timing);
      }
    }
    const inPage = (list: ClickTiming[]) => list.map((t) => t.inPage);
    const roundTrip = (list: ClickTiming[]) => list.map((t) => t.roundTrip);
    const inPageP95 = percentile(inPage(during), 0.95);
    const roundTripP95 = percentile(roundTrip(during), 0.95);
    return {
      name: 'burst-click',
      figures: [
        { label: 'click to next paint, idle page (median)', value: percentile(inPage(idle), 0.5), unit: 'ms' },
        { label: 'click to next paint during a 20 MB burst (median)', value: percentile(inPage(during), 0.5), unit: 'ms' },
        { label: 'click to next paint during a 20 MB burst (p95)', value: inPageP95, unit: 'ms', target: '≤ 200', ok: inPageP95 <= 200 },
        { label: 'round trip, idle page (median)', value: percentile(roundTrip(idle), 0.5), unit: 'ms' },
        { label: 'round trip during a 20 MB burst (median)', value: percentile(roundTrip(during), 0.5), unit: 'ms' },
        { label: 'round trip during a 20 MB burst (p95)', value: roundTripP95, unit: 'ms', target: '≤ 200', ok: roundTripP95 <= 200 },
        { label: 'round trip during a 20 MB burst (worst)', value: Math.max(...roundTrip(during)), unit: 'ms' },
        { label: 'clicks sampled while the gate was printing', value: during.length, unit: `in ${BURSTS} bursts` },
        { label: 'round trip, first click after the gate ended (median)', value: percentile(roundTrip(after), 0.5), unit: 'ms' },
      ],
      notes: [
        `A gate prints ${BYTES / 1e6} MB of base64 lines as fast as the pty takes them, into the run view's live terminal (xterm.js); Chromium ${browser.version()} headless, 1440×900.`,
        'Each sample: a real mouse click on the header’s shortcuts button until its dialog is open, then Escape.',
        '"Click to next paint": the slowest pointer/click event of the interaction by the page’s Event Timing API (input timestamp to the next presented frame; what INP measures). Headless Chromium with software compositing presents late, so even an idle page reads about 50 ms.',
        '"Round trip": from Playwright sending the input until it sees the dialog open; adds the DevTools round trip and polling, an upper bound on what a person waits.',
      ],
    };
  } finally {
    await browser.close();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
