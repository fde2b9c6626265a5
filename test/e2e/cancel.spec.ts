/** Cancelling the long gate stops it, and leaves none of its processes behind. */
import { execFileSync } from 'node:child_process';
import { readlinkSync } from 'node:fs';
import { expect, openCockpit, runFromBoard, runStatus, runUntilPassed, terminalText, test } from './support/fixtures';

/** Processes (from `ps -eo pid,args`) whose working directory is inside `dir`: the gate's tree. */
function processesUnder(dir: string): string[] {
  const out = execFileSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' });
  const found: string[] = [];
  for (const line of out.split('\n').slice(1)) {
    const m = /^\s*(\d+)\s+(.*)$/.exec(line);
    if (!m || Number(m[1]) === process.pid) continue;
    let cwd: string;
    try {
      cwd = readlinkSync(`/proc/${m[1]}/cwd`);
    } catch {
      continue; // exited meanwhile, or not ours to read
    }
    if (cwd === dir || cwd.startsWith(`${dir}/`)) found.push(`${m[1]} ${m[2]}`);
  }
  return found;
}

test('cancels the long gate: cancelled, and no process of it is left', async ({ page, cockpit }) => {
  test.setTimeout(90_000);
  await openCockpit(page, cockpit);
  // soak needs start-stop, which needs build-info.
  await runUntilPassed(page, 'build-info');
  await runUntilPassed(page, 'start-stop', 45_000);
  await runFromBoard(page, 'soak');

  await expect(runStatus(page)).toHaveAttribute('data-status', 'running');
  await expect.poll(() => terminalText(page)).toMatch(/soak:\s+2s\/60s/);
  await expect(page.getByTestId('run-progress')).toContainText('Attempt 1 of 1');
  const during = processesUnder(cockpit.dir);
  expect(during.some((p) => p.includes('soak-demo.sh')), `soak processes while running:\n${during.join('\n')}`).toBe(true);

  await page.getByRole('button', { name: 'Cancel run' }).click();
  await expect(runStatus(page)).toHaveAttribute('data-status', 'cancelled');
  await expect(runStatus(page)).toHaveText('Cancelled');

  await expect.poll(() => processesUnder(cockpit.dir), { timeout: 15_000 }).toEqual([]);
  await page.locator('.sidebar [data-nav="board"]').click();
  await expect(page.locator('tr.gate-row[data-gate="soak"]')).toHaveAttribute('data-status', 'cancelled');
});
