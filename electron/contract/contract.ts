/**
 * CockpitApi: the one contract between the renderer and the host, in the
 * style of GitHub Desktop's ipc-shared.ts. Every request channel has a zod
 * schema for its input and a TypeScript type for its result; every event has
 * a payload type. Both transports (Electron IPC and the loopback WebSocket)
 * and both client wrappers are typed from these maps.
 *
 * This file is imported by the renderer: it must stay free of Node APIs.
 */
import type { ErrorCode, ErrorDetails } from '../core/errors';
import { z } from 'zod';
// Types-only modules (no Node types, no runtime imports): the renderer type-checks against them.
import type { PlanStatus } from '../core/runs/status-types';
import type { AttemptRecord, GateStatus, RunRecord } from '../core/runs/types';
import { GATE_STATUSES } from '../core/runs/types';

/** Every gate status, in board order; the renderer's filters list them from here. */
export { GATE_STATUSES };
import type { ChartQueryResult, MetricSeriesInfo, MetricsStats, StoredVerdict } from '../core/metrics/metric-types';
import { releaseSchemas, type ReleaseEvents, type ReleaseResults } from './release-contract';

const id = z.string().min(1).max(200);
/** Run as the identity in use and sign each result; the passphrase unlocks a passphrase-protected key. */
const signAs = {
  sign: z.boolean().optional(),
  passphrase: z.string().min(1, 'the passphrase is empty').max(1024).optional(),
};
const runId = z.number().int().positive();

export const requestSchemas = {
  /** The plan currently open, or null. */
  'plan.current': z.object({}).strict(),
  /** Opens a plan file by path (desktop dialog result, or a recent plan). */
  'plan.open': z.object({ path: z.string().min(1).max(4096) }).strict(),
  'plan.recent': z.object({}).strict(),
  'status.get': z.object({}).strict(),
  /** Starts a gate. With `sign`, it runs as the identity in use and its result is signed when it ends (`run --key`). */
  'gate.run': z
    .object({
      gateId: id,
      cols: z.number().int().min(20).max(1000).optional(),
      rows: z.number().int().min(5).max(500).optional(),
      ...signAs,
    })
    .strict(),
  'plan.runAll': z.object({ ...signAs }).strict(),
  'run.cancel': z.object({ runId }).strict(),
  'run.get': z.object({ runId }).strict(),
  'runs.list': z
    .object({
      gateId: id.optional(),
      status: z.enum(GATE_STATUSES).optional(),
      limit: z.number().int().min(1).max(1000).optional(),
    })
    .strict(),
  /** A slice of an attempt's stored log, by byte offset. */
  'run.log': z
    .object({
      runId,
      attempt: z.number().int().positive(),
      offset: z.number().int().min(0).optional(),
      limit: z.number().int().min(1).max(4 * 1024 * 1024).optional(),
    })
    .strict(),
  /** Live-view flow control: the viewer has rendered this many more bytes of a run's output. */
  'term.ack': z.object({ runId, bytes: z.number().int().min(0).max(1 << 30) }).strict(),
  /** Start (or stop) streaming a run's live output to this client. */
  'term.watch': z.object({ runId, watch: z.boolean() }).strict(),
  'settings.get': z.object({}).strict(),
  /** Every metric series of a run, with point counts and time ranges. */
  'metrics.series': z.object({ runId }).strict(),
  /** A time window of some series, downsampled to the chart's pixel width (at most 2 points per pixel). */
  'metrics.query': z
    .object({
      runId,
      series: z.array(z.union([z.number().int().positive(), z.string().min(1).max(2000)])).max(200).optional(),
      from: z.number().finite().optional(),
      to: z.number().finite().optional(),
      width: z.number().int().min(2).max(10_000),
      mode: z.enum(['minmax', 'avg']).optional(),
      /** One line for all requested series (e.g. an error rate over every status tag). */
      merge: z.boolean().optional(),
    })
    .strict(),
  /** A run's threshold verdicts (live while it runs, final after) and ingest counters. */
  'metrics.verdicts': z.object({ runId }).strict(),
  /** Identities, sign-offs, waivers, bundle verification and the ceremony: see release-contract.ts. */
  ...releaseSchemas,
} as const;

export type RequestChannel = keyof typeof requestSchemas;
export type RequestInput<C extends RequestChannel> = z.input<(typeof requestSchemas)[C]>;

export interface GateSummary {
  id: string;
  title: string;
  needs: string[];
  target: string;
  repeat: number;
  timeoutMs: number | null;
  kind: 'script' | 'probe';
  command: string | null;
  evidence: string[];
  thresholds: { metric: string; expr: string }[];
  signoff: { roles: string[]; quorum: number } | null;
  durable: boolean;
}

export interface PlanView {
  file: string;
  release: string;
  candidate: string;
  digest: string;
  gates: GateSummary[];
  signers: { name: string; keyId: string; roles: string[] }[];
}

export interface RunDetail {
  run: RunRecord;
  attempts: AttemptRecord[];
}

export interface LogSlice {
  /** Base64 of the raw bytes. */
  data: string;
  offset: number;
  /** Bytes stored for this attempt so far. */
  total: number;
}

export interface Settings {
  dataDir: string;
  dbPath: string;
  mode: 'desktop' | 'browser';
  version: string;
  identity: { name: string; keyId: string } | null;
}

export interface RequestResults extends ReleaseResults {
  'plan.current': PlanView | null;
  'plan.open': PlanView;
  'plan.recent': string[];
  'status.get': PlanStatus | null;
  'gate.run': { runId: number; runNo: number; status: GateStatus };
  'plan.runAll': { started: boolean };
  'run.cancel': { cancelled: boolean };
  'run.get': RunDetail;
  'runs.list': RunRecord[];
  'run.log': LogSlice;
  'term.ack': { ok: true };
  'term.watch': { ok: true };
  'settings.get': Settings;
  'metrics.series': MetricSeriesInfo[];
  'metrics.query': ChartQueryResult;
  'metrics.verdicts': { verdicts: StoredVerdict[]; stats: MetricsStats | null };
}

export interface EventPayloads extends ReleaseEvents {
  /** A run was created or changed status. */
  'run.updated': RunRecord;
  'run.attempt': { runId: number; gateId: string; attempt: AttemptRecord };
  /** Batched live output (base64 raw bytes); `skipped` > 0 when the view fell behind and skipped ahead. */
  'run.output': { runId: number; gateId: string; n: number; data: string; skipped: number };
  /** The open plan changed (opened, reloaded). */
  'plan.changed': PlanView;
  /** Something a person should see: gate passed/failed, threshold breached. */
  notice: { level: 'info' | 'success' | 'warning' | 'error'; title: string; body: string; gateId?: string };
  /** A run's metrics moved on: at most one per run per second. */
  'metrics.update': { runId: number; gateId: string; verdicts: StoredVerdict[]; stats: MetricsStats };
}

export type EventChannel = keyof EventPayloads;

/** The renderer's view of the host: `window.cockpit` in Electron, a WebSocket client in the browser. */
export interface CockpitApi {
  request<C extends RequestChannel>(channel: C, input: RequestInput<C>): Promise<RequestResults[C]>;
  on<E extends EventChannel>(event: E, listener: (payload: EventPayloads[E]) => void): () => void;
}

/** The error every transport returns for a rejected request; never a stack trace. */
/** A failure as the renderer receives it: its code, a sentence, and details as data (never to be parsed from the sentence). */
export interface ApiError {
  code: ErrorCode;
  message: string;
  details?: ErrorDetails;
}
