/**
 * "Sign results": gates started here run as the identity in use and their
 * results are signed when they end (the CLI's `run --key`). The choice is
 * remembered in this browser; a passphrase never is: a passphrase-protected
 * key is unlocked by a prompt for each start.
 */
import { create } from 'zustand';
import { useRelease } from './release';

const STORAGE_KEY = 'cockpit.signResults';

export interface UnlockPrompt {
  /** What the unlocked key will sign, for the dialog's text. */
  what: string;
  owner: string;
  resolve(passphrase: string | null): void;
}

interface SigningStore {
  signResults: boolean;
  prompt: UnlockPrompt | null;
  setSignResults(on: boolean): void;
  answer(passphrase: string | null): void;
}

function remembered(): boolean {
  try {
    return localStorage.getItem(STORAGE_KEY) === '1';
  } catch {
    return false;
  }
}

export const useSigning = create<SigningStore>((set, get) => ({
  signResults: remembered(),
  prompt: null,
  setSignResults: (on) => {
    try {
      localStorage.setItem(STORAGE_KEY, on ? '1' : '0');
    } catch {
      // storage may be unavailable; the choice then lasts for this page only
    }
    set({ signResults: on });
  },
  answer: (passphrase) => {
    const p = get().prompt;
    set({ prompt: null });
    p?.resolve(passphrase);
  },
}));

/** The identity that would sign, when signing is on and possible: the plan must list its key (the board's toggle shows it unchecked otherwise). */
export function signingIdentity() {
  const current = useRelease.getState().identity?.current ?? null;
  return useSigning.getState().signResults && current?.signer ? current : null;
}

/**
 * What a run request carries to sign its results: nothing when signing is off,
 * `{ sign, passphrase }` once unlocked, or null when the person cancelled.
 */
export async function signingInput(what: string): Promise<{ sign?: true; passphrase?: string } | null> {
  // A run started before any page loaded the identity (the run view, a shortcut) must not go unsigned by accident.
  if (useSigning.getState().signResults && !useRelease.getState().identity) await useRelease.getState().loadIdentity();
  const me = signingIdentity();
  if (!me) return {};
  if (me.protection === 'os') return { sign: true };
  const passphrase = await new Promise<string | null>((resolve) => {
    useSigning.getState().prompt?.resolve(null); // one prompt at a time
    useSigning.setState({ prompt: { what, owner: me.signer?.name ?? me.name, resolve } });
  });
  return passphrase === null ? null : { sign: true, passphrase };
}
