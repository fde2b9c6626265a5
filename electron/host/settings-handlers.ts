import type { CockpitSession } from './session';
import type { Handlers } from './router';

export function settingsHandlers(s: CockpitSession): Pick<Handlers, 'settings.get'> {
  return { 'settings.get': () => s.settings() };
}
