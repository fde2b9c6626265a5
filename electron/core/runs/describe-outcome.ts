import type { AttemptOutcome } from './ports';

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(s < 10 ? 1 : 0)}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(Math.round(s % 60)).padStart(2, '0')}s`;
  const h = Math.floor(m / 60);
  return `${h}h${String(m % 60).padStart(2, '0')}m`;
}

/** Why an attempt did not pass, in words; null when it passed. */
export function attemptFailure(o: AttemptOutcome, n: number, of: number, timeoutMs?: number): string | null {
  const which = of > 1 ? `attempt ${n} of ${of}` : 'the command';
  if (o.cancelled) return 'cancelled';
  if (o.timedOut) return `${which} timed out after ${formatDuration(timeoutMs ?? o.durationMs)}`;
  if (o.exitCode === 0) return null;
  if (o.reason) return o.reason;
  if (o.exitCode === null) return `${which} was killed by ${o.signal ?? 'a signal'}`;
  return `${which} exited with code ${o.exitCode}`;
}
