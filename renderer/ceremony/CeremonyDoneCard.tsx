/** The ceremony's outcome: the tag, the commit it points at, the signed manifest's digest and where the bundle is. */
import { CopyButton } from '../components/common/CopyButton';
import { Icon } from '../components/common/Icon';
import { formatWhen } from '../lib/format';
import type { CeremonyDone } from '../types';

export function CeremonyDoneCard({ done, fresh }: { done: CeremonyDone; fresh: boolean }) {
  const rows: [string, string, boolean][] = [
    ['Tag', done.tag, false],
    ['Commit', done.commit, true],
    ['MANIFEST.json SHA-256', done.manifestSha256, true],
    ['Bundle', done.bundle, true],
  ];
  return (
    <section className="card cer-done" aria-labelledby="cer-done-title" data-testid="ceremony-done">
      <div className="cer-done-head">
        <span className="cer-done-icon">
          <Icon name="tag" size={18} />
        </span>
        <div>
          <h3 id="cer-done-title">{fresh ? `${done.tag} is tagged` : `${done.tag} was tagged`}</h3>
          <p className="muted">
            By {done.by} · {formatWhen(Date.parse(done.at))}. Verify the bundle offline with <code>release-cockpit verify BUNDLE --trust KEY</code>.
          </p>
        </div>
      </div>
      <dl className="cer-done-facts">
        {rows.map(([k, v, copy]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>
              <code className="mono" data-testid={k === 'MANIFEST.json SHA-256' ? 'manifest-digest' : undefined}>
                {v}
              </code>
              {copy && <CopyButton value={v} label={`Copy ${k}`} />}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
