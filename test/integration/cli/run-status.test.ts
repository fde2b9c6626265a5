import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, workspace, type CliResult, type Workspace } from '../../helpers/cli';

const PLAN = `version: 1
release: mixed
candidate: rc-1
gates:
  - id: ok
    run: echo all good
  - id: cycles
    run: echo "cycle $COCKPIT_ATTEMPT"
    repeat: 10
  - id: broken
    run: echo about to fail; exit 4
  - id: after-broken
    needs: [broken]
    run: echo never runs
  - id: after-after
    needs: [after-broken]
    run: echo never runs either
  - id: after-ok
    needs: [ok, cycles]
    run: exit 0
`;

type Gate = {
  id: string;
  status: string;
  runId: number | null;
  reason: string | null;
  attempts: { exitCode: number | null; durationMs: number | null }[];
  thresholds: unknown[];
  signoffs: unknown[];
};

describe('run and status on a mixed plan', () => {
  let ws: Workspace;
  let plan: string;
  let run: CliResult;

  beforeAll(() => {
    ws = workspace();
    plan = ws.write('plan.yaml', PLAN);
    run = runCli(['run', plan, '--db', ws.db, '--json']);
  });
  afterAll(() => ws.cleanup());

  it('exits 1 because a gate failed', () => {
    expect(run.stderr).not.toMatch(/internal error/);
    expect(run.code).toBe(1);
  });

  it('prints only JSON on stdout with --json', () => {
    expect(() => JSON.parse(run.stdout)).not.toThrow();
  });

  it('records passed, failed and blocked gates, and blocks dependents transitively', () => {
    const gates: Gate[] = JSON.parse(run.stdout).gates;
    const by = Object.fromEntries(gates.map((g) => [g.id, g]));
    expect(by.ok.status).toBe('passed');
    expect(by.cycles.status).toBe('passed');
    expect(by.broken.status).toBe('failed');
    expect(by.broken.reason).toBe('the command exited with code 4');
    expect(by['after-broken'].status).toBe('blocked');
    expect(by['after-broken'].reason).toContain('broken (failed)');
    expect(by['after-after'].status).toBe('blocked');
    expect(by['after-ok'].status).toBe('passed');
  });

  it('status --json from a new process tells the same story', () => {
    const st = runCli(['status', plan, '--db', ws.db, '--json']);
    expect(st.code).toBe(0);
    const fromRun: Gate[] = JSON.parse(run.stdout).gates;
    const fromStatus: Gate[] = JSON.parse(st.stdout).gates;
    expect(fromStatus.map((g) => [g.id, g.status, g.runId])).toEqual(fromRun.map((g) => [g.id, g.status, g.runId]));
    const shape = fromStatus[0];
    expect(Object.keys(shape)).toEqual(expect.arrayContaining(['id', 'status', 'runId', 'attempts', 'thresholds', 'signoffs']));
    expect(JSON.parse(st.stdout).plan.release).toBe('mixed');
  });

  it('records every attempt with its exit code and duration; repeat 10 gives 10 attempts', () => {
    const gates: Gate[] = JSON.parse(runCli(['status', plan, '--db', ws.db, '--json']).stdout).gates;
    const cycles = gates.find((g) => g.id === 'cycles')!;
    expect(cycles.attempts).toHaveLength(10);
    for (const a of cycles.attempts) {
      expect(a.exitCode).toBe(0);
      expect(a.durationMs).toBeGreaterThanOrEqual(0);
    }
    const broken = gates.find((g) => g.id === 'broken')!;
    expect(broken.attempts.map((a) => a.exitCode)).toEqual([4]);
    const blocked = gates.find((g) => g.id === 'after-broken')!;
    expect(blocked.attempts).toHaveLength(0);
  });

  it('numbers runs per gate and keeps old runs readable with log --run', () => {
    const again = runCli(['run', plan, '--db', ws.db, '--gate', 'broken', '--json']);
    expect(again.code).toBe(1);
    const broken = JSON.parse(again.stdout).gates.find((g: Gate) => g.id === 'broken');
    expect(broken.runId).toBe(2);
    const log1 = runCli(['log', plan, '--db', ws.db, '--gate', 'cycles', '--run', '1']);
    expect(log1.code).toBe(0);
    const lines = log1.stdout.split(/\r?\n/).filter(Boolean);
    expect(lines).toEqual(Array.from({ length: 10 }, (_, i) => `cycle ${i + 1}`));
  });

  it('a human run prints live output and a summary table', () => {
    const human = runCli(['run', plan, '--db', ws.db, '--gate', 'ok']);
    expect(human.code).toBe(0);
    expect(human.stdout).toContain('all good');
    expect(human.stdout).toMatch(/GATE\s+STATUS\s+RUN\s+ATTEMPTS/);
    expect(human.stderr).toMatch(/✓ ok/);
  });

  it('rejects unknown gates and bad --run values as bad input', () => {
    expect(runCli(['run', plan, '--db', ws.db, '--gate', 'nope']).code).toBe(2);
    const badRun = runCli(['log', plan, '--db', ws.db, '--gate', 'ok', '--run', 'x']);
    expect(badRun.code).toBe(2);
    expect(badRun.stderr).toMatch(/--run expects a positive whole number/);
    const noRun = runCli(['log', plan, '--db', ws.db, '--gate', 'ok', '--run', '99']);
    expect(noRun.code).toBe(2);
    expect(noRun.stderr).toMatch(/no run #99/);
  });
});
