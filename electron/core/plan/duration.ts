/**
 * Durations as written in plans: `500ms`, `10s`, `10m`, `50h`, `2d`, and
 * compounds such as `1h30m`. A bare number is not a duration: `timeout: 10`
 * is ambiguous (seconds? minutes?), so it is rejected rather than guessed.
 */

const UNIT_MS: Record<string, number> = {
  ms: 1,
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

/** One `<number><unit>` part; `ms` is listed before `m` so `10ms` is not `10m` + `s`. */
const PART = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/y;

/** Milliseconds, or null when `text` is not a duration. */
export function parseDuration(text: string): number | null {
  if (typeof text !== 'string') return null;
  const t = text.trim();
  if (t === '') return null;
  let total = 0;
  let at = 0;
  while (at < t.length) {
    PART.lastIndex = at;
    const m = PART.exec(t);
    if (!m) return null;
    total += Number(m[1]) * UNIT_MS[m[2]];
    at = PART.lastIndex;
  }
  return Number.isFinite(total) ? Math.round(total) : null;
}

export const DURATION_HINT = 'a duration like 10m or 50h';
