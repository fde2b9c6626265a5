/**
 * Splits a byte stream (a tailed metrics file) into lines.
 *
 * - A line may arrive across any number of chunks; bytes are joined before
 *   UTF-8 decoding, so multi-byte characters are never split.
 * - `\n` ends a line; one `\r` right before it is dropped (CRLF files).
 * - A line longer than `maxLineBytes` (not counting its line ending) is
 *   skipped and reported as oversized. Once a pending line exceeds the limit
 *   its bytes are dropped as they arrive, so a 10 MB line never sits in memory.
 * - Line numbers are 1-based and count every line, including empty and
 *   oversized ones, so errors point at the right line of the file.
 */

export interface SplitLine {
  text: string;
  lineNo: number;
}

export interface OversizedLine {
  lineNo: number;
  /** Length of the line in bytes, without its line ending. */
  bytes: number;
}

export interface SplitResult {
  lines: SplitLine[];
  oversized: OversizedLine[];
}

export interface LineSplitter {
  push(chunk: Buffer): SplitResult;
  /** Flushes a last line that has no trailing newline. Only once the stream is finished for good. */
  end(): SplitResult;
  /**
   * Bytes pushed so far up to and including the last newline: the offset (relative to the
   * first byte pushed) where a resumed tail should start, so nothing is lost or read twice.
   */
  readonly committedBytes: number;
  /** The number the next line will get. */
  readonly nextLineNo: number;
}

const LF = 0x0a;
const CR = 0x0d;

/**
 * @param maxLineBytes longest line kept, in bytes
 * @param firstLineNo  number of the first line; to resume, pass the old splitter's `nextLineNo`
 *                     and read from its `committedBytes`
 */
export function createLineSplitter(maxLineBytes = 1_048_576, firstLineNo = 1): LineSplitter {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  /** Set while dropping the rest of an oversized line. */
  let skipping = false;
  let skippedBytes = 0;
  let skippedLastWasCR = false;
  let lineNo = firstLineNo;
  let committed = 0;
  /** Bytes pushed before the current chunk. */
  let seen = 0;

  function emit(buf: Buffer, out: SplitResult): void {
    if (buf.length > 0 && buf[buf.length - 1] === CR) buf = buf.subarray(0, buf.length - 1);
    if (buf.length > maxLineBytes) out.oversized.push({ lineNo, bytes: buf.length });
    else out.lines.push({ text: buf.toString('utf8'), lineNo });
  }

  function finishLine(out: SplitResult): void {
    if (skipping) {
      out.oversized.push({ lineNo, bytes: skippedBytes - (skippedLastWasCR ? 1 : 0) });
    } else {
      emit(pending.length === 1 ? pending[0] : Buffer.concat(pending, pendingBytes), out);
    }
    lineNo++;
    pending = [];
    pendingBytes = 0;
    skipping = false;
    skippedBytes = 0;
    skippedLastWasCR = false;
  }

  /** Adds bytes of the current (unfinished) line. */
  function take(part: Buffer): void {
    if (part.length === 0) return;
    if (skipping) {
      skippedBytes += part.length;
      skippedLastWasCR = part[part.length - 1] === CR;
      return;
    }
    // Copy: the caller may reuse its chunk buffer after push() returns.
    pending.push(Buffer.from(part));
    pendingBytes += part.length;
    // +1 leaves room for a CR that turns out to be part of CRLF.
    if (pendingBytes > maxLineBytes + 1) {
      skipping = true;
      skippedBytes = pendingBytes;
      skippedLastWasCR = part[part.length - 1] === CR;
      pending = [];
      pendingBytes = 0;
    }
  }

  return {
    push(chunk: Buffer): SplitResult {
      const out: SplitResult = { lines: [], oversized: [] };
      let start = 0;
      for (;;) {
        const nl = chunk.indexOf(LF, start);
        if (nl === -1) break;
        if (pendingBytes === 0 && !skipping) {
          // Common case: the whole line is inside this chunk; decode it in place (no subarray per line).
          const end = nl > start && chunk[nl - 1] === CR ? nl - 1 : nl;
          if (end - start > maxLineBytes) out.oversized.push({ lineNo, bytes: end - start });
          else out.lines.push({ text: chunk.toString('utf8', start, end), lineNo });
          lineNo++;
        } else {
          take(chunk.subarray(start, nl));
          finishLine(out);
        }
        start = nl + 1;
      }
      take(chunk.subarray(start));
      if (start > 0) committed = seen + start;
      seen += chunk.length;
      return out;
    },
    end(): SplitResult {
      const out: SplitResult = { lines: [], oversized: [] };
      if (pendingBytes > 0 || skipping) finishLine(out);
      return out;
    },
    get committedBytes() {
      return committed;
    },
    get nextLineNo() {
      return lineNo;
    },
  };
}
