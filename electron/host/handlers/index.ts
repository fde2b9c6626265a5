import { createRouter, type Route } from '../router';
import type { CockpitSession } from '../session';
import { metricsHandlers } from './metrics';
import { planHandlers } from './plan';
import { releaseHandlers } from './release';
import { runHandlers } from './runs';
import { settingsHandlers } from './settings';
import { terminalHandlers } from './terminal';

/** The router for a session: every channel of the contract, one handler each. */
export function sessionRouter(s: CockpitSession, onInternalError?: (channel: string, err: unknown) => void): Route {
  return createRouter(
    { ...planHandlers(s), ...runHandlers(s), ...settingsHandlers(s), ...terminalHandlers(s), ...metricsHandlers(s), ...releaseHandlers(s) },
    onInternalError,
  );
}
