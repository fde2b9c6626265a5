/** Reads a plan file from disk and parses it; reading problems become diagnostics too. */
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parsePlan } from '../../electron/core/plan/parse-plan';
import type { PlanResult } from '../../electron/core/plan/types';

const MAX_PLAN_BYTES = 4 * 1024 * 1024;

export function loadPlanFile(path: string): PlanResult {
  const file = resolve(path);
  const fail = (message: string, missing = false): PlanResult => ({ ok: false, diagnostics: [{ file, line: 1, col: 1, message }], ...(missing ? { missing } : {}) });
  let text: string;
  try {
    const st = statSync(file);
    if (st.isDirectory()) return fail('is a directory; expected a plan file (YAML)');
    if (st.size > MAX_PLAN_BYTES) return fail(`is ${st.size} bytes; a plan must be under 4 MiB`);
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? fail('no such file', true) : fail(`cannot read: ${(err as Error).message}`);
  }
  return parsePlan(text, file);
}
