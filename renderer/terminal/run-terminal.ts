/**
 * One xterm.js instance: read-only, fitted to its container, searchable. It
 * writes bytes with xterm's write callback so callers can acknowledge what
 * was actually rendered (flow control), and never queues unboundedly.
 */
import { FitAddon } from '@xterm/addon-fit';
import { SearchAddon } from '@xterm/addon-search';
import { Terminal } from '@xterm/xterm';
import type { Theme } from '../state/theme';
import { warmGlyphWidths } from './warm-widths';
import { TERMINAL_FONT, xtermTheme } from './xterm-theme';

export const SCROLLBACK = 10_000;

/** The size new runs get when started where no terminal is visible. */
let lastSize = { cols: 120, rows: 32 };
export function lastTerminalSize(): { cols: number; rows: number } {
  return lastSize;
}

export class RunTerminal {
  readonly term: Terminal;
  private readonly fitAddon = new FitAddon();
  private readonly searchAddon = new SearchAddon();
  private readonly resizeObserver: ResizeObserver;
  private disposed = false;
  /**
   * Whether the view sticks to the newest output. Only a person scrolling
   * (wheel, keys, scrollbar) changes it: a layout change that moves xterm's
   * viewport must not leave a live view stuck mid-stream.
   */
  private follow = true;

  constructor(container: HTMLElement, theme: Theme) {
    this.term = new Terminal({
      scrollback: SCROLLBACK,
      disableStdin: true,
      convertEol: false,
      cursorBlink: false,
      cursorStyle: 'underline',
      cursorInactiveStyle: 'none',
      fontFamily: TERMINAL_FONT,
      fontSize: 12.5,
      lineHeight: 1.25,
      theme: xtermTheme(theme),
      allowProposedApi: true,
      screenReaderMode: false,
    });
    this.term.loadAddon(this.fitAddon);
    this.term.loadAddon(this.searchAddon);
    // Keep Tab and Escape for page navigation; let the browser copy a selection.
    this.term.attachCustomKeyEventHandler((e) => {
      if (e.key === 'Tab' || e.key === 'Escape') return false;
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'c' && this.term.hasSelection()) return false;
      return !(e.key === '/' || e.key === '?');
    });
    this.term.open(container);
    this.term.textarea?.setAttribute('aria-label', 'Run output (read-only terminal)');
    this.fit();
    warmGlyphWidths(this.term, () => this.disposed);
    this.resizeObserver = new ResizeObserver(() => this.fit());
    this.resizeObserver.observe(container);
    const recheck = () =>
      requestAnimationFrame(() => {
        if (this.disposed) return;
        const b = this.term.buffer.active;
        this.follow = b.viewportY >= b.baseY;
      });
    for (const type of ['wheel', 'keyup', 'pointerup'] as const) container.addEventListener(type, recheck, { passive: true });
  }

  private stick(): void {
    if (this.follow && !this.disposed) this.term.scrollToBottom();
  }

  fit(): void {
    if (this.disposed) return;
    try {
      this.fitAddon.fit();
      this.stick();
      lastSize = { cols: this.term.cols, rows: this.term.rows };
    } catch {
      // The container is not laid out yet (display: none); the observer will call again.
    }
  }

  setTheme(theme: Theme): void {
    this.term.options.theme = xtermTheme(theme);
  }

  /** Resolves once xterm has parsed the bytes. */
  write(data: Uint8Array | string): Promise<void> {
    return new Promise((resolve) => {
      if (this.disposed) return resolve();
      this.term.write(data, () => {
        this.stick();
        resolve();
      });
    });
  }

  /** Writes without waiting; `done` runs when parsed (for acknowledgements). */
  writeThen(data: Uint8Array, done: () => void): void {
    if (this.disposed) return;
    this.term.write(data, () => {
      this.stick();
      done();
    });
  }

  reset(): void {
    this.follow = true;
    this.term.reset();
    this.searchAddon.clearDecorations();
  }

  find(term: string, direction: 'next' | 'prev'): boolean {
    if (!term) return false;
    const opts = {
      caseSensitive: false,
      decorations: {
        matchBackground: '#e8c46a55',
        activeMatchBackground: '#e8c46a',
        matchOverviewRuler: '#e8c46a',
        activeMatchColorOverviewRuler: '#f5d68a',
      },
    };
    const found = direction === 'next' ? this.searchAddon.findNext(term, opts) : this.searchAddon.findPrevious(term, opts);
    // Stay on the match while output keeps coming.
    if (found) this.follow = false;
    return found;
  }

  onSearchResults(fn: (r: { resultIndex: number; resultCount: number }) => void): () => void {
    const d = this.searchAddon.onDidChangeResults(fn);
    return () => d.dispose();
  }

  clearSearch(): void {
    this.searchAddon.clearDecorations();
    this.term.clearSelection();
    this.follow = true;
    this.stick();
  }

  selection(): string {
    return this.term.getSelection();
  }

  focus(): void {
    this.term.focus();
  }

  dispose(): void {
    this.disposed = true;
    this.resizeObserver.disconnect();
    this.term.dispose();
  }
}
