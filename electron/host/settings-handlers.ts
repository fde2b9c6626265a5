import type { Settings } from '../contract/contract';
import type { Handlers } from './router';

export function settingsHandlers(settings: () => Settings): Pick<Handlers, 'settings.get'> {
  return { 'settings.get': () => settings() };
}
