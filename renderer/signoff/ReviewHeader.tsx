/** The reviewed gate: what ran, who ran it, whether its result is signed, and the evidence manifest digest. */
import { useState } from 'react';
import { api } from '../api';
import { Digest } from '../components/common/Digest';
import { Icon, Spinner } from '../components/common/Icon';
import { StatusPill } from '../components/common/StatusPill';
import { formatWhen } from '../lib/format';
import { downloadBase64 } from '../lib/files';
import { toastError, useToasts } from '../state/toasts';
import { go } from '../state/ui';
import type { GateView, SignoffReview } from '../types';
import { signoffState } from './gate-state';
import { SignoffBadge } from './SignoffBadge';

export function ReviewHeader({ gate, review }: { gate: GateView; review: SignoffReview | null }) {
  const [exporting, setExporting] = useState(false);
  const push = useToasts((s) => s.push);
  const run = review?.run ?? null;
  const canExport = !!gate.signoff && gate.status === 'passed';

  const exportRequest = async () => {
    setExporting(true);
    try {
      const req = await api().request('signoff.request', { gateId: gate.id });
      downloadBase64(req.fileName, req.base64);
      push({ level: 'success', title: 'Sign-off request saved', body: `${req.fileName}: ${req.files} files. Send it to an officer; import the signature they send back.` });
    } catch (err) {
      toastError(`Could not export the request for ${gate.id}`, err);
    } finally {
      setExporting(false);
    }
  };

  return (
    <section className="card so-head" aria-labelledby="so-gate-title">
      <div className="so-head-top">
        <div className="so-head-title">
          <h2 id="so-gate-title">{gate.title}</h2>
          <span className="mono muted">{gate.id}</span>
          <StatusPill status={gate.status} />
          <SignoffBadge state={signoffState(gate)} />
        </div>
        <div className="so-head-tools">
          {run && (
            <button type="button" className="btn btn-ghost btn-sm" onClick={() => go({ name: 'gate', gateId: gate.id, runId: run.id })}>
              <Icon name="right" size={13} />
              Open run
            </button>
          )}
          <button
            type="button"
            className="btn btn-sm"
            onClick={() => void exportRequest()}
            disabled={!canExport || exporting}
            title={canExport ? 'A zip an offline officer checks and signs with release-cockpit sign' : 'Only a passed gate with a sign-off rule has a request'}
          >
            {exporting ? <Spinner size={13} /> : <Icon name="download" size={13} />}
            Export request
          </button>
        </div>
      </div>
      <dl className="so-facts">
        <div>
          <dt>Run</dt>
          <dd>{run ? `#${run.runNo} · ${formatWhen(run.endedAt ?? run.startedAt)}` : <span className="muted">not run yet</span>}</dd>
        </div>
        <div>
          <dt>Operator</dt>
          <dd>{run?.operator ?? <span className="muted">—</span>}</dd>
        </div>
        <div>
          <dt>Result</dt>
          <dd>
            {!run ? (
              <span className="muted">—</span>
            ) : run.resultSigned ? (
              <span className="so-ok-text">
                <Icon name="check" size={12} /> signed by the operator
              </span>
            ) : (
              <span className="so-warn-text" title="Run the gate with release-cockpit run --key FILE so the ceremony can include it">
                <Icon name="alert" size={12} /> not signed
              </span>
            )}
          </dd>
        </div>
        <div>
          <dt>Evidence manifest</dt>
          <dd>{review?.manifestSha256 ? <Digest value={review.manifestSha256} label="evidence manifest SHA-256" /> : <span className="muted">—</span>}</dd>
        </div>
      </dl>
    </section>
  );
}
