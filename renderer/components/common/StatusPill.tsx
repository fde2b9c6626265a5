/** A gate or run status: colour, icon and words, so it never relies on colour alone. */
import type { GateStatus } from '../../types';
import { Icon, Spinner, type IconName } from './Icon';

const META: Record<GateStatus, { label: string; icon: IconName | 'spinner' }> = {
  'not-run': { label: 'Not run', icon: 'dashed' },
  running: { label: 'Running', icon: 'spinner' },
  passed: { label: 'Passed', icon: 'check' },
  failed: { label: 'Failed', icon: 'x' },
  blocked: { label: 'Blocked', icon: 'lock' },
  cancelled: { label: 'Cancelled', icon: 'ban' },
  interrupted: { label: 'Interrupted', icon: 'unplug' },
  waived: { label: 'Waived', icon: 'shield' },
};

export function statusLabel(status: GateStatus): string {
  return META[status]?.label ?? status;
}

export function StatusIcon({ status, size = 14 }: { status: GateStatus; size?: number }) {
  const meta = META[status] ?? META['not-run'];
  return meta.icon === 'spinner' ? <Spinner size={size} /> : <Icon name={meta.icon} size={size} />;
}

export function StatusPill({ status, compact = false }: { status: GateStatus; compact?: boolean }) {
  return (
    <span className={`pill pill-${status}${compact ? ' pill-compact' : ''}`} data-status={status}>
      <StatusIcon status={status} size={12} />
      <span className="pill-label">{statusLabel(status)}</span>
    </span>
  );
}
