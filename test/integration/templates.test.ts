/**
 * Every reference plan (../shared/reference/*.md) has a runnable template
 * (resources/plans/templates/<same name>.yaml), every template validates, and
 * every template runs end to end with the CLI against its bundled demo target.
 *
 * Runs happen in a temp copy of resources/plans and resources/scripts (nothing is
 * written into the repo), one template at a time, each on a free loopback port,
 * with short durations from the environment (SOAK_SECONDS=3 and friends).
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT, runCli, runCliAsync } from '../helpers/cli';

const TEMPLATES = join(ROOT, 'resources', 'plans', 'templates');
const SCRIPTS = join(ROOT, 'resources', 'scripts', 'templates');
const REFERENCE = resolve(ROOT, '..', 'shared', 'reference');
const templates = readdirSync(TEMPLATES).filter((f) => f.endsWith('.yaml')).sort();
const hasReference = existsSync(REFERENCE);

/** Short settings: every long duration in the templates is a parameter. */
const SHORT_ENV: Record<string, string> = {
  SOAK_SECONDS: '3',
  SOAK_SAMPLE_SECONDS: '1',
  HEALTH_CHECKS: '3',
  HEALTH_INTERVAL_MS: '100',
  SLO_SECONDS: '3',
  SLO_SAMPLE_SECONDS: '1',
  LOAD_USERS: '4',
  LOAD_RPS: '40',
  LOAD_SECONDS: '2',
  SLA_SECONDS: '2',
  PERF_SECONDS: '3',
  PERF_USERS: '2',
  DIFF_ROWS: '300',
  BENCH_ROUNDS: '3',
  BACKUP_RECORDS: '50',
  DEMO_TTL_SECONDS: '600',
  // Never reach a real system from the test, whatever the developer's shell has set.
  TARGET_URL: '',
  SERVICE_TOKEN: '',
  CANARY_URL: '',
  CYCLE_START_CMD: '',
  CYCLE_STOP_CMD: '',
  CYCLE_HEALTH_URL: '',
  SIGNING_KEY_FILE: '',
  PROMOTION_REPO: '',
  UPGRADE_CMD: '',
  ROLLBACK_CMD: '',
  DEPLOY_CMD: '',
  LOG_FILE: '',
};

interface PlanGate {
  id: string;
  on?: string;
  repeat?: number;
  evidence?: string[];
  signoff?: unknown;
}

interface StatusGate {
  id: string;
  status: string;
  reason: string | null;
  repeat: number;
  attempts: { exitCode: number | null }[];
  evidence: { path: string }[];
  thresholds: { metric: string; expr: string; ok: boolean | null; value: number | null }[];
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const srv = createServer();
    srv.once('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => done(port));
    });
  });
}

function portAnswers(port: number): Promise<boolean> {
  return fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(1000) }).then(
    () => true,
    () => false,
  );
}

const noOut = (src: string) => basename(src) !== 'out';

