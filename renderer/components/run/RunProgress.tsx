/** Live progress of a run: attempt k of N, elapsed time ticking, and a bar against the timeout. */
import type { AttemptRecord, RunRecord } from '../../types';
import { useNow } from '../../state/clock';
import { formatClock, formatDuration } from '../../lib/format';

export function RunProgress({ run, attempts, repeat, timeoutMs }: { run: RunRecord; attempts: AttemptRecord[]; repeat: number; timeoutMs: number | null }) {
  const running = run.status === 'running';
  const now = useNow(running);
  const current = attempts[attempts.length - 1];
  const k = Math.max(1, current?.n ?? 1);
  const attemptStart = current?.status === 'running' ? current.startedAt : (current?.startedAt ?? run.startedAt);
  const attemptElapsed = (running ? now : (current?.endedAt ?? run.endedAt ?? now)) - attemptStart;
  const totalElapsed = (run.endedAt ?? now) - run.startedAt;
  const pct = timeoutMs ? Math.min(100, (attemptElapsed / timeoutMs) * 100) : null;

  if (!running) {
    return (
      <div className="progress-line" data-testid="run-summary">
        <span>
          {run.endedAt ? `Finished in ${formatDuration(totalElapsed)}` : 'Not finished'} · {attempts.length} of {repeat}{' '}
          {repeat === 1 ? 'attempt' : 'attempts'}
        </span>
      </div>
    );
  }
  return (
    <div className="progress" data-testid="run-progress">
      <div className="progress-line">
        <span className="progress-strong">
          Attempt {k} of {repeat}
        </span>
        <span className="mono" aria-label="Elapsed time">
          {formatClock(attemptElapsed)}
        </span>
        {repeat > 1 && <span className="muted">total {formatClock(totalElapsed)}</span>}
        <span className="muted">{timeoutMs ? `timeout ${formatDuration(timeoutMs)}` : 'no timeout'}</span>
      </div>
      <div
        className={`bar${pct == null ? ' bar-indeterminate' : ''}${pct != null && pct > 80 ? ' bar-warn' : ''}`}
        role="progressbar"
        aria-label="Time used of the attempt's timeout"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct == null ? undefined : Math.round(pct)}
      >
        <span className="bar-fill" style={pct == null ? undefined : { transform: `scaleX(${pct / 100})` }} />
      </div>
    </div>
  );
}
