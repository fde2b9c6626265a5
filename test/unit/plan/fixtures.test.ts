import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePlan } from '../../../electron/core/plan/parse-plan';

const DIR = path.resolve(__dirname, '../../fixtures/plans');

/** Rows of the README table: file, line:col, key phrase. */
function readmeRows(): { file: string; line: number; col: number; phrase: string }[] {
  const rows = [];
  for (const line of readFileSync(path.join(DIR, 'README.md'), 'utf8').split('\n')) {
    const m = /^\| (bad-[\w-]+\.yaml) \| (\d+):(\d+) \| (.+) \|$/.exec(line);
    if (m) rows.push({ file: m[1], line: Number(m[2]), col: Number(m[3]), phrase: m[4] });
  }
  return rows;
}

describe('plan fixtures', () => {
  const rows = readmeRows();

  it('the README lists every bad fixture', () => {
    const files = readdirSync(DIR).filter((f) => f.startsWith('bad-') && f.endsWith('.yaml')).sort();
    expect(rows.map((r) => r.file).sort()).toEqual(files);
    expect(files.length).toBeGreaterThanOrEqual(10);
  });

  it.each(readmeRows())('$file fails at $line:$col', ({ file, line, col, phrase }) => {
    const r = parsePlan(readFileSync(path.join(DIR, file), 'utf8'), file);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({ file, line, col });
    expect(r.diagnostics[0].message).toContain(phrase);
  });

  it('valid-design.yaml parses', () => {
    const r = parsePlan(readFileSync(path.join(DIR, 'valid-design.yaml'), 'utf8'), path.join(DIR, 'valid-design.yaml'));
    expect(r.ok ? r.plan.gates.map((g) => g.id) : r.diagnostics).toEqual(['go-no-go', 'soak', 'determinism', 'health-evidence']);
  });
});
