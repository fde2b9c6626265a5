/**
 * The release ceremony: is the candidate ready, and if not, every reason;
 * the gates as the ceremony sees them; and the release manager's tag, which
 * unlocks only when everything is green.
 */
import './ceremony.css';
import { useEffect, useState } from 'react';
import { EmptyState } from '../components/common/EmptyState';
import { Icon } from '../components/common/Icon';
import { plural } from '../lib/format';
import { usePlan } from '../state/plan';
import { useRelease } from '../state/release';
import type { CeremonyDone } from '../types';
import { BlockerList } from './BlockerList';
import { CeremonyDoneCard } from './CeremonyDoneCard';
import { GateChecklist } from './GateChecklist';
import { TagPanel } from './TagPanel';
import { useCeremony } from './use-ceremony';

export function CeremonyView() {
  const phase = usePlan((s) => s.phase);
  const gates = usePlan((s) => s.status?.gates ?? null);
  const { status, error, reload } = useCeremony();
  const [fresh, setFresh] = useState<CeremonyDone | null>(null);

  useEffect(() => {
    void useRelease.getState().loadIdentity();
  }, []);

  if (phase === 'no-plan' || phase === 'invalid') {
    return (
      <div className="page page-center">
        <EmptyState icon="tag" title="No plan open">
          <p>Open a release plan on the board; its ceremony is held here.</p>
        </EmptyState>
      </div>
    );
  }
  if (!status || !gates) {
    return (
      <div className="page" aria-busy="true">
        {error ? <div className="inline-error" role="alert">{error}</div> : <div className="skeleton skeleton-card" />}
      </div>
    );
  }

  const done = fresh ?? status.tagged;
  // Once tagged, "the tag already exists" is the outcome, not a blocker.
  const tagged = fresh !== null || (done !== null && status.blockers.some((b) => b.rule === 'git tag' && /already exists/.test(b.message)));
  const blockers = tagged ? status.blockers.filter((b) => b.rule !== 'git tag') : status.blockers;
  const ready = status.ready && !tagged;
  const gateBlockers = blockers.filter((b) => b.gate !== '*');
  const okGates = gates.filter((g) => g.blockers.length === 0).length;
  return (
    <div className="page page-ceremony" data-testid="ceremony-page" data-ready={ready}>
      <section className={`card cer-hero ${ready || (tagged && blockers.length === 0) ? 'is-ready' : 'is-blocked'}`} aria-labelledby="cer-title">
        <div className="cer-hero-text">
          <div className="eyebrow">Release ceremony · {status.release}</div>
          <h2 id="cer-title" className="cer-title">
            Tag <span className="mono">{status.candidate}</span>
          </h2>
          <p className="muted">
            Every gate passed (or validly waived), its result signed by the operator and its sign-offs in; then a release manager (
            {status.ceremonyRoles.join(', ')}) signs the bundle and the tag is created.
          </p>
        </div>
        <div className={`cer-verdict ${ready || (tagged && blockers.length === 0) ? 'is-ready' : 'is-blocked'}`} data-testid="ceremony-verdict">
          <Icon name={ready ? 'check' : tagged && blockers.length === 0 ? 'tag' : 'lock'} size={16} />
          <span>{ready ? 'Ready to tag' : tagged && blockers.length === 0 ? 'Tagged' : plural(blockers.length, 'blocker')}</span>
        </div>
        <div className="cer-progress" aria-label={`${okGates} of ${gates.length} gates ready`}>
          <div className="segments">
            {gates.map((g) => (
              <span key={g.id} className={`segment ${g.blockers.length === 0 ? 'seg-passed' : g.status === 'failed' ? 'seg-failed' : 'seg-blocked'}`} title={g.id} />
            ))}
          </div>
          <span className="small muted">
            {okGates} of {plural(gates.length, 'gate')} ready
            {gateBlockers.length > 0 && ` · ${plural(gateBlockers.length, 'gate blocker')}`}
          </span>
        </div>
      </section>
      {done && <CeremonyDoneCard done={done} fresh={fresh !== null} />}
      <div className="cer-columns">
        <section className="card" aria-labelledby="cer-gates-title">
          <div className="card-head">
            <div>
              <h3 id="cer-gates-title" className="card-title">
                Gates
              </h3>
              <p className="card-sub">What the ceremony checks for each gate, in dependency order.</p>
            </div>
          </div>
          <GateChecklist gates={gates} />
        </section>
        <div className="cer-side">
          <TagPanel
            status={status}
            tagged={tagged ? done : null}
            onDone={(d) => {
              setFresh(d);
              reload();
            }}
          />
          <section className="card" aria-labelledby="cer-blockers-title">
            <div className="card-head">
              <div>
                <h3 id="cer-blockers-title" className="card-title">
                  {blockers.length === 0 ? 'Blockers' : `Blockers (${blockers.length})`}
                </h3>
                <p className="card-sub">Checked again at the moment of tagging, exactly as verify checks a bundle.</p>
              </div>
            </div>
            <BlockerList blockers={blockers} />
          </section>
        </div>
      </div>
    </div>
  );
}
