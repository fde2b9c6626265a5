/** The host connection, as words and a dot; announced politely when it changes. */
import { useConnection } from '../../state/connection';
import { Spinner } from '../common/Icon';

const TEXT = {
  connecting: 'Connecting…',
  online: 'Connected',
  reconnecting: 'Reconnecting…',
  unavailable: 'Not connected',
} as const;

export function ConnectionIndicator() {
  const state = useConnection((s) => s.state);
  const mode = useConnection((s) => s.mode);
  const title = mode === 'desktop' ? 'Desktop app host' : mode === 'browser' ? 'Loopback host (release-cockpit serve)' : undefined;
  return (
    <span className={`conn conn-${state}`} role="status" aria-live="polite" title={title} data-connection={state}>
      {state === 'online' || state === 'unavailable' ? <span className="conn-dot" aria-hidden="true" /> : <Spinner size={12} />}
      <span>{TEXT[state]}</span>
    </span>
  );
}
