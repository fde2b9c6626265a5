/** POSIX shell quoting for command lines that a remote (or local) `sh` will parse. */

/** One word, single-quoted: `it's` -> `'it'\''s'`. Safe for any bytes but NUL. */
export function shQuote(word: string): string {
  if (word.includes('\0')) throw new Error('a shell word cannot contain a NUL byte');
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

export function shJoin(words: readonly string[]): string {
  return words.map(shQuote).join(' ');
}

/**
 * A directory as a shell expression on the target. `~` and `~/x` become
 * `"$HOME"/x` (a quoted `~` is not expanded); a relative path is taken from
 * the home directory, where ssh sessions start, so it means the same thing
 * after a `cd` elsewhere.
 */
export function dirExpr(dir: string): string {
  if (dir === '~' || dir === '') return '"$HOME"';
  if (dir.startsWith('~/')) return `"$HOME"/${shQuote(dir.slice(2))}`;
  if (dir.startsWith('/')) return shQuote(dir);
  return dir === '.' ? '"$HOME"' : `"$HOME"/${shQuote(dir)}`;
}

const SHELL_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * `export NAME='value'` lines for a script to source. Names a POSIX shell
 * cannot take (`BASH_FUNC_which%%`, which some distributions export) are
 * left out: one such line would abort the whole file in dash.
 */
export function exportLines(env: Record<string, string>, raw: Record<string, string> = {}): string {
  const lines = Object.entries(env).filter(([k]) => SHELL_NAME.test(k)).map(([k, v]) => `export ${k}=${shQuote(v)}`);
  for (const [k, expr] of Object.entries(raw)) lines.push(`export ${k}=${expr}`);
  return lines.join('\n') + '\n';
}
