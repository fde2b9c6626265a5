/** Host notices and action results, stacked bottom-right, announced to screen readers. */
import { useToasts } from '../../state/toasts';
import { Icon, type IconName } from '../common/Icon';

const ICONS: Record<string, IconName> = { info: 'info', success: 'check', warning: 'alert', error: 'x' };

export function Toasts() {
  const toasts = useToasts((s) => s.toasts);
  const dismiss = useToasts((s) => s.dismiss);
  return (
    <section className="toasts" aria-label="Notifications" aria-live="polite">
      {toasts.map((t) => (
        <div key={t.id} className={`toast toast-${t.level}`} role={t.level === 'error' ? 'alert' : 'status'}>
          <span className="toast-icon">
            <Icon name={ICONS[t.level] ?? 'info'} size={14} />
          </span>
          <div className="toast-text">
            <div className="toast-title">{t.title}</div>
            {t.body && <div className="toast-body">{t.body}</div>}
          </div>
          <button type="button" className="icon-button small" aria-label="Dismiss notification" onClick={() => dismiss(t.id)}>
            <Icon name="x" size={14} />
          </button>
        </div>
      ))}
    </section>
  );
}
