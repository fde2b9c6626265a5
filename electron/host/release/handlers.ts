import type { Handlers } from '../router';
import type { CockpitSession } from '../session';

type ReleaseChannel =
  | 'identity.get' | 'identity.create' | 'identity.select'
  | 'signoff.review' | 'signoff.request' | 'signoff.sign' | 'signoff.import'
  | 'waiver.create' | 'bundle.verify' | 'ceremony.status' | 'ceremony.run';

/** Identities, sign-offs, waivers, bundle verification and the ceremony (see api/release-contract.ts). */
export function releaseHandlers(s: CockpitSession): Pick<Handlers, ReleaseChannel> {
  const r = s.release;
  return {
    'identity.get': () => r.identityState(),
    'identity.create': ({ name, passphrase }) => r.createIdentity(name, passphrase),
    'identity.select': ({ keyId }) => r.selectIdentity(keyId),
    'signoff.review': ({ gateId }) => r.review(gateId),
    'signoff.request': ({ gateId }) => r.request(gateId),
    'signoff.sign': (input) => r.sign(input),
    'signoff.import': ({ files }) => r.import(files),
    'waiver.create': (input) => r.waive(input),
    'bundle.verify': (input) => r.verify(input),
    'ceremony.status': () => r.ceremonyStatus(),
    'ceremony.run': ({ passphrase }) => r.ceremonyRun(passphrase),
  };
}
