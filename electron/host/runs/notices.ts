/** What a person should hear about a run: passed, failed, blocked. */
import type { ThresholdVerdict } from '../../core/metrics/threshold-state';
import type { RunRecord } from '../../core/runs/types';
import type { EventPayloads } from '../../contract/contract';

type Notice = EventPayloads['notice'];

export function noticeForRun(run: RunRecord, title: string): Notice | null {
  const name = title && title !== run.gateId ? `${title} (${run.gateId})` : run.gateId;
  const which = `run #${run.runNo}`;
  switch (run.status) {
    case 'passed':
      return { level: 'success', title: `Gate passed: ${name}`, body: `${which} passed.`, gateId: run.gateId };
    case 'failed':
      return { level: 'error', title: `Gate failed: ${name}`, body: `${which}: ${run.reason ?? 'failed'}`, gateId: run.gateId };
    case 'blocked':
      return { level: 'warning', title: `Gate blocked: ${name}`, body: `${which}: ${run.reason ?? 'blocked'}`, gateId: run.gateId };
    default:
      return null;
  }
}

/** A threshold broke while the run goes on (or is being stopped for it, with abortOnFail). */
export function thresholdNotice(gateId: string, v: ThresholdVerdict, abort: boolean): Notice {
  const value = v.value === null ? 'no data' : `value ${Number(v.value.toPrecision(6))}`;
  return {
    level: abort ? 'error' : 'warning',
    title: `Threshold breached: ${gateId}`,
    body: `${v.key}: ${v.expr} (${value})${abort ? '; stopping the run' : ''}`,
    gateId,
  };
}
