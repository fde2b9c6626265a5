/** Everything that keeps the candidate from being tagged, each with its reason and the rule (and file) it comes from. */
import { Icon } from '../components/common/Icon';
import type { Blocker } from '../types';

export function BlockerList({ blockers }: { blockers: Blocker[] }) {
  if (blockers.length === 0) {
    return (
      <p className="cer-clear">
        <Icon name="check" size={14} />
        Nothing blocks the release.
      </p>
    );
  }
  return (
    <ol className="cer-blockers" data-testid="blockers">
      {blockers.map((b, i) => (
        <li key={`${b.gate}-${b.rule}-${i}`} data-rule={b.rule}>
          <span className="cer-blocker-icon">
            <Icon name="lock" size={12} />
          </span>
          <div>
            <div className="cer-blocker-head">
              <span className="cer-blocker-gate">{b.gate === '*' ? 'Release' : b.gate}</span>
              <span className="tag">{b.rule}</span>
            </div>
            <div className="cer-blocker-msg">{b.message}</div>
            {b.file && <code className="mono small faint">{b.file}</code>}
          </div>
        </li>
      ))}
    </ol>
  );
}
