/**
 * The release module's service: reviews, requests, signatures, imports,
 * waivers, verification and the ceremony, for the handlers. Each
 * change is announced to every client (`release.updated`) so boards and
 * sign-off views refresh everywhere.
 */
import type { Plan } from '../../core/plan/types';
import type { PlanStatus } from '../../core/runs/plan-status';
import { releaseStatusOf } from './status';
import type { ReleaseEvents, ReleaseResults } from '../../contract/release-contract';
import { ceremonyStatus, runCeremony, verifyUpload } from './ceremony-actions';
import { CockpitError } from '../../core/errors';
import type { ReleaseDeps } from './deps';
import type { IdentityService } from '../identity/identity-service';
import { importFiles, requestZip, signSignoff, waive, type SignInput } from './signoff-actions';
import { reviewGate } from './signoff-review';

export interface ReleaseServiceDeps {
  services: ReleaseDeps;
  identity: IdentityService;
  /** The open plan, fresh from disk; throws when none is open. */
  plan: () => Plan;
  /** The open plan, or null (a request from elsewhere is signed without one). */
  planOrNull: () => Plan | null;
  /** Who acted, for the audit trail, when no identity is in use. */
  fallbackActor: string;
  changed: (e: ReleaseEvents['release.updated']) => void;
}

type Result<C extends keyof ReleaseResults> = Promise<ReleaseResults[C]>;

export class ReleaseService {
  constructor(private readonly d: ReleaseServiceDeps) {}

  review(gateId: string): Result<'signoff.review'> {
    const plan = this.d.plan();
    return reviewGate(this.services(), plan, gateId, this.d.identity.current(plan));
  }

  request(gateId: string): Result<'signoff.request'> {
    const plan = this.d.plan();
    const me = this.d.identity.current(plan);
    return requestZip(this.services(), plan, gateId, me?.signer?.name ?? me?.name ?? this.d.fallbackActor);
  }

  async sign(input: SignInput & { passphrase?: string }): Result<'signoff.sign'> {
    const plan = input.gateId !== undefined ? this.d.plan() : this.d.planOrNull();
    const me = this.d.identity.current(plan);
    if (!me) throw new CockpitError('conflict', 'No identity in use. Create one (or choose one) in Settings to sign.');
    const signed = await signSignoff(this.services(), plan, input, me, () => this.d.identity.unlock(input.passphrase, plan));
    if (signed.stored) this.d.changed({ what: 'signoff', gateId: signed.gate });
    return signed;
  }

  async import(files: { name: string; base64: string }[]): Result<'signoff.import'> {
    const result = await importFiles(this.services(), this.d.plan(), files);
    if (result.imported > 0) this.d.changed({ what: 'signoff', gateId: null });
    return result;
  }

  async waive(input: { gateId: string; reason: string; expires: string; role?: string; passphrase?: string }): Result<'waiver.create'> {
    const plan = this.d.plan();
    const result = await waive(this.services(), plan, input, () => this.d.identity.unlock(input.passphrase, plan));
    this.d.changed({ what: 'waiver', gateId: result.gate });
    return result;
  }

  verify(input: { zip?: string; name?: string; path?: string; trust: string }): Result<'bundle.verify'> {
    return verifyUpload(this.d.services.io, input);
  }

  ceremonyStatus(): Result<'ceremony.status'> {
    const plan = this.d.plan();
    return ceremonyStatus(this.services(), plan, this.d.identity.current(plan));
  }

  async ceremonyRun(passphrase: string | undefined): Result<'ceremony.run'> {
    const plan = this.d.plan();
    if (!this.d.identity.current(plan)) throw new CockpitError('conflict', 'No identity in use. A release manager’s identity signs the bundle: choose it in Settings.');
    const outcome = await runCeremony(this.services(), plan, () => this.d.identity.unlock(passphrase, plan));
    this.d.changed({ what: 'ceremony', gateId: null });
    return outcome;
  }

  /** The plan's status with sign-offs, waivers (a failed gate validly waived is `waived`) and ceremony blockers. */
  status(plan: Plan): PlanStatus {
    return releaseStatusOf(this.d.services, plan);
  }

  private services(): ReleaseDeps {
    return this.d.services;
  }
}
