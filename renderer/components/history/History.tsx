/** Every recorded run, newest first; a row opens its run view. */
import { useEffect, useMemo } from 'react';
import { useNow } from '../../state/clock';
import { useHistory } from '../../state/history';
import { usePlan } from '../../state/plan';
import { routeHash } from '../../state/routes';
import { useUi } from '../../state/ui';
import { formatDuration, formatWhen, relativeTime } from '../../lib/format';
import { EmptyState } from '../common/EmptyState';
import { StatusPill } from '../common/StatusPill';
import { HistoryFilters } from './HistoryFilters';

export function History() {
  const runs = useHistory((s) => s.runs);
  const loaded = useHistory((s) => s.loaded);
  const error = useHistory((s) => s.error);
  const filtered = useHistory((s) => !!(s.gateId || s.status));
  const gates = usePlan((s) => s.plan?.gates);
  const titles = useMemo(() => new Map((gates ?? []).map((g) => [g.id, g.title])), [gates]);
  const navigate = useUi((s) => s.navigate);
  const now = useNow(runs.some((r) => r.status === 'running'));

  useEffect(() => {
    void useHistory.getState().load();
  }, []);

  return (
    <div className="page">
      <section className="card" aria-labelledby="history-title">
        <div className="card-head">
          <div>
            <h2 id="history-title" className="card-title">
              History
            </h2>
            <p className="card-sub">Every run of this release’s gates, newest first. Logs are kept byte for byte.</p>
          </div>
          <HistoryFilters />
        </div>
        {error && <div className="inline-error" role="alert">{error}</div>}
        {loaded && runs.length === 0 ? (
          <EmptyState icon="history" title={filtered ? 'No runs match these filters' : 'No runs yet'}>
            <p>{filtered ? 'Try another gate or status.' : 'Runs appear here as soon as a gate starts.'}</p>
          </EmptyState>
        ) : (
          <table className="history" aria-busy={!loaded}>
            <thead>
              <tr>
                <th scope="col">Gate</th>
                <th scope="col">Run</th>
                <th scope="col">Status</th>
                <th scope="col">Started</th>
                <th scope="col" className="num">Duration</th>
                <th scope="col">Target</th>
                <th scope="col">Reason</th>
              </tr>
            </thead>
            <tbody>
              {runs.map((r) => {
                const route = { name: 'gate' as const, gateId: r.gateId, runId: r.id };
                return (
                  <tr key={r.id} className="history-row" data-run={r.id} data-gate={r.gateId} onClick={() => navigate(route)}>
                    <td>
                      <a
                        className="gate-link"
                        href={routeHash(route)}
                        onClick={(e) => {
                          e.preventDefault();
                          e.stopPropagation();
                          navigate(route);
                        }}
                      >
                        <span className="gate-title">{titles.get(r.gateId) ?? r.gateId}</span>
                        <span className="gate-id mono">{r.gateId}</span>
                      </a>
                    </td>
                    <td className="mono">#{r.runNo}</td>
                    <td>
                      <StatusPill status={r.status} />
                    </td>
                    <td title={new Date(r.startedAt).toLocaleString()}>
                      {formatWhen(r.startedAt)} <span className="muted small">· {relativeTime(r.startedAt, now)}</span>
                    </td>
                    <td className="num">{formatDuration((r.endedAt ?? now) - r.startedAt)}</td>
                    <td>{r.target}</td>
                    <td className="reason-cell" title={r.reason ?? undefined}>
                      {r.reason ?? <span className="muted">—</span>}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
