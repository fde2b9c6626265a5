/** The files a sign-off covers (the run's evidence manifest), each with its size and SHA-256. */
import { useId } from 'react';
import { Digest } from '../components/common/Digest';
import { Icon } from '../components/common/Icon';
import { formatBytes, plural } from '../lib/format';
import type { SignoffReview } from '../types';

export function EvidenceFiles({ review }: { review: SignoffReview | null }) {
  const id = useId();
  const files = review?.files ?? [];
  const total = files.reduce((n, f) => n + f.size, 0);
  return (
    <section className="card so-panel" aria-labelledby={`${id}-title`}>
      <div className="card-head">
        <div>
          <h3 id={`${id}-title`} className="card-title">
            Evidence
          </h3>
          <p className="card-sub">
            {files.length > 0
              ? `${plural(files.length, 'file')}, ${formatBytes(total)}: the log, collected evidence and metrics, hashed with SHA-256.`
              : 'What the run left: its log, collected evidence and metrics.'}
          </p>
        </div>
      </div>
      {!review ? (
        <div className="skeleton so-skeleton" aria-hidden="true" />
      ) : files.length === 0 ? (
        <p className="so-empty muted">{review.run ? 'No files for this run yet.' : 'The gate has not run.'}</p>
      ) : (
        <table className="so-table so-files">
          <thead>
            <tr>
              <th scope="col">File</th>
              <th scope="col" className="num">
                Size
              </th>
              <th scope="col">SHA-256</th>
            </tr>
          </thead>
          <tbody>
            {files.map((f) => (
              <tr key={f.path} data-file={f.path}>
                <td>
                  <span className="so-file">
                    <Icon name="file" size={13} />
                    <span className="mono">{f.path}</span>
                  </span>
                </td>
                <td className="num muted">{formatBytes(f.size)}</td>
                <td>
                  <Digest value={f.sha256} label={`SHA-256 of ${f.path}`} chars={16} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
