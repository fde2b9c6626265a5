/** Search (next/previous), copy selection and save log, above the terminal. */
import { useEffect, useRef, useState } from 'react';
import { usePageCommands } from '../../lib/use-shortcuts';
import type { RunTerminal } from '../../terminal/run-terminal';
import { Icon, Spinner } from '../common/Icon';

interface Props {
  term: () => RunTerminal | null;
  onCopy(): void;
  onSave(): void;
  saving: boolean;
}

export function TerminalToolbar({ term, onCopy, onSave, saving }: Props) {
  const input = useRef<HTMLInputElement>(null);
  const [query, setQuery] = useState('');
  const [result, setResult] = useState<{ index: number; count: number } | null>(null);

  useEffect(() => {
    const t = term();
    return t?.onSearchResults((r) => setResult({ index: r.resultIndex, count: r.resultCount }));
  }, [term]);

  usePageCommands({ search: () => input.current?.focus() }, []);

  const find = (dir: 'next' | 'prev') => {
    const found = term()?.find(query, dir);
    if (!found) setResult(query ? { index: -1, count: 0 } : null);
  };

  return (
    <div className="term-toolbar" role="toolbar" aria-label="Terminal">
      <div className="search">
        <Icon name="search" size={14} />
        <input
          ref={input}
          className="search-input"
          type="search"
          placeholder="Search output"
          aria-label="Search the output"
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            if (!e.target.value) {
              term()?.clearSearch();
              setResult(null);
            }
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              find(e.shiftKey ? 'prev' : 'next');
            }
          }}
        />
        {result && (
          <span className="search-count" aria-live="polite">
            {result.count === 0 ? 'No matches' : result.index >= 0 ? `${result.index + 1} of ${result.count}` : `${result.count} matches`}
          </span>
        )}
        <button type="button" className="icon-button small" aria-label="Previous match" onClick={() => find('prev')} disabled={!query}>
          <Icon name="up" size={14} />
        </button>
        <button type="button" className="icon-button small" aria-label="Next match" onClick={() => find('next')} disabled={!query}>
          <Icon name="down" size={14} />
        </button>
      </div>
      <div className="term-actions">
        <button type="button" className="btn btn-ghost btn-sm" onClick={onCopy} aria-label="Copy selected output">
          <Icon name="copy" size={13} />
          Copy
        </button>
        <button type="button" className="btn btn-ghost btn-sm" onClick={onSave} disabled={saving} aria-label="Save the complete log">
          {saving ? <Spinner size={13} /> : <Icon name="download" size={13} />}
          Save log
        </button>
      </div>
    </div>
  );
}
