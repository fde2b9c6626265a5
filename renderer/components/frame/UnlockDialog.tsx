/** Asks for the passphrase that unlocks the identity in use before gates start signed. */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useSigning } from '../../state/signing';
import { Icon } from '../common/Icon';
import { PassphraseField } from '../common/PassphraseField';

export function UnlockDialog() {
  const prompt = useSigning((s) => s.prompt);
  const answer = useSigning((s) => s.answer);
  const [pass, setPass] = useState('');
  const ref = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (prompt && !d.open) {
      d.showModal();
      // showModal focuses the first control (the close button); the passphrase is what comes next.
      d.querySelector<HTMLInputElement>('input[type="password"]')?.focus();
    }
    if (!prompt && d.open) d.close();
    setPass('');
  }, [prompt]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!pass) return;
    const p = pass;
    setPass('');
    answer(p);
  };

  return (
    <dialog ref={ref} className="dialog unlock" aria-labelledby="unlock-title" onClose={() => prompt && answer(null)} data-testid="unlock-dialog">
      <form onSubmit={submit}>
        <div className="dialog-head">
          <h2 id="unlock-title">Run and sign as {prompt?.owner}</h2>
          <button type="button" className="icon-button" aria-label="Cancel" onClick={() => answer(null)}>
            <Icon name="x" />
          </button>
        </div>
        <div className="dialog-body">
          <p className="muted">
            The key signs {prompt?.what} when it ends, as <code>release-cockpit run --key</code> does. It is unlocked for these runs only
            and the passphrase is not kept.
          </p>
          {prompt && <PassphraseField id="unlock-pass" value={pass} onChange={setPass} owner={prompt.owner} />}
        </div>
        <div className="dialog-actions">
          <button type="button" className="btn btn-ghost" onClick={() => answer(null)}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" disabled={!pass}>
            <Icon name="play" size={13} /> Unlock and run
          </button>
        </div>
      </form>
    </dialog>
  );
}
