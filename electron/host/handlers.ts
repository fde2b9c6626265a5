import { createRouter, type Route } from './router';
import type { CockpitSession } from './session';
import { metricsHandlers } from './metrics/handlers';
import { planHandlers } from './plans/handlers';
import { releaseHandlers } from './release/handlers';
import { runHandlers } from './runs/handlers';
import { settingsHandlers } from './settings-handlers';
import { terminalHandlers } from './terminal/handlers';

/** The router for a session: every channel of the contract, one handler each. */
export function sessionRouter(s: CockpitSession, onInternalError?: (channel: string, err: unknown) => void): Route {
  return createRouter(
    { ...planHandlers(s), ...runHandlers(s), ...settingsHandlers(s), ...terminalHandlers(s), ...metricsHandlers(s), ...releaseHandlers(s) },
    onInternalError,
  );
}
