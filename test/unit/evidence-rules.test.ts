import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkEvidencePattern, isInside } from '../../electron/core/runs/evidence-rules';

describe('checkEvidencePattern', () => {
  it('accepts relative paths and globs', () => {
    for (const ok of ['artifacts/x.json', 'reports/*.xml', '**/*.json', './a/b', 'a..b/c', '.github/*.yml']) {
      expect(checkEvidencePattern(ok), ok).toBeNull();
    }
  });

  it('rejects absolute paths, drive letters and .. segments with a message', () => {
    expect(checkEvidencePattern('/etc/passwd')).toMatch(/\/etc\/passwd is absolute/);
    expect(checkEvidencePattern('\\\\server\\share\\x')).toMatch(/is absolute/);
    expect(checkEvidencePattern('C:/Windows/x')).toMatch(/drive letter/);
    expect(checkEvidencePattern('c:x')).toMatch(/drive letter/);
    expect(checkEvidencePattern('../secret')).toMatch(/\.\.\/secret contains '\.\.'/);
    expect(checkEvidencePattern('a/../../b')).toMatch(/contains '\.\.'/);
    expect(checkEvidencePattern('a\\..\\b')).toMatch(/contains '\.\.'/);
    expect(checkEvidencePattern('reports/..')).toMatch(/contains '\.\.'/);
    expect(checkEvidencePattern('')).toMatch(/empty/);
    expect(checkEvidencePattern('!*.log')).toMatch(/negated/);
  });
});

describe('isInside', () => {
  it('is not fooled by a shared prefix', () => {
    expect(isInside('/a/b', '/a/bc')).toBe(false);
    expect(isInside('/a/b', '/a/bc/d')).toBe(false);
    expect(isInside('/a/b', '/a/b/c')).toBe(true);
    expect(isInside('/a/b/', '/a/b/c/d.txt')).toBe(true);
    expect(isInside('/a/b', '/a/b')).toBe(true);
  });

  it('resolves .. and rejects parents and siblings', () => {
    expect(isInside('/a/b', '/a/b/c/../../x')).toBe(false);
    expect(isInside('/a/b', '/a/b/c/../d')).toBe(true);
    expect(isInside('/a/b', '/a')).toBe(false);
    expect(isInside('/a/b', '/etc/passwd')).toBe(false);
    expect(isInside('/a/b', '/a/b/..foo')).toBe(true);
  });

  it('handles Windows paths, including other drives', () => {
    expect(isInside('C:\\work\\gate', 'C:\\work\\gate\\out\\r.xml', path.win32)).toBe(true);
    expect(isInside('C:\\work\\gate', 'C:\\work\\gate2\\r.xml', path.win32)).toBe(false);
    expect(isInside('C:\\work\\gate', 'D:\\work\\gate\\r.xml', path.win32)).toBe(false);
  });
});
