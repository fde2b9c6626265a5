import { describe, expect, it, vi } from 'vitest';
import { CockpitError, planError, ruleError } from '../../../electron/core/errors';
import { ApiCallError } from '../../../electron/contract/client-of';
import type { ApiError } from '../../../electron/contract/contract';
import { planDiagnostics } from '../../../renderer/lib/errors';
import { createRouter, type Handlers } from '../../../electron/host/router';

function handlers(overrides: Partial<Handlers> = {}): Handlers {
  const none = () => {
    throw new Error('not expected');
  };
  return {
    'plan.current': () => null,
    'plan.open': none,
    'plan.recent': () => ['/a.yaml'],
    'status.get': () => null,
    'gate.run': none,
    'plan.runAll': none,
    'run.cancel': ({ runId }) => ({ cancelled: runId === 1 }),
    'run.get': none,
    'runs.list': () => [],
    'run.log': none,
    'term.ack': () => ({ ok: true }),
    'term.watch': () => ({ ok: true }),
    'settings.get': none,
    ...overrides,
  } as Handlers;
}

const ctx = { clientId: 'c1' };

describe('router', () => {
  it('routes a valid request to its handler with the parsed input and the client', async () => {
    const spy = vi.fn(() => ({ ok: true as const }));
    const route = createRouter(handlers({ 'term.ack': spy }));
    expect(await route('term.ack', { runId: 3, bytes: 5000 }, ctx)).toEqual({ ok: true, result: { ok: true } });
    expect(spy).toHaveBeenCalledWith({ runId: 3, bytes: 5000 }, ctx);
  });

  it('refuses invalid input before the handler runs, naming each problem', async () => {
    const spy = vi.fn();
    const route = createRouter(handlers({ 'run.cancel': spy }));
    const reply = await route('run.cancel', { runId: 'seven', extra: 1 }, ctx);
    expect(spy).not.toHaveBeenCalled();
    expect(reply.ok).toBe(false);
    if (reply.ok) return;
    expect(reply.error.code).toBe('invalid-input');
    expect(reply.error.message).toContain('run.cancel');
    expect(reply.error.message).toContain('runId');
    expect(reply.error.message).toMatch(/extra/);
  });

  it('refuses a missing input object', async () => {
    const reply = await createRouter(handlers())('plan.recent', undefined, ctx);
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });

  it('refuses unknown channels, including inherited property names', async () => {
    const route = createRouter(handlers());
    for (const ch of ['nope', '__proto__', 'toString', 42, undefined]) {
      expect(await route(ch, {}, ctx)).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
    }
  });

  it('turns a CockpitError into its code and any other error into internal, without a stack', async () => {
    const route = createRouter(
      handlers({
        'plan.open': () => {
          throw new CockpitError('not-found', 'no such plan');
        },
        'runs.list': async () => {
          throw new Error('disk on fire');
        },
      }),
    );
    expect(await route('plan.open', { path: '/x.yaml' }, ctx)).toEqual({ ok: false, error: { code: 'not-found', message: 'no such plan' } });
    const internal = await route('runs.list', {}, ctx);
    expect(internal).toEqual({ ok: false, error: { code: 'internal', message: 'disk on fire' } });
    expect(JSON.stringify(internal)).not.toMatch(/\bat .+:\d+:\d+/);
  });
});

describe('errors as data', () => {
  it('passes an error\'s code and details through, and the renderer reads plan problems from them, not from the sentence', async () => {
    const diagnostics = [{ file: '/p/plan.yaml', line: 3, col: 5, message: 'unknown key "runn"; did you mean "run"?' }];
    const route = createRouter(handlers({ 'plan.open': () => { throw planError('a sentence nobody parses', diagnostics); } }));
    const env = await route('plan.open', { path: '/p/plan.yaml' }, ctx);
    expect(env).toEqual({ ok: false, error: { code: 'invalid-input', message: 'a sentence nobody parses', details: { kind: 'plan', diagnostics } } });
    const err = new ApiCallError((env as { error: ApiError }).error);
    expect(planDiagnostics(err)).toEqual([{ location: '/p/plan.yaml:3:5', message: 'unknown key "runn"; did you mean "run"?' }]);
    expect(planDiagnostics(new Error('/p/plan.yaml:3:5: looks like a diagnostic'))).toEqual([]);
  });

  it('a missing plan is not-found by data, and a rule refusal keeps its rule', async () => {
    const route = createRouter(handlers({
      'plan.open': () => { throw planError('gone', [{ file: '/x.yaml', line: 1, col: 1, message: 'no such file' }], true); },
      'run.get': () => { throw ruleError('separation of duties', 'you ran it', { gate: 'soak' }); },
    }));
    expect(await route('plan.open', { path: '/x.yaml' }, ctx)).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await route('run.get', { runId: 1 }, ctx)).toEqual({ ok: false, error: { code: 'conflict', message: 'you ran it', details: { kind: 'rule', rule: 'separation of duties', gate: 'soak' } } });
  });
});
