/**
 * The Soak page against a real `serve` and the real soak demo (two services
 * under load on 127.0.0.1): live charts fill in, a latency threshold set too
 * tight breaks and is marked, exports work. Takes docs/screenshots/soak.png.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO, removeDir, startCockpit, writePlanDir, type Cockpit } from './support/cockpit-server';
import { expect, openCockpit, test } from './support/fixtures';

const PLAN = `version: 1
release: soak-e2e
candidate: rc-1
gates:
  - id: soak
    title: Soak (E2E)
    run: node ${JSON.stringify(join(REPO, 'resources', 'scripts', 'example', 'soak-demo.mjs'))}
    timeout: 2m
    env:
      SOAK_SECONDS: "40"
      SOAK_RPS: "20"
      SOAK_SLOW_MS: "180"
    thresholds:
      http_req_failed: ["rate < 0.05"]
      http_req_duration: ["p(95) < 200"]
      process_resident_memory_bytes{service:worker}: [{ threshold: "slope < 500MB/h", consecutive: 5 }]
`;

test.describe('soak view', () => {
  let cockpit: Cockpit;
  test.beforeAll(async () => {
    const dir = writePlanDir({ 'plan.yaml': PLAN });
    cockpit = await startCockpit(dir, join(dir, 'plan.yaml'));
  });
  test.afterAll(async () => {
    await cockpit?.stop();
    if (cockpit) removeDir(cockpit.dir);
  });

  test('draws live points, marks the breached threshold, exports CSV and PNG', async ({ page, consoleErrors }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width: 1440, height: 900 });
    await openCockpit(page, cockpit, '#/soak');
    await expect(page.locator('.sidebar [data-nav="soak"]')).toHaveAttribute('aria-current', 'page');
    await page.getByRole('button', { name: 'Run soak' }).click();
    await expect(page.getByTestId('soak-page').locator('.pill')).toHaveAttribute('data-status', 'running');

    // Live: every chart gets points, and more of them as the soak goes on.
    const latency = page.locator('.soak-chart[data-metric="http_req_duration"]');
    await expect(latency).toBeVisible({ timeout: 20_000 });
    await expect(page.locator('.soak-chart[data-metric="http_req_failed"]')).toBeVisible();
    const memory = page.locator('.soak-chart[data-metric="process_resident_memory_bytes"]');
    await expect(memory.locator('.recharts-legend-item')).toHaveCount(2); // api and worker on one chart
    const drawn = async () => Number(await latency.getAttribute('data-points'));
    await expect.poll(drawn, { timeout: 15_000 }).toBeGreaterThan(20);
    const before = await drawn();
    await expect.poll(drawn, { timeout: 10_000 }).toBeGreaterThan(before);
    await expect(latency.locator('path.recharts-line-curve')).toHaveCount(1);

    // p(95) < 200 with ~200 ms answers: breached, shown in the list and on the chart.
    const p95 = page.getByTestId('soak-verdict').filter({ hasText: 'p(95) < 200' });
    await expect(p95).toHaveAttribute('data-ok', 'failed', { timeout: 30_000 });
    await expect(p95).toContainText('Breached');
    await expect(latency.locator('.soak-breach')).toHaveCount(1);
    await expect(page.getByTestId('soak-verdict').filter({ hasText: 'rate < 0.05' })).toHaveAttribute('data-ok', 'ok');
    await expect(page.getByTestId('soak-elapsed')).not.toHaveText('—');
    await expect(page.getByTestId('soak-remaining')).toHaveText(/^1:\d\d$/);

    // A screenshot with some history in it.
    await expect(page.getByTestId('soak-elapsed')).toHaveText(/^0:(1[5-9]|[2-5]\d)$/, { timeout: 30_000 });
    await expect.poll(drawn).toBeGreaterThan(200);
    mkdirSync(join(REPO, 'docs', 'screenshots'), { recursive: true });
    await page.mouse.move(0, 899);
    await page.screenshot({ path: join(REPO, 'docs', 'screenshots', 'soak.png') });

    const [csv] = await Promise.all([page.waitForEvent('download'), latency.getByRole('button', { name: 'CSV' }).click()]);
    expect(csv.suggestedFilename()).toMatch(/^http_req_duration-run-\d+\.csv$/);
    const csvText = readFileSync(await csv.path(), 'utf8');
    expect(csvText.split('\n')[0]).toBe('time,line,value');
    expect(csvText.split('\n').length).toBeGreaterThan(20);
    const [png] = await Promise.all([page.waitForEvent('download'), latency.getByRole('button', { name: 'PNG' }).click()]);
    expect(png.suggestedFilename()).toMatch(/\.png$/);
    const bytes = readFileSync(await png.path());
    expect(bytes.subarray(1, 4).toString()).toBe('PNG');
    expect(bytes.length).toBeGreaterThan(5000);

    await page.getByRole('button', { name: 'Cancel run' }).click();
    await expect(page.getByTestId('soak-page').locator('.pill')).toHaveAttribute('data-status', 'cancelled', { timeout: 20_000 });
    expect(consoleErrors).toEqual([]);
  });
});
