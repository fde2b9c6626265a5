/**
 * Offline verification of an evidence bundle, as an auditor does it: the
 * bundle, and a release manager's key trusted from outside it. Every hash,
 * signature, role, quorum, separation of duties, waiver expiry and the audit
 * chain is checked; each check names its file or rule.
 */
import './verify.css';
import { useState } from 'react';
import { api } from '../api';
import { Icon, Spinner } from '../components/common/Icon';
import { errorMessage } from '../lib/errors';
import { MIB, readFileBase64 } from '../lib/files';
import { plural } from '../lib/format';
import { OFFLINE_HINT, useOnline } from '../state/use-online';
import type { BundleVerification } from '../types';
import { BundleInput, type BundleSource } from './BundleInput';
import { CheckList } from './CheckList';

const MAX_ZIP = 64 * MIB;

export function VerifyView() {
  const online = useOnline();
  const [source, setSource] = useState<BundleSource>(null);
  const [trust, setTrust] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<BundleVerification | null>(null);

  const verify = async () => {
    if (!source) return;
    setBusy(true);
    setError(null);
    try {
      if (source.kind === 'file' && source.file.size > MAX_ZIP) {
        throw new Error(`${source.file.name} is larger than 64 MiB; give its path on this machine instead.`);
      }
      const input =
        source.kind === 'file'
          ? { zip: await readFileBase64(source.file), name: source.file.name, trust: trust.trim() }
          : { path: source.path, trust: trust.trim() };
      setResult(await api().request('bundle.verify', input));
    } catch (err) {
      setResult(null);
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const failed = result?.checks.filter((c) => !c.ok).length ?? 0;
  const why = !source ? 'Choose a bundle first' : !trust.trim() ? 'Paste the trusted key first' : !online ? OFFLINE_HINT : undefined;
  return (
    <div className="page page-verify" data-testid="verify-page">
      <div>
        <h2 className="page-title">Verify an evidence bundle</h2>
        <p className="muted">Fully offline. The bundle cannot vouch for itself: the key you trust comes from outside it.</p>
      </div>
      <div className="vf-layout">
        <section className="card" aria-labelledby="vf-in-title">
          <div className="card-head">
            <h3 id="vf-in-title" className="card-title">
              Bundle and trusted key
            </h3>
          </div>
          <form
            className="so-panel-body"
            onSubmit={(e) => {
              e.preventDefault();
              if (!why) void verify();
            }}
          >
            <BundleInput value={source} onChange={setSource} />
            <div className="field">
              <label className="field-label" htmlFor="vf-trust">
                Trusted release manager key
              </label>
              <textarea
                id="vf-trust"
                className="input textarea mono"
                rows={2}
                spellCheck={false}
                placeholder="ed25519:… (release-cockpit keys public KEYFILE)"
                value={trust}
                onChange={(e) => setTrust(e.target.value)}
              />
              <span className="faint small">It must have signed MANIFEST.json and be a plan signer with a ceremony role.</span>
            </div>
            {error && (
              <div className="inline-error so-error" role="alert">
                {error}
              </div>
            )}
            <button type="submit" className="btn btn-primary" disabled={!!why || busy} title={why}>
              {busy ? <Spinner size={13} /> : <Icon name="shield" size={14} />}
              Verify
            </button>
          </form>
        </section>
        <section className="card vf-result" aria-labelledby="vf-out-title" aria-live="polite">
          {!result ? (
            <div className="vf-idle">
              <div className="empty-icon">
                <Icon name="shield" size={22} />
              </div>
              <h3 id="vf-out-title">No bundle checked yet</h3>
              <p className="muted">
                Checks: every file’s SHA-256 against MANIFEST.json, every signature against the plan’s signers, roles, quorum by person, separation
                of duties, waiver expiry, and the hash-chained audit log.
              </p>
            </div>
          ) : (
            <>
              <div className={`vf-verdict ${result.ok ? 'is-ok' : 'is-fail'}`} data-testid="verify-verdict" data-ok={result.ok}>
                <span className="vf-verdict-icon">
                  <Icon name={result.ok ? 'shield' : 'alert'} size={20} />
                </span>
                <div>
                  <h3 id="vf-out-title">{result.ok ? 'Verified' : `Verification failed: ${plural(failed, 'problem')}`}</h3>
                  <p className="muted small">
                    <span className="mono">{result.source}</span> · {plural(result.files, 'file')} · {plural(result.checks.length, 'check')} · trusted key{' '}
                    <code className="mono">{result.trustedKeyId.slice(0, 12)}…</code>
                  </p>
                </div>
              </div>
              <CheckList checks={result.checks} />
            </>
          )}
        </section>
      </div>
    </div>
  );
}