describe('plan templates', () => {
  let work: string;
  const outBefore = new Map<string, boolean>();

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'cockpit-templates-'));
    cpSync(join(ROOT, 'resources', 'plans'), join(work, 'plans'), { recursive: true, filter: noOut });
    cpSync(join(ROOT, 'resources', 'scripts'), join(work, 'scripts'), { recursive: true, filter: noOut });
    for (const t of templates) outBefore.set(t, existsSync(join(SCRIPTS, t.replace(/\.yaml$/, ''), 'out')));
  });

  afterAll(() => {
    // A failed run may leave a demo target behind: stop only ours, by the pid it wrote.
    for (const t of templates) {
      const pidFile = join(work, 'scripts', 'templates', t.replace(/\.yaml$/, ''), 'out', 'demo-target', 'pid');
      if (!existsSync(pidFile)) continue;
      const pid = Number(readFileSync(pidFile, 'utf8'));
      try {
        if (execFileSync('ps', ['-o', 'command=', '-p', String(pid)], { encoding: 'utf8' }).includes('demo-target.mjs')) process.kill(pid, 'SIGTERM');
      } catch {
        /* already gone */
      }
    }
    rmSync(work, { recursive: true, force: true });
  });

  it.skipIf(!hasReference)(
    `every reference document has a template with the same base name${hasReference ? '' : ` (skipped: ${REFERENCE} is absent)`}`,
    () => {
      const refs = readdirSync(REFERENCE).filter((f) => f.endsWith('.md'));
      expect(refs.length).toBeGreaterThan(0);
      const missing = refs.map((f) => f.replace(/\.md$/, '.yaml')).filter((y) => !templates.includes(y));
      expect(missing, `reference plans without a template in resources/plans/templates/`).toEqual([]);
    },
  );

  it('lists every template in the templates README', () => {
    const readme = readFileSync(join(TEMPLATES, 'README.md'), 'utf8');
    for (const t of templates) expect(readme, `README.md does not mention ${t}`).toContain(t);
  });

  it.each(templates)('%s validates', (t) => {
    const res = runCli(['validate', join(TEMPLATES, t)]);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
  });

  it.each(templates)(
    '%s runs end to end against its demo target',
    async (t) => {
      const name = t.replace(/\.yaml$/, '');
      const planPath = join(work, 'plans', 'templates', t);
      const source = readFileSync(planPath, 'utf8');
      const plan = parse(source) as { env?: Record<string, string>; gates: PlanGate[] };
      const defaultPort = plan.env?.DEMO_PORT;
      expect(defaultPort, `${t} sets env.DEMO_PORT`).toMatch(/^\d+$/);
      const port = await freePort();
      const rewritten = source.replaceAll(`127.0.0.1:${defaultPort}`, `127.0.0.1:${port}`).replaceAll(`DEMO_PORT: "${defaultPort}"`, `DEMO_PORT: "${port}"`);
      const code = rewritten.split('\n').filter((l) => !l.trim().startsWith('#')).join('\n');
      expect(code, `${t}: port ${defaultPort} left somewhere the test cannot redirect`).not.toContain(String(defaultPort));
      writeFileSync(planPath, rewritten);

      const db = join(work, `${name}.db`);
      const env = { ...SHORT_ENV, DEMO_PORT: String(port) };
      const run = await runCliAsync(['run', planPath, '--db', db, '--json'], { env });
      expect(run.stderr).not.toMatch(/internal error/i);
      const status = runCli(['status', planPath, '--db', db, '--json']);
      expect(status.code).toBe(0);
      const gates: StatusGate[] = JSON.parse(status.stdout).gates;
      const failures = gates.filter((g) => g.status !== 'passed').map((g) => `${g.id}: ${g.status} (${g.reason ?? ''})`);
      const byId = new Map(plan.gates.map((g) => [g.id, g]));

      for (const g of gates) {
        const def = byId.get(g.id) as PlanGate;
        if (def.on !== undefined) continue; // remote gates need SSH hosts; templates run them locally by default
        if (def.signoff !== undefined) {
          // Sign-offs cannot be produced here; the gate's own work must still have passed.
          expect(g.status, `${g.id}: ${g.reason ?? ''}`).not.toMatch(/failed|blocked|cancelled|interrupted/);
          expect(g.attempts.map((x) => x.exitCode), `${g.id} attempts`).toEqual(Array(def.repeat ?? 1).fill(0));
        } else {
          expect(g.status, `${g.id}: ${g.reason ?? ''}\nall not passed:\n${failures.join('\n')}`).toBe('passed');
        }
        for (const th of g.thresholds ?? []) expect(th.ok, `${g.id}: threshold ${th.metric} ${th.expr} (value ${th.value})`).not.toBe(false);
        if ((def.evidence ?? []).length > 0) expect(g.evidence.length, `${g.id} collected no evidence`).toBeGreaterThan(0);
      }
      expect(run.code, failures.join('\n')).toBe(0);

      // The final gate stopped the demo target: no pid file, nothing listening.
      expect(existsSync(join(work, 'scripts', 'templates', name, 'out', 'demo-target', 'pid'))).toBe(false);
      expect(await portAnswers(port)).toBe(false);
      // Nothing was written into the repository's copy of the scripts.
      expect(existsSync(join(SCRIPTS, name, 'out'))).toBe(outBefore.get(t));
    },
    150_000,
  );
});
