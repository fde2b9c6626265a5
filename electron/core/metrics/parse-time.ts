/**
 * Timestamps in metric lines: RFC 3339 strings (k6 writes nanoseconds and a
 * zone offset, e.g. `2017-05-09T14:34:45.625742514+02:00`) or epoch ms numbers.
 * `Date.parse` is too lenient (it takes `"5"` or `"May 9"`), so RFC 3339 is
 * matched strictly here. The result is epoch ms, keeping sub-ms digits as a fraction.
 */

const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9})\d*)?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

/** Latest accepted time, well past any real run (year 9999). */
const MAX_MS = 253_402_300_800_000;

export function parseRfc3339(s: string): number | null {
  const m = RFC3339.exec(s);
  if (!m) return null;
  const [y, mo, d, h, mi, sec] = [m[1], m[2], m[3], m[4], m[5], m[6]].map(Number);
  if (mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo) || h > 23 || mi > 59 || sec > 60) return null;
  let ms = Date.UTC(y, mo - 1, d, h, mi, sec);
  if (m[7]) ms += Number(`0.${m[7]}`) * 1000;
  if (!m[8]) {
    const oh = Number(m[10]);
    const om = Number(m[11]);
    if (oh > 23 || om > 59) return null;
    ms -= (m[9] === '-' ? -1 : 1) * (oh * 60 + om) * 60_000;
  }
  return ms;
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** A time field: RFC 3339 string or epoch ms number. `null` when it is neither. */
export function parseTimeField(x: unknown): number | null {
  if (typeof x === 'number') return Number.isFinite(x) && x >= 0 && x <= MAX_MS ? x : null;
  if (typeof x === 'string') {
    const ms = parseRfc3339(x);
    return ms !== null && ms >= 0 && ms <= MAX_MS ? ms : null;
  }
  return null;
}

/** RFC 3339 in UTC with millisecond precision, e.g. `2024-03-01T12:00:00.250Z`. */
export function formatRfc3339(ms: number): string {
  return new Date(Math.floor(ms)).toISOString();
}
