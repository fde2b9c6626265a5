/** A plan that does not parse: every diagnostic with its file:line:col. */
import { usePlan } from '../../state/plan';
import { EmptyState } from '../common/EmptyState';

export function InvalidPlan() {
  const error = usePlan((s) => s.error);
  const open = usePlan((s) => s.open);
  const dismiss = usePlan((s) => s.dismissError);
  if (!error) return null;
  return (
    <div className="page page-center">
      <EmptyState
        icon="alert"
        tone="danger"
        title="This plan has errors"
        actions={
          <>
            <button type="button" className="btn" onClick={dismiss}>
              Open another plan
            </button>
            {error.path && (
              <button type="button" className="btn btn-primary" onClick={() => void open(error.path!)}>
                Check again
              </button>
            )}
          </>
        }
      >
        <p>Fix these in the plan file, then check again. Nothing runs until the plan is valid.</p>
        {error.diagnostics.length > 0 ? (
          <ul className="diagnostics" aria-label="Plan errors">
            {error.diagnostics.map((d, i) => (
              <li key={i}>
                <code className="diag-loc">{d.location}</code>
                <span>{d.message}</span>
              </li>
            ))}
          </ul>
        ) : (
          <pre className="diagnostics-raw">{error.message}</pre>
        )}
      </EmptyState>
    </div>
  );
}
