/** Every attempt of a run: outcome, exit code, elapsed time, log size. */
import type { AttemptRecord } from '../../types';
import { useNow } from '../../state/clock';
import { formatBytes, formatDuration } from '../../lib/format';
import { StatusPill } from '../common/StatusPill';

function exitText(a: AttemptRecord): string {
  if (a.timedOut) return 'timed out';
  if (a.signal) return a.signal;
  if (a.exitCode == null) return a.status === 'running' ? '…' : '—';
  return String(a.exitCode);
}

export function AttemptsList({ attempts, repeat }: { attempts: AttemptRecord[]; repeat: number }) {
  const live = attempts.some((a) => a.status === 'running');
  const now = useNow(live);
  return (
    <section className="side-card" aria-labelledby="attempts-title">
      <h3 id="attempts-title" className="side-title">
        Attempts <span className="muted">{attempts.length}/{repeat}</span>
      </h3>
      {attempts.length === 0 ? (
        <p className="muted small">No attempt has started yet.</p>
      ) : (
        <table className="attempts">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">Result</th>
              <th scope="col" className="num">Exit</th>
              <th scope="col" className="num">Time</th>
              <th scope="col" className="num">Log</th>
            </tr>
          </thead>
          <tbody>
            {attempts.map((a) => (
              <tr key={a.n} data-attempt={a.n} data-status={a.status}>
                <td className="mono">{a.n}</td>
                <td>
                  <StatusPill status={a.status} compact />
                </td>
                <td className={`num mono${a.exitCode ? ' text-danger' : ''}`} data-testid="exit-code">
                  {exitText(a)}
                </td>
                <td className="num">{formatDuration(a.durationMs ?? (a.status === 'running' ? now - a.startedAt : null))}</td>
                <td className="num muted">{a.status === 'running' && a.logBytes === 0 ? '—' : formatBytes(a.logBytes)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
