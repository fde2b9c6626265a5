import { execSync } from 'node:child_process';
import { existsSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, workspace, type Workspace } from '../../helpers/cli';

function alive(pid: number): boolean {
  if (!existsSync(`/proc/${pid}`)) return false;
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return !/\) Z /.test(stat); // a zombie is not running, but would still be a leak: report it
}

describe('timeouts, secrets and evidence rules through the CLI', () => {
  let ws: Workspace;
  beforeAll(() => {
    ws = workspace();
  });
  afterAll(() => ws.cleanup());

  it('a gate that starts background grandchildren and hits its timeout leaves no process behind', () => {
    ws.write(
      'spawner.sh',
      [
        'sleep 311 & echo $! >> pids',
        '( sleep 312 & echo $! >> pids ) &',
        'nohup sleep 313 > /dev/null 2>&1 & echo $! >> pids',
        "sh -c 'trap \"\" TERM; sleep 314' & echo $! >> pids",
        'echo started',
        'sleep 600',
      ].join('\n'),
    );
    const plan = ws.write(
      'timeout.yaml',
      'version: 1\nrelease: t\ncandidate: rc-1\ngates:\n  - id: hang\n    run: sh spawner.sh\n    timeout: 2s\n    grace: 1s\n',
    );
    const r = runCli(['run', plan, '--db', ws.db, '--json']);
    expect(r.code).toBe(1);
    const gate = JSON.parse(r.stdout).gates[0];
    expect(gate.status).toBe('failed');
    expect(gate.reason).toMatch(/timed out after 2\.0s/);
    const pids = readFileSync(join(ws.dir, 'pids'), 'utf8').trim().split('\n').map(Number);
    expect(pids.length).toBe(4);
    const ps = execSync('ps -eo pid=,args=').toString();
    for (const pid of pids) expect(alive(pid), `pid ${pid} still alive:\n${ps}`).toBe(false);
    expect(ps).not.toMatch(/sleep 31[1-4]/);
  });

  it('never stores a secret in the log, even when printed in pieces', () => {
    const plan = ws.write(
      'secret.yaml',
      [
        'version: 1',
        'release: s',
        'candidate: rc-1',
        'gates:',
        '  - id: leak',
        '    env: { API_TOKEN: "${secret:COCKPIT_TEST_TOKEN}" }',
        // The second print splits the secret across two writes 200 ms apart, so two pty reads.
        '    run: printf "token=$API_TOKEN\\n"; printf "%s" "$(printf %s "$API_TOKEN" | cut -c1-10)"; sleep 0.2; printf "%s\\n" "$(printf %s "$API_TOKEN" | cut -c11-)"',
      ].join('\n') + '\n',
    );
    const secret = 's3cr3t-value-9f8e7d';
    const r = runCli(['run', plan, '--db', ws.db], { env: { COCKPIT_TEST_TOKEN: secret } });
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain(secret);
    const log = runCli(['log', plan, '--db', ws.db, '--gate', 'leak']);
    expect(log.stdout).toContain('token=***');
    expect(log.stdout).not.toContain(secret);
    expect(log.stdout.split('***').length - 1).toBe(2);
  });

  it('fails a gate whose secret is not set, without running it', () => {
    const plan = ws.write(
      'nosecret.yaml',
      'version: 1\nrelease: n\ncandidate: rc-1\ngates:\n  - id: needs-secret\n    env: { T: "${secret:COCKPIT_UNSET_SECRET}" }\n    run: echo ran > ran.txt\n',
    );
    const r = runCli(['run', plan, '--db', ws.db, '--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).gates[0].reason).toMatch(/secret COCKPIT_UNSET_SECRET is not set/);
    expect(existsSync(join(ws.dir, 'ran.txt'))).toBe(false);
  });

  it('rejects evidence that escapes the working directory through a symlink, naming the path', () => {
    symlinkSync('/etc/passwd', join(ws.dir, 'passwd-link.txt'));
    const plan = ws.write(
      'escape.yaml',
      'version: 1\nrelease: e\ncandidate: rc-1\ngates:\n  - id: sneaky\n    run: echo hi\n    evidence: [passwd-link.txt]\n',
    );
    const r = runCli(['run', plan, '--db', ws.db, '--json']);
    expect(r.code).toBe(1);
    const gate = JSON.parse(r.stdout).gates[0];
    expect(gate.status).toBe('failed');
    expect(gate.reason).toContain('passwd-link.txt');
    expect(gate.evidence).toEqual([]);
  });

  it('rejects an evidence pattern that leaves the working directory at validation', () => {
    const plan = ws.write(
      'dotdot.yaml',
      'version: 1\nrelease: d\ncandidate: rc-1\ngates:\n  - id: up\n    run: echo hi\n    evidence: [../outside.txt]\n',
    );
    const r = runCli(['validate', plan]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/dotdot\.yaml:\d+:\d+: .*\.\./);
  });

  it('fails a gate whose declared evidence file is missing, and collects present evidence by hash', () => {
    const plan = ws.write(
      'evidence.yaml',
      'version: 1\nrelease: ev\ncandidate: rc-1\ngates:\n  - id: good\n    run: mkdir -p out && printf hello > out/a.txt\n    evidence: [out/a.txt]\n  - id: missing\n    run: echo no file\n    evidence: [out/never.json]\n',
    );
    const r = runCli(['run', plan, '--db', ws.db, '--json']);
    expect(r.code).toBe(1);
    const by = Object.fromEntries(JSON.parse(r.stdout).gates.map((g: { id: string }) => [g.id, g]));
    expect(by.good.status).toBe('passed');
    expect(by.good.evidence).toEqual([
      { path: 'out/a.txt', sha256: '2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824', size: 5 },
    ]);
    expect(by.missing.status).toBe('failed');
    expect(by.missing.reason).toMatch(/evidence file not found: out\/never\.json/);
  });
});
