/**
 * A 20 MB burst through a gate: the page stays usable while it streams, and
 * the stored log is complete, byte for byte, whatever the live view skipped.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI, REPO, removeDir, startCockpit, writePlanDir, type Cockpit } from './support/cockpit-server';
import { expect, openCockpit, runFromBoard, runStatus, terminalText, test } from './support/fixtures';

const BYTES = 20_000_000;

/** Writes BYTES of base64 lines (pseudo-random, 76 columns), then the count and sha256 of exactly what it wrote. */
const GENERATOR = `
const { createHash, randomBytes } = require('node:crypto');
const { writeFileSync } = require('node:fs');
const total = ${BYTES};
const hash = createHash('sha256');
let written = 0;
function chunk() {
  const want = Math.min(1 << 16, total - written);
  const lines = [];
  let size = 0;
  while (size < want) {
    const line = randomBytes(57).toString('base64') + '\\n';
    const piece = size + line.length > want ? line.slice(0, want - size) : line;
    lines.push(piece);
    size += piece.length;
  }
  return Buffer.from(lines.join(''));
}
function pump() {
  while (written < total) {
    const buf = chunk();
    written += buf.length;
    hash.update(buf);
    if (!process.stdout.write(buf)) return process.stdout.once('drain', pump);
  }
  writeFileSync('burst.expected', JSON.stringify({ bytes: written, sha256: hash.digest('hex') }));
}
pump();
`;

const PLAN = `version: 1
release: burst-test
candidate: rc-burst
gates:
  - id: burst
    title: 20 MB output burst
    # -onlcr: the pty passes the bytes through unchanged, so the log can be compared with the generator's.
    run: stty -onlcr; node burst.cjs
    timeout: 3m
  - id: numbered
    title: 480 KB of numbered lines
    run: node numbered.cjs
    timeout: 1m
`;

/** More output than the host sends before it waits for acks (100 KB), less than it buffers (1 MB). */
const NUMBERED = `
// Start after the run view is watching, so the output goes through the live stream.
setTimeout(() => {
for (let i = 0; i < 20000; i++) process.stdout.write('line ' + String(i).padStart(6, '0') + ' ' + 'x'.repeat(10) + '\\n');
process.stdout.write('END-OF-OUTPUT\\n');
}, 2000);
`;

test.describe('20 MB burst', () => {
  let burst: Cockpit;

  test.beforeAll(async () => {
    const dir = writePlanDir({ 'plan.yaml': PLAN, 'burst.cjs': GENERATOR, 'numbered.cjs': NUMBERED });
    burst = await startCockpit(dir, join(dir, 'plan.yaml'));
  });

  test.afterAll(async () => {
    await burst?.stop();
    if (burst) removeDir(burst.dir);
  });

  test('the live view acknowledges what it renders, so the host keeps streaming past its window', async ({ page }) => {
    await openCockpit(page, burst);
    await runFromBoard(page, 'numbered');
    await expect(runStatus(page)).toHaveAttribute('data-status', 'running');
    await expect(runStatus(page)).toHaveAttribute('data-status', 'passed', { timeout: 30_000 });
    // Without acks the host would hold the stream after 100 KB and the end would never arrive.
    await expect.poll(() => terminalText(page), { timeout: 15_000 }).toContain('END-OF-OUTPUT');
    expect(await terminalText(page)).toContain('line 019999');
    await expect(page.getByTestId('skip-notice')).toHaveCount(0);
  });

  test('the page stays usable during the burst and the stored log is complete', async ({ page }) => {
    test.setTimeout(180_000);
    await openCockpit(page, burst);
    const runId = await runFromBoard(page, 'burst');
    await expect.poll(() => terminalText(page), { timeout: 30_000 }).toMatch(/[A-Za-z0-9+/]{40}/);

    // While output streams: a click on a nav button is handled and the page updates.
    const stillRunning = (await runStatus(page).getAttribute('data-status')) === 'running';
    const t0 = Date.now();
    await page.locator('.sidebar [data-nav="history"]').click();
    await expect(page.locator('main[data-route="history"]')).toBeVisible({ timeout: 5_000 });
    await expect(page.locator(`tr.history-row[data-run="${runId}"]`)).toBeVisible({ timeout: 5_000 });
    const navMs = Date.now() - t0;
    test.info().annotations.push({ type: 'nav-during-burst-ms', description: `${navMs} ms (run still streaming: ${stillRunning})` });
    console.log(`navigation during the burst took ${navMs} ms (run still streaming: ${stillRunning})`);
    expect(navMs).toBeLessThan(5_000);

    await page.locator(`tr.history-row[data-run="${runId}"]`).click();
    await expect(runStatus(page)).toHaveAttribute('data-status', 'passed', { timeout: 150_000 });

    // The stored log, through the CLI, is exactly what the generator wrote.
    const expected = JSON.parse(readFileSync(join(burst.dir, 'burst.expected'), 'utf8')) as { bytes: number; sha256: string };
    expect(expected.bytes).toBe(BYTES);
    const log = execFileSync(process.execPath, [CLI, 'log', burst.planPath, '--gate', 'burst', '--db', burst.dbPath], {
      cwd: REPO,
      maxBuffer: 64 * 1024 * 1024,
    });
    expect(log.length).toBe(expected.bytes);
    expect(createHash('sha256').update(log).digest('hex')).toBe(expected.sha256);

    // And the page's own path to it (run.log slices) agrees on the size.
    await expect(page.locator('tr[data-attempt="1"]')).toContainText('19.1 MB');
  });
});
