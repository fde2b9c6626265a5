/**
 * The renderer's names for the shapes it gets from the host. They are derived
 * from CockpitApi so the renderer never imports the core directly (see
 * build/lint-layers.mjs) and still breaks at compile time if the contract moves.
 */
import type { EventPayloads, GateSummary, PlanView, RequestResults, RunDetail, Settings } from '../electron/contract/contract';
import type {
  BundleVerification, CeremonyDone, CeremonyStatus, IdentityState, ImportFileResult, KeyInfo, SignoffReview,
} from '../electron/contract/release-contract';

export type { EventPayloads, GateSummary, PlanView, RunDetail, Settings };
export type { BundleVerification, CeremonyDone, CeremonyStatus, IdentityState, ImportFileResult, KeyInfo, SignoffReview };
export type SignoffSummary = NonNullable<GateView['signoff']>;
export type SignoffEntry = GateView['signoffs'][number];
export type Blocker = CeremonyStatus['blockers'][number];
export type VerifyCheck = BundleVerification['checks'][number];
export type PlanStatus = NonNullable<RequestResults['status.get']>;
export type GateView = PlanStatus['gates'][number];
export type AttemptView = GateView['attempts'][number];
export type RunRecord = RequestResults['runs.list'][number];
export type AttemptRecord = RunDetail['attempts'][number];
export type GateStatus = RunRecord['status'];
export type Notice = EventPayloads['notice'];

export { GATE_STATUSES as GATE_STATUS_LIST } from '../electron/contract/contract';
