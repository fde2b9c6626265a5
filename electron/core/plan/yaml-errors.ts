/**
 * Turns the `yaml` package's syntax errors into plan diagnostics that point at
 * the line a person has to fix and say what was expected, rather than at the
 * parser's internal idea of where a token started.
 */
import type { LineCounter, YAMLError } from 'yaml';
import type { Diagnostic, SourcePos } from './types';

const INDENT_CODES = new Set(['BAD_INDENT', 'BLOCK_AS_IMPLICIT_KEY', 'MULTILINE_IMPLICIT_KEY']);

function lineText(src: string, lc: LineCounter, line: number): string {
  const start = lc.lineStarts[line - 1] ?? 0;
  const end = src.indexOf('\n', start);
  return src.slice(start, end < 0 ? src.length : end).replace(/\r$/, '');
}

/** 1-based column of the first non-blank character, or 1 on a blank line. */
function indentCol(text: string): number {
  const m = /^[ \t]*/.exec(text);
  return m && m[0].length < text.length ? m[0].length + 1 : 1;
}

/** Moves a position that sits in leading whitespace onto the line's first real character. */
function skipIndent(src: string, lc: LineCounter, pos: SourcePos): SourcePos {
  const text = lineText(src, lc, pos.line);
  const first = indentCol(text);
  return pos.col < first && !text.slice(0, first - 1).includes('\t') ? { line: pos.line, col: first } : pos;
}

function sentence(message: string): string {
  const m = message.replace(/ at line \d+, column \d+:[\s\S]*$/, '').trim();
  return m.charAt(0).toLowerCase() + m.slice(1);
}

/** The key text at a position, for "duplicate key" messages. */
function keyAt(src: string, offset: number): string {
  const rest = src.slice(offset, offset + 200);
  const m = /^(?:"([^"]*)"|'([^']*)'|([^:\n#]*?))\s*:/.exec(rest);
  return (m?.[1] ?? m?.[2] ?? m?.[3] ?? rest.split('\n')[0]).trim();
}

function convert(err: YAMLError, src: string, lc: LineCounter, file: string): Diagnostic {
  const [startOff, endOff] = err.pos;
  const start = lc.linePos(startOff);
  const end = lc.linePos(Math.max(startOff, endOff));
  let pos: SourcePos = { line: start.line, col: start.col };
  let message: string;
  switch (err.code) {
    case 'TAB_AS_INDENT':
      message = 'a tab is used for indentation; expected spaces (YAML does not allow tabs for indentation)';
      break;
    case 'DUPLICATE_KEY':
      message = `duplicate key "${keyAt(src, startOff)}"; expected each key at most once in a mapping`;
      break;
    case 'MULTILINE_IMPLICIT_KEY': {
      // `key: value` followed by a line indented deeper than its siblings: point at that line.
      const endLine = lineText(src, lc, end.line);
      const startIndent = indentCol(lineText(src, lc, start.line));
      if (end.line > start.line && indentCol(endLine) > startIndent) {
        pos = { line: end.line, col: indentCol(endLine) };
        const key = endLine.trim().split(':')[0];
        message = `bad indentation: "${key}" is indented deeper than the line above; expected it to line up with its sibling keys`;
      } else {
        message = 'bad indentation or a missing space after ":"; expected "key: value" on one line';
      }
      break;
    }
    case 'MULTIPLE_DOCS':
      message = 'the file holds more than one YAML document (a second "---"); expected exactly one plan';
      break;
    case 'BLOCK_AS_IMPLICIT_KEY':
      message = /sequence/i.test(err.message)
        ? 'bad indentation: this list item does not line up with the items above it'
        : `bad indentation: ${sentence(err.message)}`;
      break;
    case 'MISSING_CHAR':
      message = /sequence item/i.test(err.message)
        ? 'bad indentation: this line does not line up with the keys above it and is not a list item ("- ")'
        : `${sentence(err.message)}`;
      break;
    default:
      message = INDENT_CODES.has(err.code) ? `bad indentation: ${sentence(err.message)}` : sentence(err.message);
  }
  pos = skipIndent(src, lc, pos);
  return { file, line: pos.line, col: pos.col, message };
}

export function yamlDiagnostics(errors: readonly YAMLError[], src: string, lc: LineCounter, file: string): Diagnostic[] {
  // The parser often reports one mistake twice (a compact-mapping error plus a
  // multi-line-key error from the same start); keep the more helpful one.
  const multiline = new Set(errors.filter((e) => e.code === 'MULTILINE_IMPLICIT_KEY').map((e) => e.pos[0]));
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    if (e.code === 'BLOCK_AS_IMPLICIT_KEY' && multiline.has(e.pos[0])) continue;
    const d = convert(e, src, lc, file);
    const k = `${d.line}:${d.col}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(d);
  }
  return out;
}

/** Codes after which the document's structure can still be trusted for validation. */
export function isBenign(err: YAMLError): boolean {
  return err.code === 'DUPLICATE_KEY';
}
