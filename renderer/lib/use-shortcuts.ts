/** The page-wide key handler: `g` sequences, single keys, and Esc. */
import { useEffect } from 'react';
import { useTheme } from '../state/theme';
import { useUi } from '../state/ui';
import { isTyping, pageCommand, setPageCommands, type PageCommands } from './shortcuts';

const SEQUENCE_MS = 1200;

export function useGlobalShortcuts(): void {
  useEffect(() => {
    let gPressedAt = 0;
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
      const ui = useUi.getState();
      if (e.key === 'Escape') {
        if (ui.helpOpen) ui.setHelp(false);
        else if (isTyping(e.target)) (e.target as HTMLElement).blur();
        else ui.back();
        return;
      }
      if (isTyping(e.target) || ui.helpOpen) return;
      const now = Date.now();
      if (now - gPressedAt < SEQUENCE_MS) {
        gPressedAt = 0;
        const to = { b: 'board', h: 'history', s: 'settings', m: 'soak', o: 'signoffs', c: 'ceremony', v: 'verify' } as const;
        const name = to[e.key as keyof typeof to];
        if (name) {
          e.preventDefault();
          ui.navigate({ name });
        }
        return;
      }
      const simple: Record<string, () => void> = {
        g: () => (gPressedAt = now),
        '?': () => ui.setHelp(true),
        t: () => useTheme.getState().toggle(),
        r: () => pageCommand('run')?.(),
        '/': () => pageCommand('search')?.(),
        j: () => pageCommand('next')?.(),
        ArrowDown: () => pageCommand('next')?.(),
        k: () => pageCommand('prev')?.(),
        ArrowUp: () => pageCommand('prev')?.(),
      };
      const fn = simple[e.key];
      if (!fn) return;
      // Arrow keys keep scrolling unless the page uses them.
      if (e.key.startsWith('Arrow') && !pageCommand(e.key === 'ArrowDown' ? 'next' : 'prev')) return;
      e.preventDefault();
      fn();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

/** Registers what `r`, `/`, `j`, `k` mean on the page currently shown. */
export function usePageCommands(cmds: PageCommands, deps: unknown[]): void {
  useEffect(() => setPageCommands(cmds), deps); // eslint-disable-line react-hooks/exhaustive-deps
}
