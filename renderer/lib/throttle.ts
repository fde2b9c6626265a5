/**
 * Leading + trailing throttle: the first call runs at once, bursts collapse
 * into one more call at the end of the window. Used for status refreshes that
 * events can trigger hundreds of times a second.
 */
export function throttle(fn: () => void, windowMs: number): () => void {
  let last = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  return () => {
    const now = Date.now();
    const wait = last + windowMs - now;
    if (wait <= 0 && !timer) {
      last = now;
      fn();
      return;
    }
    if (timer) return;
    timer = setTimeout(() => {
      timer = null;
      last = Date.now();
      fn();
    }, Math.max(0, wait));
  };
}
