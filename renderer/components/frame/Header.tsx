/** The release in view (name, candidate tag, plan file) and global controls. */
import { usePlan } from '../../state/plan';
import { useTheme } from '../../state/theme';
import { useUi } from '../../state/ui';
import { shortPath } from '../../lib/format';
import { Icon } from '../common/Icon';
import { ConnectionIndicator } from './ConnectionIndicator';

export function Header() {
  const plan = usePlan((s) => s.plan);
  const theme = useTheme((s) => s.theme);
  const toggle = useTheme((s) => s.toggle);
  const setHelp = useUi((s) => s.setHelp);
  return (
    <header className="header" role="banner">
      <div className="header-release">
        {plan ? (
          <>
            <h1 className="release-name">{plan.release}</h1>
            <span className="chip chip-tag" title="The tag the release ceremony creates">
              <Icon name="link" size={12} />
              <span>{plan.candidate}</span>
            </span>
            <span className="plan-file" title={plan.file}>
              <Icon name="file" size={13} />
              <span className="mono">{shortPath(plan.file)}</span>
            </span>
          </>
        ) : (
          <h1 className="release-name muted">No plan open</h1>
        )}
      </div>
      <div className="header-tools">
        <ConnectionIndicator />
        <button
          type="button"
          className="icon-button"
          aria-label={theme === 'dark' ? 'Switch to light theme' : 'Switch to dark theme'}
          title="Toggle theme (t)"
          onClick={toggle}
        >
          <Icon name={theme === 'dark' ? 'sun' : 'moon'} />
        </button>
        <button type="button" className="icon-button" aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)" onClick={() => setHelp(true)}>
          <Icon name="keyboard" />
        </button>
      </div>
    </header>
  );
}
