/** Whether a name is a valid git tag (the rules of `git check-ref-format` for refs/tags/<name>). */

/** Undefined when valid, otherwise what is wrong. */
export function tagNameProblem(name: string): string | undefined {
  if (name === '') return 'it is empty';
  if (name === '@') return 'it is "@"';
  if (name.startsWith('-')) return 'it starts with "-"';
  if (name.endsWith('/') || name.endsWith('.')) return 'it ends with "/" or "."';
  if (name.includes('..')) return 'it contains ".."';
  if (name.includes('@{')) return 'it contains "@{"';
  if (name.includes('//')) return 'it contains "//"';
  const bad = /[\x00-\x20\x7f~^:?*[\\]/.exec(name);
  if (bad) return `it contains ${bad[0] === ' ' ? 'a space' : JSON.stringify(bad[0])}`;
  for (const part of name.split('/')) {
    if (part.startsWith('.')) return `a part starts with "." ("${part}")`;
    if (part.endsWith('.lock')) return `a part ends with ".lock" ("${part}")`;
  }
  return undefined;
}
