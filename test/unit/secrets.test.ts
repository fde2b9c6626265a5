import { describe, expect, it } from 'vitest';
import { gateBaseEnv, resolveGateEnv, runSecrets } from '../../electron/core/runs/secrets';

describe('resolveGateEnv', () => {
  it('resolves secret references and lists the values to mask', () => {
    const r = resolveGateEnv({ URL: 'https://x/${secret:TOKEN}/y', PLAIN: 'hello' }, { TOKEN: 'abc123' });
    expect(r.env).toEqual({ URL: 'https://x/abc123/y', PLAIN: 'hello' });
    expect(r.secrets).toEqual(['abc123']);
    expect(r.missing).toEqual([]);
  });

  it('reports secrets that are unset or empty instead of running with an empty value', () => {
    const r = resolveGateEnv({ A: '${secret:UNSET}', B: '${secret:EMPTY}' }, { EMPTY: '' });
    expect(r.missing.sort()).toEqual(['EMPTY', 'UNSET']);
  });

  it('also masks the pty form of a multi-line secret', () => {
    const r = resolveGateEnv({ KEY: '${secret:PEM}' }, { PEM: 'line1\nline2' });
    expect(r.secrets).toEqual(['line1\nline2', 'line1\r\nline2']);
  });
});

describe('what a gate inherits, and what is masked', () => {
  const plan: { gates: { env: Record<string, string> }[] } = {
    gates: [
      { env: { API: '${secret:API_TOKEN}' } },
      { env: { DB: 'postgres://u:${secret:DB_PASS}@db' } },
      { env: {} },
    ],
  };
  const source = {
    PATH: '/usr/bin', HOME: '/home/u', API_TOKEN: 'tok-123', DB_PASS: 'pw-456',
    COCKPIT_PASSPHRASE: 'a long passphrase', COCKPIT_DATA_DIR: '/data', COCKPIT_METRICS: '/x',
  };

  it("drops the cockpit's own variables and the secrets the gate does not declare", () => {
    expect(gateBaseEnv(plan, plan.gates[0], source)).toEqual({ PATH: '/usr/bin', HOME: '/home/u', API_TOKEN: 'tok-123' });
    expect(gateBaseEnv(plan, plan.gates[2], source)).toEqual({ PATH: '/usr/bin', HOME: '/home/u' });
  });

  it('masks every secret of the plan and the passphrase in every gate', () => {
    expect(runSecrets(plan, source).sort()).toEqual(['a long passphrase', 'pw-456', 'tok-123']);
    expect(runSecrets(plan, { ...source, COCKPIT_PASSPHRASE: 'abc' })).not.toContain('abc');
  });
});
