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
  const fast = parseCommonRfc3339(s);
  if (fast !== undefined) return fast;
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

/** Digits at s[i..i+n) as a number, or -1 when any is not a digit. */
function digits(s: string, i: number, n: number): number {
  let v = 0;
  for (let k = i; k < i + n; k++) {
    const c = s.charCodeAt(k) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/**
 * The shape k6 and most writers use, `YYYY-MM-DDTHH:MM:SS[.f{1,9}](Z|±HH:MM)`,
 * read without a regex (this runs once per metric point). Returns the same
 * value as the regex path, null for an invalid date in this shape, and
 * undefined for any other shape (the regex path decides).
 */
function parseCommonRfc3339(s: string): number | null | undefined {
  const n = s.length;
  if (n < 20 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(10) !== 84 || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) {
    return undefined;
  }
  const y = digits(s, 0, 4);
  const mo = digits(s, 5, 2);
  const d = digits(s, 8, 2);
  const h = digits(s, 11, 2);
  const mi = digits(s, 14, 2);
  const sec = digits(s, 17, 2);
  if (y < 0 || mo < 0 || d < 0 || h < 0 || mi < 0 || sec < 0) return undefined;
  let i = 19;
  let frac = '';
  if (s.charCodeAt(i) === 46) {
    const start = ++i;
    while (i < n && i - start < 9 && digits(s, i, 1) >= 0) i++;
    if (i === start || (i < n && digits(s, i, 1) >= 0)) return undefined; // no digits, or more than 9
    frac = s.slice(start, i);
  }
  let offset = 0;
  if (i === n - 1 && s.charCodeAt(i) === 90) offset = 0;
  else if (i === n - 6 && (s.charCodeAt(i) === 43 || s.charCodeAt(i) === 45) && s.charCodeAt(i + 3) === 58) {
    const oh = digits(s, i + 1, 2);
    const om = digits(s, i + 4, 2);
    if (oh < 0 || om < 0) return undefined;
    if (oh > 23 || om > 59) return null;
    offset = (s.charCodeAt(i) === 45 ? -1 : 1) * (oh * 60 + om) * 60_000;
  } else return undefined;
  if (mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo) || h > 23 || mi > 59 || sec > 60) return null;
  let ms = Date.UTC(y, mo - 1, d, h, mi, sec);
  if (frac) ms += Number(`0.${frac}`) * 1000;
  return ms - offset;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days in `month` (1-12) of `year`, as Date.UTC sees it (it reads years 0-99 as 1900-1999). */
function daysIn(year: number, month: number): number {
  if (month !== 2) return MONTH_DAYS[month - 1];
  const y = year >= 0 && year <= 99 ? 1900 + year : year;
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
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
