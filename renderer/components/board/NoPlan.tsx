/** No plan open: how to open one, and the recent plans. */
import { useState } from 'react';
import { usePlan } from '../../state/plan';
import { EmptyState } from '../common/EmptyState';

export function NoPlan() {
  const recent = usePlan((s) => s.recent);
  const open = usePlan((s) => s.open);
  const [path, setPath] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async (p: string) => {
    if (!p.trim()) return;
    setBusy(true);
    await open(p.trim());
    setBusy(false);
  };

  return (
    <div className="page page-center">
      <EmptyState icon="file" title="No release plan open">
        <p>
          A plan is a YAML file (<code>version: 1</code>) that lists a release’s gates. Open one here, or start the cockpit with
          it: <code>release-cockpit serve plan.yaml</code>.
        </p>
        <form
          className="open-form"
          onSubmit={(e) => {
            e.preventDefault();
            void submit(path);
          }}
        >
          <label htmlFor="plan-path" className="sr-only">
            Plan file path
          </label>
          <input
            id="plan-path"
            className="input mono"
            placeholder="/path/to/release-plan.yaml"
            value={path}
            onChange={(e) => setPath(e.target.value)}
          />
          <button type="submit" className="btn btn-primary" disabled={busy || !path.trim()}>
            Open plan
          </button>
        </form>
        {recent.length > 0 && (
          <div className="recent">
            <div className="eyebrow">Recent plans</div>
            <ul>
              {recent.map((p) => (
                <li key={p}>
                  <button type="button" className="link-button mono" onClick={() => void submit(p)}>
                    {p}
                  </button>
                </li>
              ))}
            </ul>
          </div>
        )}
      </EmptyState>
    </div>
  );
}
