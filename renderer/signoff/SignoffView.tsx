/**
 * The Sign-offs page: the gates that take sign-offs and where each stands,
 * one gate's evidence under review with your decision, and the way in for
 * signatures made offline.
 */
import './signoff.css';
import { useEffect, useMemo } from 'react';
import { EmptyState } from '../components/common/EmptyState';
import { usePageCommands } from '../lib/use-shortcuts';
import { usePlan } from '../state/plan';
import { useRelease } from '../state/release';
import { useUi } from '../state/ui';
import { signoffGates, signoffState } from './gate-state';
import { GateReview } from './GateReview';
import { IdentityBar } from './IdentityBar';
import { ImportPanel } from './ImportPanel';
import { SignoffGateList } from './SignoffGateList';

function focusGate(id: string): void {
  document.querySelector<HTMLAnchorElement>(`.so-gate[data-gate="${CSS.escape(id)}"]`)?.focus();
}

export function SignoffView({ gateId }: { gateId: string | null }) {
  const phase = usePlan((s) => s.phase);
  const plan = usePlan((s) => s.plan);
  const status = usePlan((s) => s.status);
  const navigate = useUi((s) => s.navigate);
  const gates = useMemo(() => signoffGates(status?.gates ?? []), [status]);
  const ids = gates.map((g) => g.id);
  // Default: the first gate that waits for someone, else the first one.
  const fallback = gates.find((g) => signoffState(g).key === 'awaiting')?.id ?? gates[0]?.id ?? null;
  const selected = gateId && gates.some((g) => g.id === gateId) ? gateId : fallback;
  const gate = gates.find((g) => g.id === selected);
  const select = (id: string) => navigate({ name: 'signoffs', gateId: id }, { replace: true });

  useEffect(() => {
    void useRelease.getState().loadIdentity();
  }, []);

  const move = (delta: number) => {
    if (ids.length === 0) return;
    const at = selected ? ids.indexOf(selected) : -1;
    const next = ids[Math.min(ids.length - 1, Math.max(0, at + delta))];
    select(next);
    focusGate(next);
  };
  usePageCommands({ next: () => move(1), prev: () => move(-1) }, [selected, ids.join(',')]);

  if (phase === 'no-plan' || phase === 'invalid') {
    return (
      <div className="page page-center">
        <EmptyState icon="signature" title="No plan open">
          <p>Open a release plan on the board; its gates’ sign-offs are collected here.</p>
        </EmptyState>
      </div>
    );
  }
  if (!status || !plan) {
    return (
      <div className="page" aria-busy="true">
        <div className="skeleton skeleton-card" />
      </div>
    );
  }

  return (
    <div className="page page-signoffs" data-testid="signoff-page">
      <div className="so-top">
        <div>
          <h2 className="page-title">Sign-offs</h2>
          <p className="muted">Review each gate’s evidence, then approve or reject it with your key. Nothing leaves this machine.</p>
        </div>
        <IdentityBar />
      </div>
      <div className="so-layout">
        <div className="so-side">
          <SignoffGateList gates={gates} selected={selected} onSelect={select} />
          <ImportPanel />
        </div>
        {gate ? (
          <GateReview key={gate.id} gate={gate} def={plan.gates.find((g) => g.id === gate.id)} />
        ) : (
          <div className="card so-none">
            <EmptyState icon="signature" title="Nothing to sign off">
              <p>
                A gate takes sign-offs when the plan gives it a rule, e.g. <code>signoff: {'{'} roles: [qa], quorum: 1 {'}'}</code>, and lists the
                signers who hold those roles.
              </p>
            </EmptyState>
          </div>
        )}
      </div>
    </div>
  );
}
