/** The calm, centred message for "nothing here yet" and "something is wrong" screens. */
import type { ReactNode } from 'react';
import { Icon, type IconName } from './Icon';

export function EmptyState({
  icon,
  title,
  children,
  tone = 'neutral',
  actions,
}: {
  icon: IconName;
  title: string;
  children?: ReactNode;
  tone?: 'neutral' | 'danger' | 'warning';
  actions?: ReactNode;
}) {
  return (
    <div className={`empty empty-${tone}`} role={tone === 'neutral' ? undefined : 'alert'}>
      <div className="empty-icon">
        <Icon name={icon} size={22} />
      </div>
      <h2 className="empty-title">{title}</h2>
      {children && <div className="empty-body">{children}</div>}
      {actions && <div className="empty-actions">{actions}</div>}
    </div>
  );
}
