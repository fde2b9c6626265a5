/**
 * The status of every gate of a plan, in the shape `status --json` and the
 * UI share. Types only, with no runtime imports and no Node types, so the
 * renderer can type-check against them (through the API contract);
 * plan-status.ts computes them and re-exports them.
 */
import type { MetricsStats } from '../metrics/metric-types';
import type { SignoffSummary, SignoffView, WaiverView } from '../release/view-types';
import type { EvidenceItem, GateStatus } from './types';

export interface AttemptView {
  n: number;
  status: string;
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  durationMs: number | null;
  startedAt: number;
  logBytes: number;
}

export interface ThresholdView {
  metric: string;
  expr: string;
  /** Null until the run has evaluated it. */
  ok: boolean | null;
  value: number | null;
  /** When it broke (epoch ms, data time). */
  breachedAt?: number;
  /** True once the run ended and this is the final verdict; false while live. */
  final?: boolean;
}

/** A run's metrics ingestion in status: points stored and bad lines by line number. */
export interface MetricsView {
  points: number;
  series: number;
  badLines: number;
  badSamples: MetricsStats['badSamples'];
  scrapes: number;
  scrapeFailures: number;
}

export interface GateView {
  id: string;
  title: string;
  needs: string[];
  status: GateStatus;
  /** The run number (as in `log --run N` and `gates/<id>/run-N` in bundles); null when not run.
   * `status --json` prints it as `runId`, the name DESIGN.md gives it. */
  runNo: number | null;
  reason: string | null;
  /** Needs that are not satisfied now, for a gate that has not run. */
  blockedBy: string | null;
  target: string;
  repeat: number;
  operator: string | null;
  startedAt: number | null;
  endedAt: number | null;
  attempts: AttemptView[];
  evidence: EvidenceItem[];
  thresholds: ThresholdView[];
  /** Present once the run has read metrics: points stored, bad lines by line number. */
  metrics?: MetricsView;
  signoffs: SignoffView[];
  /** The gate's sign-off rule and how far it is met; null when the gate takes no sign-offs. */
  signoff: SignoffSummary | null;
  waiver: WaiverView | null;
  /** What keeps this gate out of the ceremony; empty when it is ready. */
  blockers: string[];
  /** A run of an older definition of this gate, which no longer counts. */
  staleRunNo: number | null;
}

export interface PlanStatus {
  plan: { file: string; release: string; candidate: string; digest: string };
  gates: GateView[];
  summary: Record<GateStatus, number> & { total: number };
  /** With sign-offs applied (status, the app): every gate passed or validly waived, results signed, quorums met. */
  ready?: boolean;
}
