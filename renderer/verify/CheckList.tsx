/** Verification checks, failures first: each says ok or not, what was checked, and the file or rule it is about. */
import { useState } from 'react';
import { Icon } from '../components/common/Icon';
import type { VerifyCheck } from '../types';

type Filter = 'all' | 'failed' | 'passed';

export function CheckList({ checks }: { checks: VerifyCheck[] }) {
  const failed = checks.filter((c) => !c.ok);
  const passed = checks.filter((c) => c.ok);
  const [filter, setFilter] = useState<Filter>('all');
  const shown = filter === 'failed' ? failed : filter === 'passed' ? passed : [...failed, ...passed];
  const options: [Filter, string][] = [
    ['all', `All ${checks.length}`],
    ['failed', `Failed ${failed.length}`],
    ['passed', `Passed ${passed.length}`],
  ];
  return (
    <>
      <div className="vf-filter">
        <div className="segmented" role="radiogroup" aria-label="Show checks">
          {options.map(([f, label]) => (
            <button key={f} type="button" role="radio" aria-checked={filter === f} className={filter === f ? 'is-on' : ''} onClick={() => setFilter(f)}>
              {label}
            </button>
          ))}
        </div>
      </div>
      <ul className="vf-checks" aria-label="Checks">
        {shown.map((c, i) => (
          <li key={`${c.name}-${c.file ?? ''}-${i}`} className={c.ok ? 'is-ok' : 'is-fail'} data-ok={c.ok}>
            <span className="vf-mark" aria-label={c.ok ? 'passed' : 'failed'}>
              <Icon name={c.ok ? 'check' : 'x'} size={12} />
            </span>
            <span className="vf-name">{c.name}</span>
            <span className="vf-msg">{c.message}</span>
            {c.file ? <code className="mono vf-file-name">{c.file}</code> : <span />}
          </li>
        ))}
      </ul>
    </>
  );
}
