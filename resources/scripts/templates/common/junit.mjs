// Runs a list of named test cases in order and writes the results the way a
// real test runner would: JUnit XML (for the cockpit's junit + determinism
// comparison) and a JSON summary per attempt (for the evidence bundle).
import { join } from 'node:path';
import { bad, log, numEnv, ok, outDir, writeJson, writeText } from './lib.mjs';

const esc = (s) => String(s).replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c]);

/**
 * cases: [{ name, classname?, run: async () => string | void (throw = failure), skip?: string }]
 * Writes out/junit/<suite>.xml and out/<suite>/attempt-<N>.json (+ <suite>.json, the latest).
 * Returns { passed, failed, skipped }; the caller decides the exit code (usually: failed === 0).
 */
export async function runSuite(suite, cases, { junitDir = 'junit' } = {}) {
  const attempt = numEnv('COCKPIT_ATTEMPT', 1);
  log(`${suite}: running ${cases.length} test cases (attempt ${attempt}/${numEnv('COCKPIT_ATTEMPTS', 1)})`);
  const results = [];
  for (const c of cases) {
    const classname = c.classname ?? suite;
    if (c.skip) {
      results.push({ classname, name: c.name, outcome: 'skipped', message: c.skip });
      log(`  - ${c.name} (skipped: ${c.skip})`);
      continue;
    }
    const t0 = performance.now();
    try {
      const note = await c.run();
      results.push({ classname, name: c.name, outcome: 'passed', ms: Math.round(performance.now() - t0) });
      ok(`${c.name}${note ? `  (${note})` : ''}`);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      results.push({ classname, name: c.name, outcome: 'failed', message, ms: Math.round(performance.now() - t0) });
      bad(`${c.name}: ${message}`);
    }
  }
  const passed = results.filter((r) => r.outcome === 'passed').length;
  const failed = results.filter((r) => r.outcome === 'failed').length;
  const skipped = results.filter((r) => r.outcome === 'skipped').length;
  const body = results
    .map((r) => {
      const open = `<testcase classname="${esc(r.classname)}" name="${esc(r.name)}" time="${((r.ms ?? 0) / 1000).toFixed(3)}"`;
      if (r.outcome === 'passed') return `  ${open}/>`;
      if (r.outcome === 'skipped') return `  ${open}><skipped message="${esc(r.message)}"/></testcase>`;
      return `  ${open}><failure message="${esc(r.message)}"/></testcase>`;
    })
    .join('\n');
  writeText(
    join(outDir(junitDir), `${suite}.xml`),
    `<?xml version="1.0" encoding="UTF-8"?>\n<testsuite name="${esc(suite)}" tests="${results.length}" failures="${failed}" skipped="${skipped}">\n${body}\n</testsuite>\n`,
  );
  const summary = { suite, attempt, at: new Date().toISOString(), tests: results.length, passed, failed, skipped, results };
  const dir = outDir(suite);
  writeJson(join(dir, `attempt-${attempt}.json`), summary);
  writeJson(join(dir, `${suite}.json`), summary);
  log(`${suite}: ${passed} passed, ${failed} failed, ${skipped} skipped`);
  return { passed, failed, skipped };
}

/** Assertion helper for cases: throws a readable message. */
export function expectStatus(res, expected, what = '') {
  const want = Array.isArray(expected) ? expected : [expected];
  if (!want.includes(res.status)) {
    const got = res.status === 0 ? `no response (${res.error})` : `${res.status} ${res.json?.error ?? ''}`.trim();
    throw new Error(`${what ? `${what}: ` : ''}expected ${want.join(' or ')}, got ${got}`);
  }
  return res;
}

export function check(condition, message) {
  if (!condition) throw new Error(message);
}
