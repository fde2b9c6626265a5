/**
 * Reads the parts of JUnit XML reports that determinism checks need: each test
 * case's identity and outcome. Reports come from many tools with small dialect
 * differences, so this reads <testcase> elements leniently rather than
 * validating a schema.
 */

export type TestOutcome = 'passed' | 'failed' | 'skipped';

export interface TestCaseResult {
  /** `classname::name`, unique within one run's reports. */
  id: string;
  outcome: TestOutcome;
}

const TESTCASE = /<testcase\b([^>]*?)(\/>|>([\s\S]*?)<\/testcase>)/g;
const ATTR = /([A-Za-z_:][\w:.-]*)\s*=\s*("([^"]*)"|'([^']*)')/g;

function decodeEntities(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_m, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&amp;/g, '&');
}

function attributes(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of text.matchAll(ATTR)) out[m[1]] = decodeEntities(m[3] ?? m[4] ?? '');
  return out;
}

export function parseJunit(xml: string): TestCaseResult[] {
  const results: TestCaseResult[] = [];
  for (const m of xml.matchAll(TESTCASE)) {
    const attrs = attributes(m[1]);
    const body = m[3] ?? '';
    const outcome: TestOutcome = /<(failure|error)\b/.test(body)
      ? 'failed'
      : /<skipped\b/.test(body)
        ? 'skipped'
        : 'passed';
    const id = `${attrs.classname ?? attrs.class ?? ''}::${attrs.name ?? '(unnamed)'}`;
    results.push({ id, outcome });
  }
  return results;
}

export interface DeterminismReport {
  ok: boolean;
  /** One line per difference, e.g. `suite::test: passed in attempt 1, failed in attempt 2`. */
  differences: string[];
  testCount: number;
}

/** Compares attempts test by test; any test whose outcome or presence differs breaks determinism. */
export function compareAttempts(attempts: TestCaseResult[][]): DeterminismReport {
  const differences: string[] = [];
  const maps = attempts.map((cases) => new Map(cases.map((c) => [c.id, c.outcome])));
  const ids = new Set(attempts.flat().map((c) => c.id));
  for (const id of [...ids].sort()) {
    const seen = maps.map((m) => m.get(id) ?? 'missing');
    if (new Set(seen).size > 1) {
      differences.push(`${id}: ${seen.map((s, i) => `${s} in attempt ${i + 1}`).join(', ')}`);
    }
  }
  if (attempts.some((a) => a.length === 0)) {
    differences.push('an attempt produced no JUnit test cases');
  }
  return { ok: differences.length === 0, differences, testCount: ids.size };
}
