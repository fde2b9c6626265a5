/** Primary navigation: the work (board, history, soak), the release (sign-offs, ceremony, verify), settings. */
import { sectionOf, type Section } from '../../state/routes';
import { useUi } from '../../state/ui';
import { usePlan } from '../../state/plan';
import { Icon, type IconName } from '../common/Icon';
import { Kbd } from '../common/Kbd';
import { Logo } from './Logo';

interface NavEntry {
  name: Section;
  label: string;
  icon: IconName;
  keys: string;
}

const NAV: NavEntry[] = [
  { name: 'board', label: 'Board', icon: 'board', keys: 'g b' },
  { name: 'history', label: 'History', icon: 'history', keys: 'g h' },
  { name: 'soak', label: 'Soak', icon: 'activity', keys: 'g m' },
  { name: 'settings', label: 'Settings', icon: 'sliders', keys: 'g s' },
];

const RELEASE: NavEntry[] = [
  { name: 'signoffs', label: 'Sign-offs', icon: 'signature', keys: 'g o' },
  { name: 'ceremony', label: 'Ceremony', icon: 'tag', keys: 'g c' },
  { name: 'verify', label: 'Verify bundle', icon: 'shield', keys: 'g v' },
];

function NavItem({ item, active, badge }: { item: NavEntry; active: boolean; badge?: { text: string; label: string; tone: string } | null }) {
  const navigate = useUi((s) => s.navigate);
  return (
    <li>
      <button
        type="button"
        className={`nav-item${active ? ' is-active' : ''}`}
        aria-current={active ? 'page' : undefined}
        data-nav={item.name}
        aria-keyshortcuts={item.keys}
        onClick={() => navigate({ name: item.name })}
      >
        <Icon name={item.icon} />
        <span className="nav-label">{item.label}</span>
        {badge ? (
          <span className={`nav-badge nav-badge-${badge.tone}`} aria-label={badge.label}>
            {badge.text}
          </span>
        ) : (
          <Kbd keys={item.keys} decorative />
        )}
      </button>
    </li>
  );
}

export function Sidebar() {
  const route = useUi((s) => s.route);
  const setHelp = useUi((s) => s.setHelp);
  const running = usePlan((s) => s.status?.summary.running ?? 0);
  const awaiting = usePlan((s) => s.status?.gates.filter((g) => g.status === 'passed' && g.signoff && g.signoff.missing > 0 && g.signoff.status !== 'rejected').length ?? 0);
  const ready = usePlan((s) => s.status?.ready === true);
  const active = sectionOf(route);
  const badgeOf = (name: NavEntry['name']) => {
    if (name === 'board' && running > 0) return { text: String(running), label: `${running} running`, tone: 'run' };
    if (name === 'signoffs' && awaiting > 0) return { text: String(awaiting), label: `${awaiting} awaiting sign-off`, tone: 'waive' };
    if (name === 'ceremony' && ready) return { text: '✓', label: 'ready to tag', tone: 'ok' };
    return null;
  };

  return (
    <nav className="sidebar" aria-label="Main">
      <div className="brand">
        <Logo />
        <span className="brand-name">Release Cockpit</span>
      </div>
      <ul className="nav-list">
        {NAV.map((item) => (
          <NavItem key={item.name} item={item} active={active === item.name} badge={badgeOf(item.name)} />
        ))}
      </ul>
      <div className="nav-section" id="nav-release">
        Release
      </div>
      <ul className="nav-list" aria-labelledby="nav-release">
        {RELEASE.map((item) => (
          <NavItem key={item.name} item={item} active={active === item.name} badge={badgeOf(item.name)} />
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
