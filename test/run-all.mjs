// `npm test`: build, lint, then unit + integration (vitest), then the browser E2E
// (Playwright + Debian's Chromium). Ends with one line: "N passed, N failed, N skipped".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const scratch = mkdtempSync(join(tmpdir(), 'cockpit-test-'));
const totals = { passed: 0, failed: 0, skipped: 0 };
let broken = false;

function step(title, cmd, args, env = {}) {
  process.stdout.write(`\n=== ${title} ===\n`);
  const res = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return res.status ?? 1;
}

if (step('build', process.execPath, ['build/bundle.mjs']) !== 0) broken = true;
// ESLint, the type checks, the layer rules and the import-cycle check (npm run lint): one failure fails the run.
if (step('lint (eslint, types, layers, cycles)', process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', '-s', 'lint']) !== 0) {
  broken = true;
  totals.failed += 1;
}

const vitestJson = join(scratch, 'vitest.json');
const vitestArgs = ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`, ...process.argv.slice(2)];
const vitestCode = broken ? 1 : step('unit + integration (vitest)', bin('vitest'), vitestArgs);
if (existsSync(vitestJson)) {
  const r = JSON.parse(readFileSync(vitestJson, 'utf8'));
  totals.passed += r.numPassedTests;
  totals.failed += r.numFailedTests;
  totals.skipped += r.numPendingTests + (r.numTodoTests ?? 0);
}
if (vitestCode !== 0) broken = true;

const e2eDir = join(root, 'test', 'e2e');
const hasSpecs = existsSync(e2eDir) && readdirSync(e2eDir).some((f) => f.endsWith('.spec.ts'));
if (!hasSpecs) {
  process.stdout.write('\n=== browser E2E: no specs yet ===\n');
} else if (!existsSync('/usr/bin/chromium') && !process.env.COCKPIT_CHROMIUM) {
  process.stdout.write('\n=== browser E2E skipped: no Chromium at /usr/bin/chromium (apt-get install -y chromium) ===\n');
  totals.skipped += 1;
  if (process.env.CI) broken = true;
} else {
  const pwJson = join(scratch, 'playwright.json');
  const code = step('browser E2E (Playwright + Chromium)', bin('playwright'), ['test', '-c', 'test/e2e/playwright.config.ts', '--reporter=list,json'], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: pwJson,
  });
  if (existsSync(pwJson)) {
    const s = JSON.parse(readFileSync(pwJson, 'utf8')).stats ?? {};
    totals.passed += (s.expected ?? 0) + (s.flaky ?? 0);
    totals.failed += s.unexpected ?? 0;
    totals.skipped += s.skipped ?? 0;
  }
  if (code !== 0) broken = true;
}

// The desktop smoke test: it skips itself, saying why, where there is no Electron binary (our offline machines);
// the release workflow runs it against the packaged app.
{
  const pwJson = join(scratch, 'electron.json');
  const code = step('Electron smoke (Playwright + Electron)', bin('playwright'), ['test', '-c', 'test/electron/playwright.config.ts', '--reporter=list,json'], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: pwJson,
  });
  if (existsSync(pwJson)) {
    const report = JSON.parse(readFileSync(pwJson, 'utf8'));
    const s = report.stats ?? {};
    totals.passed += (s.expected ?? 0) + (s.flaky ?? 0);
    totals.failed += s.unexpected ?? 0;
    totals.skipped += s.skipped ?? 0;
    if (s.skipped) {
      const why = JSON.stringify(report).match(/"description":"(No Electron binary[^"]*)"/);
      if (why) process.stdout.write(`Electron smoke skipped: ${why[1]}\n`);
    }
  }
  if (code !== 0) broken = true;
}

rmSync(scratch, { recursive: true, force: true });
if (broken && totals.failed === 0) totals.failed = 1;
process.stdout.write(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped\n`);
process.exit(broken ? 1 : 0);
