/**
 * The state of a form that unlocks the key for one signature (sign-off,
 * waiver, tag): the passphrase, what is being signed, and the last error.
 * The passphrase is cleared after every try, whatever its outcome.
 */
import { useState } from 'react';
import { errorMessage } from '../lib/errors';

export function useSignedAction<Busy = true>() {
  const [passphrase, setPassphrase] = useState('');
  const [busy, setBusy] = useState<Busy | null>(null);
  const [error, setError] = useState<string | null>(null);

  /** Runs `action` with the passphrase; an error is kept to show, not thrown. */
  const run = async (what: Busy, action: (passphrase: string) => Promise<void>): Promise<void> => {
    setBusy(what);
    setError(null);
    try {
      await action(passphrase);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setPassphrase('');
      setBusy(null);
    }
  };
  const reset = () => {
    setPassphrase('');
    setError(null);
  };
  return { passphrase, setPassphrase, busy, error, setError, run, reset };
}
