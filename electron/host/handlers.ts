/**
 * The router for a session: every channel of the contract, each answered by
 * the feature module that owns it (runs, plans, metrics, terminal, identity,
 * release, settings).
 */
import { identityHandlers } from './identity/handlers';
import { metricsHandlers } from './metrics/handlers';
import { planHandlers } from './plans/handlers';
import { releaseHandlers } from './release/handlers';
import { createRouter, type Route } from './router';
import { runHandlers } from './runs/handlers';
import type { CockpitSession } from './session';
import { settingsHandlers } from './settings-handlers';
import { terminalHandlers } from './terminal/handlers';

export function sessionRouter(s: CockpitSession, onInternalError?: (channel: string, err: unknown) => void): Route {
  const changedIdentity = () => s.clients.broadcast('release.updated', { what: 'identity', gateId: null });
  return createRouter(
    {
      ...planHandlers(s.plans, (plan) => s.release.status(plan)),
      ...runHandlers(s.runs, s.plans),
      ...settingsHandlers(() => s.settings()),
      ...terminalHandlers(s.stream),
      ...metricsHandlers(s.metrics, s.runs),
      ...identityHandlers(s.identity, () => s.plans.plan(), changedIdentity),
      ...releaseHandlers(s.release),
    },
    onInternalError,
  );
}
