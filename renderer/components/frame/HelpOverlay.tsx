/** The `?` overlay: every shortcut, grouped. A native modal dialog traps focus for us. */
import { useEffect, useRef } from 'react';
import { SHORTCUTS, type Shortcut } from '../../lib/shortcuts';
import { useUi } from '../../state/ui';
import { Icon } from '../common/Icon';
import { Kbd } from '../common/Kbd';

const GROUPS: Shortcut['group'][] = ['Navigation', 'Gates', 'Terminal', 'General'];

export function HelpOverlay() {
  const open = useUi((s) => s.helpOpen);
  const setHelp = useUi((s) => s.setHelp);
  const ref = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);

  return (
    <dialog ref={ref} className="dialog help" aria-labelledby="help-title" onClose={() => setHelp(false)}>
      <div className="dialog-head">
        <h2 id="help-title">Keyboard shortcuts</h2>
        <button type="button" className="icon-button" aria-label="Close shortcuts" onClick={() => setHelp(false)} autoFocus>
          <Icon name="x" />
        </button>
      </div>
      <div className="help-grid">
        {GROUPS.map((group) => (
          <section key={group} aria-label={group}>
            <h3>{group}</h3>
            <dl>
              {SHORTCUTS.filter((s) => s.group === group).map((s) => (
                <div key={s.keys + s.label} className="help-row">
                  <dt>{s.label}</dt>
                  <dd>
                    <Kbd keys={s.keys} />
                  </dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </div>
      <p className="dialog-foot muted">Every control is also reachable with Tab and Shift+Tab.</p>
    </dialog>
  );
}
