/**
 * Small strict decoders shared by the signing code. Everything here rejects
 * rather than guesses: a signature file that decodes "mostly" is an attack
 * surface, not a convenience.
 */
import { createHash } from 'node:crypto';

const HEX64 = /^[0-9a-f]{64}$/;
const STD_B64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const URL_B64 = /^[A-Za-z0-9_-]*={0,2}$/;

/** Lower-case hex SHA-256 of bytes (strings are hashed as UTF-8). */
export function sha256Hex(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** True for a lower-case, 64-digit hex SHA-256. */
export function isSha256Hex(value: unknown): value is string {
  return typeof value === 'string' && HEX64.test(value);
}

/**
 * Decodes standard padded base64 (and, when `allowUrlSafe`, URL-safe base64,
 * which DSSE also permits) and returns null for anything else. Node's own
 * decoder silently skips invalid characters, so the text is checked first and
 * the result re-encoded to catch non-canonical trailing bits.
 */
export function decodeBase64Strict(text: unknown, allowUrlSafe = false): Buffer | null {
  if (typeof text !== 'string') return null;
  if (STD_B64.test(text)) {
    const bytes = Buffer.from(text, 'base64');
    return bytes.toString('base64') === text ? bytes : null;
  }
  if (allowUrlSafe && URL_B64.test(text)) {
    const bare = text.replace(/=+$/, '');
    if (bare.length % 4 === 1) return null;
    const bytes = Buffer.from(bare, 'base64url');
    return bytes.toString('base64url') === bare ? bytes : null;
  }
  return null;
}

/** A plain JSON object (not an array, not null, not a class instance). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Names of keys in `obj` that are not in `allowed`. */
export function unknownKeys(obj: Record<string, unknown>, allowed: readonly string[]): string[] {
  return Object.keys(obj).filter((k) => !allowed.includes(k));
}

const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/** Parses an RFC 3339 date-time (with a time zone); null when malformed or not a real date. */
export function parseRfc3339(text: unknown): Date | null {
  if (typeof text !== 'string') return null;
  const m = RFC3339.exec(text);
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m.map(Number);
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return null;
  // Day-of-month check: Date.UTC rolls 31 Feb over into March.
  if (new Date(Date.UTC(y, mo - 1, d)).getUTCDate() !== d) return null;
  const ms = Date.parse(text.toUpperCase());
  return Number.isNaN(ms) ? null : new Date(ms);
}
