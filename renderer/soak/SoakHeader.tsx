/** The soak page's header: which gate and run, its status, elapsed and remaining time, follow mode. */
import { Icon } from '../components/common/Icon';
import { StatusPill, statusLabel } from '../components/common/StatusPill';
import { formatClock, formatWhen } from '../lib/format';
import { useNow } from '../state/clock';
import { useUi } from '../state/ui';
import type { GateSummary, RunRecord } from '../types';

interface Props {
  gates: GateSummary[];
  gateId: string;
  run: RunRecord | undefined;
  runs: RunRecord[];
  follow: boolean;
  onFollow(follow: boolean): void;
  onRun(): void;
  onCancel(): void;
}

export function SoakHeader({ gates, gateId, run, runs, follow, onFollow, onRun, onCancel }: Props) {
  const navigate = useUi((s) => s.navigate);
  const running = run?.status === 'running';
  const now = useNow(running);
  const timeoutMs = gates.find((g) => g.id === gateId)?.timeoutMs ?? null;
  const elapsed = run ? (run.endedAt ?? now) - run.startedAt : 0;
  const remaining = timeoutMs != null && running ? Math.max(0, timeoutMs - elapsed) : null;

  return (
    <div className="soak-head">
      <div className="soak-pickers">
        <label className="picker">
          <span className="sr-only">Gate</span>
          <select className="select" aria-label="Soak gate" value={gateId}
            onChange={(e) => navigate({ name: 'soak', gateId: e.target.value, runId: null }, { replace: true })}>
            {gates.map((g) => (
              <option key={g.id} value={g.id}>{g.title && g.title !== g.id ? `${g.title} (${g.id})` : g.id}</option>
            ))}
          </select>
        </label>
        {runs.length > 0 && (
          <label className="picker">
            <span className="sr-only">Run</span>
            <select className="select" aria-label="Soak run" value={run?.id ?? ''}
              onChange={(e) => navigate({ name: 'soak', gateId, runId: Number(e.target.value) }, { replace: true })}>
              {runs.map((r) => (
                <option key={r.id} value={r.id}>Run #{r.runNo} · {statusLabel(r.status)} · {formatWhen(r.startedAt)}</option>
              ))}
            </select>
          </label>
        )}
        {run && <StatusPill status={run.status} />}
      </div>
      <dl className="soak-clock" aria-label="Time">
        <div>
          <dt>Elapsed</dt>
          <dd className="mono" data-testid="soak-elapsed">{run ? formatClock(elapsed) : '—'}</dd>
        </div>
        <div>
          <dt>Remaining</dt>
          <dd className="mono" data-testid="soak-remaining" title={timeoutMs != null ? `until the gate's timeout (${formatClock(timeoutMs)})` : 'no timeout'}>
            {remaining != null ? formatClock(remaining) : running ? 'no timeout' : '—'}
          </dd>
        </div>
      </dl>
      <div className="soak-actions">
        <label className="toggle">
          <input type="checkbox" checked={follow} onChange={(e) => onFollow(e.target.checked)} data-testid="soak-follow" />
          <span>Follow live</span>
        </label>
        {running ? (
          <button type="button" className="btn btn-danger" onClick={onCancel}>
            <Icon name="stop" size={13} /> Cancel run
          </button>
        ) : (
          <button type="button" className="btn btn-primary" onClick={onRun}>
            <Icon name="play" size={13} /> {run ? 'Run again' : 'Run soak'}
          </button>
        )}
      </div>
    </div>
  );
}
