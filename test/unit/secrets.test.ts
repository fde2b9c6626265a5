import { describe, expect, it } from 'vitest';
import { resolveGateEnv } from '../../electron/core/runs/secrets';

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
