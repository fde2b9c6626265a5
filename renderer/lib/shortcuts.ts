/** The keyboard map: one list drives both the key handler and the `?` help overlay. */

export interface Shortcut {
  keys: string;
  label: string;
  group: 'Navigation' | 'Gates' | 'Terminal' | 'General';
}

export const SHORTCUTS: Shortcut[] = [
  { keys: 'g b', label: 'Go to the board', group: 'Navigation' },
  { keys: 'g h', label: 'Go to history', group: 'Navigation' },
  { keys: 'g s', label: 'Go to settings', group: 'Navigation' },
  { keys: 'g o', label: 'Go to sign-offs', group: 'Navigation' },
  { keys: 'g c', label: 'Go to the ceremony', group: 'Navigation' },
  { keys: 'g v', label: 'Go to bundle verification', group: 'Navigation' },
  { keys: 'Esc', label: 'Back, or close a dialog', group: 'Navigation' },
  { keys: 'j', label: 'Select the next gate (board, sign-offs)', group: 'Gates' },
  { keys: 'k', label: 'Select the previous gate (board, sign-offs)', group: 'Gates' },
  { keys: 'Enter', label: 'Open the selected gate', group: 'Gates' },
  { keys: 'r', label: 'Run the selected gate', group: 'Gates' },
  { keys: '/', label: 'Search the terminal output', group: 'Terminal' },
  { keys: 'Enter', label: 'Next match (in the search box)', group: 'Terminal' },
  { keys: 'Shift Enter', label: 'Previous match (in the search box)', group: 'Terminal' },
  { keys: 't', label: 'Toggle light / dark theme', group: 'General' },
  { keys: '?', label: 'Show these shortcuts', group: 'General' },
];

/** Commands a page offers to the keyboard while it is shown. */
export type PageCommand = 'run' | 'search' | 'next' | 'prev' | 'open';
export type PageCommands = Partial<Record<PageCommand, () => void>>;

/** Mounted components each register some commands; the newest registration of a name wins. */
const registrations: PageCommands[] = [];

export function setPageCommands(cmds: PageCommands): () => void {
  registrations.push(cmds);
  return () => {
    const at = registrations.lastIndexOf(cmds);
    if (at >= 0) registrations.splice(at, 1);
  };
}

export function pageCommand(name: PageCommand): (() => void) | undefined {
  for (let i = registrations.length - 1; i >= 0; i--) {
    const fn = registrations[i][name];
    if (fn) return fn;
  }
  return undefined;
}

/** True when keys typed here are text, not shortcuts. xterm's read-only input does not count. */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.closest('.xterm')) return false;
  const tag = target.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || target.isContentEditable;
}
