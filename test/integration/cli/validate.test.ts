import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasStackTrace, ROOT, runCli } from '../../helpers/cli';

const fixtures = join(ROOT, 'test', 'fixtures', 'plans');

/** The fixture README lists `file.yaml` with its expected `line:col`. */
function expectedPositions(): Map<string, string> {
  const text = readFileSync(join(fixtures, 'README.md'), 'utf8');
  const map = new Map<string, string>();
  for (const m of text.matchAll(/`?(bad-[\w-]+\.yaml)`?[^\n]*?\b(\d+:\d+)\b/g)) map.set(m[1], m[2]);
  return map;
}

describe('release-cockpit validate', () => {
  it('accepts the bundled example plan', () => {
    const r = runCli(['validate', 'resources/plans/example.yaml']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/ok .*example\.yaml: cockpit-demo release-candidate-1, 6 gates/);
  });

  const positions = expectedPositions();
  const bad = readdirSync(fixtures).filter((f) => f.startsWith('bad-') && f.endsWith('.yaml'));

  it('has a fixture for each kind of error the issue names', () => {
    for (const kind of ['tab', 'indent', 'unknown-key', 'duplicate-id', 'cycle', 'unknown-needs', 'unknown-host', 'duration', 'threshold']) {
      expect(bad.some((f) => f.includes(kind)), `fixture for ${kind}`).toBe(true);
    }
  });

  for (const file of bad) {
    it(`rejects ${file} with exit 2 and file:line:col`, () => {
      const r = runCli(['validate', join(fixtures, file)]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(hasStackTrace(r.stderr)).toBe(false);
      const pos = positions.get(file);
      expect(pos, `README.md lists the position for ${file}`).toBeTruthy();
      expect(r.stderr).toContain(`${join(fixtures, file)}:${pos}:`);
    });
  }

  it('reports a missing file and bad usage as bad input, without a stack trace', () => {
    const missing = runCli(['validate', 'no/such/plan.yaml']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/plan\.yaml:1:1: no such file/);
    const usage = runCli(['validate']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/missing PLAN/);
    const unknownFlag = runCli(['validate', 'resources/plans/example.yaml', '--frobnicate']);
    expect(unknownFlag.code).toBe(2);
    expect(unknownFlag.stderr).toMatch(/frobnicate/);
    for (const r of [missing, usage, unknownFlag]) expect(hasStackTrace(r.stderr)).toBe(false);
  });

  it('exits 2 on an unknown command', () => {
    const r = runCli(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown command "frobnicate"/);
  });
});
