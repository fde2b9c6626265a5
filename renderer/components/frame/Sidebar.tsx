/** Primary navigation. Soak and Sign-offs are listed as coming, not as dead links. */
import { sectionOf } from '../../state/routes';
import { useUi } from '../../state/ui';
import { usePlan } from '../../state/plan';
import { Icon, type IconName } from '../common/Icon';
import { Kbd } from '../common/Kbd';
import { Logo } from './Logo';

const NAV: { name: 'board' | 'history' | 'settings' | 'soak'; label: string; icon: IconName; keys: string }[] = [
  { name: 'board', label: 'Board', icon: 'board', keys: 'g b' },
  { name: 'history', label: 'History', icon: 'history', keys: 'g h' },
  { name: 'soak', label: 'Soak', icon: 'activity', keys: 'g m' },
  { name: 'settings', label: 'Settings', icon: 'sliders', keys: 'g s' },
];

const LATER: { label: string; icon: IconName }[] = [
  { label: 'Sign-offs', icon: 'signature' },
];

export function Sidebar() {
  const route = useUi((s) => s.route);
  const navigate = useUi((s) => s.navigate);
  const setHelp = useUi((s) => s.setHelp);
  const running = usePlan((s) => s.status?.summary.running ?? 0);
  const active = sectionOf(route);

  return (
    <nav className="sidebar" aria-label="Main">
      <div className="brand">
        <Logo />
        <span className="brand-name">Release Cockpit</span>
      </div>
      <ul className="nav-list">
        {NAV.map((item) => (
          <li key={item.name}>
            <button
              type="button"
              className={`nav-item${active === item.name ? ' is-active' : ''}`}
              aria-current={active === item.name ? 'page' : undefined}
              data-nav={item.name}
              aria-keyshortcuts={item.keys}
              onClick={() => navigate({ name: item.name })}
            >
              <Icon name={item.icon} />
              <span className="nav-label">{item.label}</span>
              {item.name === 'board' && running > 0 ? (
                <span className="nav-badge" aria-label={`${running} running`}>
                  {running}
                </span>
              ) : (
                <Kbd keys={item.keys} decorative />
              )}
            </button>
          </li>
        ))}
      </ul>
      <div className="nav-section">Coming next</div>
      <ul className="nav-list">
        {LATER.map((item) => (
          <li key={item.label}>
            <span className="nav-item is-disabled" aria-disabled="true">
              <Icon name={item.icon} />
              <span className="nav-label">{item.label}</span>
              <span className="soon">Soon</span>
            </span>
          </li>
        ))}
      </ul>
      <div className="sidebar-foot">
        <button type="button" className="link-button" aria-keyshortcuts="?" onClick={() => setHelp(true)}>
          <Icon name="keyboard" />
          <span>Keyboard shortcuts</span>
          <Kbd keys="?" decorative />
        </button>
      </div>
    </nav>
  );
}
