import type { Handlers } from '../router';
import type { ReleaseService } from './release-service';

type ReleaseChannel =
  | 'signoff.review' | 'signoff.request' | 'signoff.sign' | 'signoff.import'
  | 'waiver.create' | 'bundle.verify' | 'ceremony.status' | 'ceremony.run';

/** Sign-offs, waivers, bundle verification and the ceremony (see contract/release-contract.ts). */
export function releaseHandlers(r: ReleaseService): Pick<Handlers, ReleaseChannel> {
  return {
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
