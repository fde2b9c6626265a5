/**
 * Sign-offs from offline officers: pick or drop their `.dsse.json` files.
 * Each is verified against the plan's signers and rules; all are stored, or
 * none (a bad file holds back the good ones, as `release-cockpit import` does).
 */
import { useRef, useState, type DragEvent } from 'react';
import { api } from '../api';
import { Icon, Spinner } from '../components/common/Icon';
import { errorMessage } from '../lib/errors';
import { MIB, readFileBase64 } from '../lib/files';
import { useToasts } from '../state/toasts';
import type { ImportFileResult } from '../types';

const MAX_FILE = MIB;

export function ImportPanel() {
  const input = useRef<HTMLInputElement>(null);
  const push = useToasts((s) => s.push);
  const [over, setOver] = useState(false);
  const [busy, setBusy] = useState(false);
  const [results, setResults] = useState<ImportFileResult[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const upload = async (list: FileList | File[]) => {
    const files = [...list];
    if (files.length === 0) return;
    setBusy(true);
    setError(null);
    setResults(null);
    try {
      const tooBig = files.find((f) => f.size > MAX_FILE);
      if (tooBig) throw new Error(`${tooBig.name} is larger than 1 MiB: not a sign-off file.`);
      const payload = await Promise.all(files.map(async (f) => ({ name: f.name, base64: await readFileBase64(f) })));
      const r = await api().request('signoff.import', { files: payload });
      setResults(r.results);
      if (r.imported > 0) push({ level: 'success', title: `Imported ${r.imported} signature${r.imported === 1 ? '' : 's'}`, body: r.results.map((x) => `${x.person} on ${x.gate}`).join(', ') });
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  };

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    void upload(e.dataTransfer.files);
  };

  return (
    <section className="card so-import" aria-labelledby="so-import-title">
      <div className="card-head">
        <div>
          <h2 id="so-import-title" className="card-title">
            Offline officers
          </h2>
          <p className="card-sub">Export a gate’s request, they sign it with release-cockpit sign, you import what comes back.</p>
        </div>
      </div>
      <div
        className={`dropzone${over ? ' is-over' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
      >
        <span className="dropzone-icon">
          <Icon name="upload" size={16} />
        </span>
        <span className="dropzone-text">
          <strong>Drop signature files</strong>
          <span className="small faint">.dsse.json from release-cockpit sign</span>
        </span>
        <button type="button" className="btn btn-sm" onClick={() => input.current?.click()} disabled={busy}>
          {busy ? <Spinner size={13} /> : null}
          Choose…
        </button>
        <input
          ref={input}
          type="file"
          multiple
          accept=".json,application/json"
          className="sr-only"
          aria-label="Sign-off files to import"
          data-testid="import-input"
          onChange={(e) => e.target.files && void upload(e.target.files)}
        />
      </div>
      {error && (
        <div className="inline-error" role="alert">
          {error}
        </div>
      )}
      {results && (
        <ul className="import-results" aria-label="Import results">
          {results.map((r) => (
            <li key={r.name} className={`import-${r.outcome}`} data-outcome={r.outcome}>
              <Icon name={r.outcome === 'imported' ? 'check' : r.outcome === 'held' || r.outcome === 'ignored' ? 'clock' : 'x'} size={13} />
              <div>
                <div className="mono small">{r.name}</div>
                {r.outcome === 'imported' && (
                  <div className="small muted">
                    {r.kind === 'waiver' ? 'Waiver' : r.decision === 'reject' ? 'Rejection' : 'Approval'} of {r.gate} run #{r.runNo} by {r.person} ({r.role})
                  </div>
                )}
                {r.outcome === 'held' && <div className="small muted">Valid, but not imported: another file was refused. Remove it and try again.</div>}
                {r.outcome === 'ignored' && <div className="small muted">Valid, but not imported: a later statement already counts.</div>}
                {r.problems.map((p, i) => (
                  <div key={i} className={`small ${r.outcome === 'ignored' ? 'muted' : 'text-danger'}`}>
                    {p.message} <span className="faint">[{p.rule}]</span>
                  </div>
                ))}
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
