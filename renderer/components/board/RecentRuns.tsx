/** The latest runs of this release, so the board answers "what just happened?". */
import { useEffect, useMemo } from 'react';
import { useNow } from '../../state/clock';
import { usePlan } from '../../state/plan';
import { useRecent } from '../../state/recent';
import { routeHash } from '../../state/routes';
import { useUi } from '../../state/ui';
import { formatDuration, relativeTime } from '../../lib/format';
import { StatusIcon, statusLabel } from '../common/StatusPill';
import { reportUnlessOffline } from '../../state/toasts';

export function RecentRuns() {
  const runs = useRecent((s) => s.runs);
  const loaded = useRecent((s) => s.loaded);
  const gates = usePlan((s) => s.plan?.gates);
  const titles = useMemo(() => new Map((gates ?? []).map((g) => [g.id, g.title])), [gates]);
  const navigate = useUi((s) => s.navigate);
  const now = useNow(true);

  useEffect(() => {
    void useRecent.getState().load().catch(reportUnlessOffline('Could not load the recent runs'));
  }, []);

  if (loaded && runs.length === 0) return null;
  return (
    <section className="card" aria-labelledby="recent-title">
      <div className="card-head">
        <h2 id="recent-title" className="card-title">
          Recent activity
        </h2>
        <button type="button" className="btn btn-ghost btn-sm" onClick={() => navigate({ name: 'history' })}>
          All runs
        </button>
      </div>
      <ul className="activity">
        {runs.map((r) => {
          const route = { name: 'gate' as const, gateId: r.gateId, runId: r.id };
          return (
            <li key={r.id} className={`activity-item st-${r.status}`}>
              <span className="activity-icon" aria-hidden="true">
                <StatusIcon status={r.status} size={13} />
              </span>
              <a
                className="activity-text"
                href={routeHash(route)}
                onClick={(e) => {
                  e.preventDefault();
                  navigate(route);
                }}
              >
                <strong>{titles.get(r.gateId) ?? r.gateId}</strong> <span className="muted">run #{r.runNo}</span>{' '}
                <span className={`activity-status st-text-${r.status}`}>{statusLabel(r.status).toLowerCase()}</span>
                {r.reason && r.status !== 'passed' && <span className="muted"> — {r.reason}</span>}
              </a>
              <span className="activity-meta">
                {r.status === 'running' ? `${formatDuration(now - r.startedAt)} so far` : formatDuration((r.endedAt ?? now) - r.startedAt)}
                <span className="faint"> · {relativeTime(r.startedAt, now)}</span>
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
