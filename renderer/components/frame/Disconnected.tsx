/** The states where there is no host to talk to. */
import { useConnection } from '../../state/connection';
import { EmptyState } from '../common/EmptyState';
import { Icon, Spinner } from '../common/Icon';

export function NoHost() {
  const fatal = useConnection((s) => s.fatal);
  return (
    <div className="page page-center">
      <EmptyState icon="unplug" tone="warning" title={fatal ? 'Cannot open the cockpit' : 'Cannot reach the Release Cockpit host'}>
        {fatal ? (
          <p>{fatal}</p>
        ) : (
          <>
            <p>
              The page is trying again every few seconds. If the host has stopped, start it again and open the URL it prints:
            </p>
            <pre className="code-block">release-cockpit serve plan.yaml</pre>
            <p className="muted small">
              <Spinner size={12} /> Retrying…
            </p>
          </>
        )}
      </EmptyState>
    </div>
  );
}

/** A thin bar while a connection that worked is being re-established; the page stays readable. */
export function ReconnectingBanner() {
  const state = useConnection((s) => s.state);
  const lastOnline = useConnection((s) => s.lastOnline);
  if (state !== 'reconnecting' || lastOnline == null) return null;
  return (
    <div className="banner banner-warning" role="status">
      <Icon name="unplug" size={14} />
      <span>Connection to the host lost — reconnecting… What you see may be out of date; runs keep going on the host.</span>
    </div>
  );
}
