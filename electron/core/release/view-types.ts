/**
 * The sign-off shapes the API contract carries to the renderer: each gate's
 * sign-offs, their summary, its waiver, ceremony blockers and verification
 * checks. Types only, with no runtime imports and no Node types, so the
 * renderer can type-check against them; the modules that compute them
 * re-export them under their old names.
 */
import type { GateStatus } from '../runs/types';

export type GateSignoffStatus = 'approved' | 'pending' | 'rejected' | 'waived' | 'failed';

export interface SignoffView {
  person: string;
  keyId: string;
  role: string;
  decision: 'approve' | 'reject';
  comment: string;
  time: string;
  /** False when it does not count (e.g. signed for an older plan); `problem` says why. */
  valid: boolean;
  problem?: string;
}

export interface SignoffSummary {
  status: GateSignoffStatus;
  roles: string[];
  quorum: number;
  approved: number;
  rejected: number;
  /** Approvals (distinct people) still needed. */
  missing: number;
}

export interface WaiverView {
  person: string;
  keyId: string;
  role: string;
  reason: string;
  expires: string;
  valid: boolean;
  problem?: string;
}

export interface GateReleaseView {
  status: GateStatus;
  signoffs: SignoffView[];
  signoff: SignoffSummary | null;
  waiver: WaiverView | null;
  /** Why the ceremony cannot include this gate yet, in words. */
  blockers: string[];
}

/** One reason the release cannot be tagged; `gate` is `*` for release-wide ones. */
export interface Blocker {
  gate: string;
  rule: string;
  message: string;
  /** The file (or record) the problem is in, when there is one. */
  file?: string;
}

/** One check of offline bundle verification, naming the file or rule it is about. */
export interface VerifyCheck {
  name: string;
  ok: boolean;
  file?: string;
  message: string;
}

export interface VerifyReport {
  ok: boolean;
  checks: VerifyCheck[];
}
