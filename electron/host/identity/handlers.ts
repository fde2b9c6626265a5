import type { Plan } from '../../core/plan/types';
import type { Handlers } from '../router';
import type { IdentityService } from './identity-service';

/** The identity in use: its keys, creating one, choosing one. `changed` tells every client (release.updated). */
export function identityHandlers(
  identity: IdentityService,
  plan: () => Plan | null,
  changed: () => void,
): Pick<Handlers, 'identity.get' | 'identity.create' | 'identity.select'> {
  return {
    'identity.get': () => identity.state(plan()),
    'identity.create': async ({ name, passphrase }) => {
      const state = await identity.create(name, passphrase, plan());
      changed();
      return state;
    },
    'identity.select': ({ keyId }) => {
      const state = identity.select(keyId, plan());
      changed();
      return state;
    },
  };
}
