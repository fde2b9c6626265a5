/**
 * xterm's DOM renderer measures a character's width the first time it draws
 * it, one forced layout per character. The first screen of a burst (the 64
 * characters of base64) was measured inside the frame that also rebuilt
 * every row: a ~40 ms task, right when a person has just opened the run view.
 * Measured ahead, once the font is loaded and between frames, the printable
 * ASCII range costs a few milliseconds.
 *
 * This reaches into xterm 5.5's internals (the DOM renderer's WidthCache); if
 * they move, it does nothing and xterm measures lazily as before.
 */
import type { Terminal } from '@xterm/xterm';

interface WidthCache {
  get(char: string, bold: boolean, italic: boolean): number;
}

function widthCacheOf(term: Terminal): WidthCache | null {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const cache = (term as any)._core?._renderService?._renderer?.value?._widthCache;
  return cache && typeof cache.get === 'function' ? (cache as WidthCache) : null;
}

export function warmGlyphWidths(term: Terminal, isDisposed: () => boolean): void {
  const warm = () => {
    if (isDisposed()) return;
    try {
      const cache = widthCacheOf(term);
      if (!cache) return;
      for (let c = 0x21; c < 0x7f; c++) {
        const ch = String.fromCharCode(c);
        cache.get(ch, false, false);
      }
    } catch {
      // only an optimisation
    }
  };
  void document.fonts.ready.then(() => requestAnimationFrame(() => setTimeout(warm, 0)));
}
