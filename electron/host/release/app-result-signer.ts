/**
 * The app's `run --key`: gates started from the app with "sign results" run
 * as the identity in use, and each finished result is signed with its key,
 * exactly as the CLI does (signRunResult). The decrypted key lives only until
 * the runs it was unlocked for are over, then its bytes are zeroed; a durable
 * run that outlives the app ends unsigned (sign it with the CLI).
 */
import { basename } from 'node:path';
import type { Plan } from '../../core/plan/types';
import type { Identity } from '../../core/signoff/keys';
import { CockpitError } from '../../core/errors';
import type { ResultSigner } from '../runs/runs-service';
import type { ReleaseDeps } from './deps';
import { signRunResult } from './sign-result';

export function appResultSigner(services: ReleaseDeps, plan: Plan, identity: Identity): ResultSigner {
  const signer = plan.signers.find((s) => s.keyId === identity.keyId);
  if (!signer) {
    identity.privateKeyPkcs8.fill(0);
    throw new CockpitError(
      'invalid-input',
      `${identity.name}\u2019s key is not a signer in ${basename(plan.file)}, so a result it signs would not verify. ` +
        'Add the key to the plan\u2019s signers, or run without signing.',
    );
  }
  let key: Identity | null = identity;
  return {
    operator: signer.name,
    operatorKeyId: identity.keyId,
    sign: (run) => {
      if (!key) return Promise.reject(new Error('the key was already put away'));
      return signRunResult(services, plan, run, key);
    },
    release: () => {
      key?.privateKeyPkcs8.fill(0);
      key = null;
    },
  };
}
