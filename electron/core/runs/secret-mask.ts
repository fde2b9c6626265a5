/**
 * Streaming secret masker: replaces every occurrence of a secret's UTF-8 bytes with `***`,
 * also when an occurrence is split across chunks.
 *
 * Semantics equal a whole-buffer scan from left to right that, at each position, replaces
 * the longest secret starting there. To stay exact across chunk boundaries it holds back
 * only the trailing bytes that are still a proper prefix of some secret (so at most
 * maxLen - 1 bytes); everything else is released immediately.
 */

export interface SecretMasker {
  /** Masks a chunk; returns the bytes that are now final (may be empty). */
  push(chunk: Buffer): Buffer;
  /** End of stream: masks and returns whatever was held back. */
  flush(): Buffer;
  /** Input bytes held back (a possible secret's start): output so far covers all input but these. */
  pending(): number;
}

export const MASK = Buffer.from('***');
const EMPTY = Buffer.alloc(0);

export function createSecretMasker(secrets: readonly string[]): SecretMasker {
  const patterns = uniquePatterns(secrets);
  if (patterns.length === 0) {
    return { push: (chunk) => chunk, flush: () => EMPTY, pending: () => 0 };
  }
  let held: Buffer = EMPTY;
  return {
    push(chunk) {
      const data = held.length === 0 ? chunk : Buffer.concat([held, chunk]);
      const { out, rest } = mask(data, patterns, false);
      // Copy what we keep: the caller may reuse its chunk.
      held = rest.length === 0 ? EMPTY : Buffer.from(rest);
      return out;
    },
    flush() {
      const { out } = mask(held, patterns, true);
      held = EMPTY;
      return out;
    },
    pending: () => held.length,
  };
}

/** Non-empty secrets as bytes, deduplicated, longest first. */
function uniquePatterns(secrets: readonly string[]): Buffer[] {
  const unique = [...new Set(secrets.filter((s) => s.length > 0))];
  return unique.map((s) => Buffer.from(s, 'utf8')).sort((a, b) => b.length - a.length);
}

function mask(data: Buffer, patterns: Buffer[], final: boolean): { out: Buffer; rest: Buffer } {
  const parts: Buffer[] = [];
  // Next occurrence of each pattern at or after `pos` (-1: none left); refreshed lazily.
  const next = patterns.map(() => -2);
  let pos = 0;
  let undecided = -1;
  for (;;) {
    // The first undecided position at or after the old `pos` stays first while it is ahead.
    if (undecided < pos) undecided = final ? data.length : firstUndecided(data, pos, patterns);
    const match = nextMatch(data, pos, patterns, next);
    if (match !== null && match.at < undecided) {
      if (match.at > pos) parts.push(data.subarray(pos, match.at));
      parts.push(MASK);
      pos = match.at + match.length;
      continue;
    }
    if (undecided > pos) parts.push(data.subarray(pos, undecided));
    const out = parts.length === 1 ? parts[0] : parts.length === 0 ? EMPTY : Buffer.concat(parts);
    return { out, rest: data.subarray(undecided) };
  }
}

/** Leftmost full occurrence at or after `pos`; at equal positions the longest pattern. */
function nextMatch(
  data: Buffer,
  pos: number,
  patterns: Buffer[],
  next: number[],
): { at: number; length: number } | null {
  let best: { at: number; length: number } | null = null;
  for (let i = 0; i < patterns.length; i++) {
    if (next[i] === -2 || (next[i] !== -1 && next[i] < pos)) next[i] = data.indexOf(patterns[i], pos);
    const at = next[i];
    // Patterns are sorted longest first, so a strict `<` keeps the longest at a tie.
    if (at !== -1 && (best === null || at < best.at)) best = { at, length: patterns[i].length };
  }
  return best;
}

/**
 * The first position at or after `pos` whose outcome depends on bytes not yet seen:
 * the tail from there is a proper prefix of some pattern. `data.length` if none.
 */
function firstUndecided(data: Buffer, pos: number, patterns: Buffer[]): number {
  const maxLen = patterns[0].length;
  const from = Math.max(pos, data.length - maxLen + 1);
  for (let i = from; i < data.length; i++) {
    const tail = data.length - i;
    for (const p of patterns) {
      if (p.length > tail && p.compare(data, i, data.length, 0, tail) === 0) return i;
    }
  }
  return data.length;
}
