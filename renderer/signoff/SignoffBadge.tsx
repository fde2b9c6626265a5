/** A gate's sign-off state as a pill: words and an icon, never colour alone. */
import { Icon, type IconName } from '../components/common/Icon';
import type { SignoffState } from './gate-state';

const ICON: Record<SignoffState['key'], IconName> = {
  approved: 'check',
  awaiting: 'clock',
  rejected: 'x',
  waived: 'shield',
  failed: 'alert',
  'not-run': 'dashed',
  running: 'activity',
  'no-rule': 'dashed',
  other: 'dashed',
};

export function SignoffBadge({ state }: { state: SignoffState }) {
  return (
    <span className={`so-badge so-${state.tone}`} data-signoff={state.key} title={state.detail}>
      <Icon name={ICON[state.key]} size={12} />
      <span>{state.label}</span>
    </span>
  );
}
