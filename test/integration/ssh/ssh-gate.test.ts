/**
 * Gates with `on: HOST` against a real sshd on 127.0.0.1: output, exit code,
 * evidence and metrics come back; quoting survives quotes, spaces and `$`;
 * an unknown or changed host key fails with an actionable message; a timeout
 * kills the remote process group.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, workspace, type Workspace } from '../../helpers/cli';
import { leftovers, sleep } from '../../helpers/crash-checks';
import { sshdMissing, startSshd, type TestSshd } from '../../helpers/sshd';

if (sshdMissing) console.warn(sshdMissing);

describe.skipIf(!!sshdMissing)('ssh gates (real sshd)', () => {
  let sshd: TestSshd;
  let ws: Workspace;
  const tag = `ssh-${randomBytes(4).toString('hex')}`;
  const remoteCwd = `/tmp/cockpit-${tag} remote dir`;

  beforeAll(async () => {
    sshd = await startSshd();
    ws = workspace('cockpit-ssh-');
    mkdirSync(remoteCwd, { recursive: true });
  });
  afterAll(async () => {
    await sshd?.stop();
    ws?.cleanup();
    rmSync(remoteCwd, { recursive: true, force: true });
    rmSync(`/root/.release-cockpit/runs/${tag}@rc1`, { recursive: true, force: true });
  });

  const plan = (gates: string, kh?: string) =>
    ws.write(`plan-${randomBytes(3).toString('hex')}.yaml`, [
      'version: 1', `release: ${tag}`, 'candidate: rc1',
      `hosts:\n  box: ${sshd.hostYaml(kh, `, cwd: ${JSON.stringify(remoteCwd)}`)}`,
      'gates:', gates, '',
    ].join('\n'));
  const status = (p: string) => JSON.parse(runCli(['status', p, '--db', ws.db, '--json']).stdout);

  it('runs a remote gate: output, exit code, evidence and metrics come back', () => {
    const p = plan([
      '  - id: remote',
      '    on: box',
      `    env: { WEIRD: "it's a \\"quoted\\" $HOME value  with  spaces" }`,
      '    run: |-',
      `      printf '%s|%s\\n' "$WEIRD" "$(pwd)"`,
      '      test -t 1 && echo "tty: yes"',
      '      mkdir -p out; echo "from $(hostname)" > out/e.txt',
      `      echo '{"metric":"probe","value":42}' >> "$COCKPIT_METRICS"`,
      '    evidence: [out/e.txt]',
      '  - id: exits',
      '    on: box',
      "    run: echo \"can't stop\"; exit 7",
    ].join('\n'));
    const r = runCli(['run', p, '--db', ws.db]);
    expect(r.stderr).toContain('exited with code 7');
    expect(r.code).toBe(1);
    const log = runCli(['log', p, '--gate', 'remote', '--db', ws.db]).stdout;
    expect(log).toContain(`it's a "quoted" $HOME value  with  spaces|${remoteCwd}`);
    expect(log).toContain('tty: yes');
    expect(log).not.toContain('Connection to 127.0.0.1 closed');
    const s = status(p);
    const remote = s.gates.find((g: { id: string }) => g.id === 'remote');
    expect(remote.status).toBe('passed');
    expect(remote.attempts[0].exitCode).toBe(0);
    expect(remote.evidence.map((e: { path: string }) => e.path)).toEqual(['out/e.txt']);
    const exits = s.gates.find((g: { id: string }) => g.id === 'exits');
    expect(exits.status).toBe('failed');
    expect(exits.attempts[0].exitCode).toBe(7);
    expect(runCli(['log', p, '--gate', 'exits', '--db', ws.db]).stdout).toContain("can't stop");
    // The remote metrics file was copied into the run's local one, where the metrics tailer reads it.
    const metrics = readFileSync(join(`${ws.db}.files`, 'runs', `${tag}@rc1`, 'remote', 'run-1', 'metrics.jsonl'), 'utf8');
    expect(metrics).toBe('{"metric":"probe","value":42}\n');
  });

  it('fails with a clear, actionable message for an unknown host key', () => {
    const p = plan('  - id: unknown\n    on: box\n    run: echo never', sshd.emptyKnownHosts);
    const r = runCli(['run', p, '--db', ws.db]);
    expect(r.code).toBe(1);
    const hint = `host key for [127.0.0.1]:${sshd.port} is not in ${sshd.emptyKnownHosts}; add it with: ssh-keyscan -p ${sshd.port} 127.0.0.1 >> ${sshd.emptyKnownHosts}`;
    const g = status(p).gates[0];
    expect(g.status).toBe('failed');
    expect(g.reason).toContain(hint);
    expect(runCli(['log', p, '--gate', 'unknown', '--db', ws.db]).stdout).toContain(hint);
  });

  it('refuses a changed host key, saying so', () => {
    const p = plan('  - id: changed\n    on: box\n    run: echo never', sshd.wrongKnownHosts);
    expect(runCli(['run', p, '--db', ws.db]).code).toBe(1);
    const g = status(p).gates[0];
    expect(g.reason).toMatch(new RegExp(`^HOST KEY CHANGED for \\[127\\.0\\.0\\.1\\]:${sshd.port}`));
    expect(g.reason).toContain(`ssh-keygen -R '[127.0.0.1]:${sshd.port}' -f ${sshd.wrongKnownHosts}`);
  });

  it('rejects evidence that leaves the remote cwd (.. and symlinks out)', () => {
    const p = plan([
      '  - id: sneaky',
      '    on: box',
      '    run: mkdir -p ev && ln -sf /etc/hostname ev/link && echo fine > ev/ok.txt',
      '    evidence: [ev/link, "ev/*.txt"]',
    ].join('\n'));
    expect(runCli(['run', p, '--db', ws.db]).code).toBe(1);
    const g = status(p).gates[0];
    expect(g.reason).toContain('evidence symlink ev/link points outside the working directory (to /etc/hostname)');
    expect(g.evidence.map((e: { path: string }) => e.path)).toEqual(['ev/ok.txt']);
  });

  it('a timeout kills the remote process group, background children included', async () => {
    const marker = `${tag}-sleeper`;
    const p = plan([
      '  - id: slow',
      '    on: box',
      '    timeout: 2s',
      '    grace: 1s',
      `    run: sh -c 'trap "" TERM HUP; sleep 300; :' ${marker} & trap '' TERM; sleep 301; echo survived`,
    ].join('\n'));
    const t0 = Date.now();
    const r = runCli(['run', p, '--db', ws.db]);
    expect(r.code).toBe(1);
    expect(Date.now() - t0).toBeLessThan(20_000);
    expect(status(p).gates[0].reason).toContain('timed out');
    await sleep(500);
    expect(leftovers(marker, 'sleep 301', remoteCwd).stray.map((p) => p.args)).toEqual([]);
  });
});
