/** One gate under review: its run and manifest, your decision, the sign-offs so far, the evidence, the log, its thresholds. */
import type { GateSummary, GateView } from '../types';
import { DecisionPanel } from './DecisionPanel';
import { EvidenceFiles } from './EvidenceFiles';
import { LogPanel } from './LogPanel';
import { ReviewHeader } from './ReviewHeader';
import { SignoffTable } from './SignoffTable';
import { ThresholdsPanel } from './ThresholdsPanel';
import { useReview } from './use-review';
import { WaiverPanel } from './WaiverPanel';

export function GateReview({ gate, def }: { gate: GateView; def: GateSummary | undefined }) {
  const { review, error } = useReview(gate);
  const waivable = gate.status === 'failed' || gate.status === 'waived';
  const current = review?.gateId === gate.id ? review : null;
  return (
    <div className="so-review" data-gate={gate.id}>
      <ReviewHeader gate={gate} review={current} />
      {error && (
        <div className="inline-error" role="alert">
          {error}
        </div>
      )}
      {current ? (
        waivable ? (
          <WaiverPanel gate={gate} review={current} />
        ) : (
          <DecisionPanel review={current} />
        )
      ) : (
        <div className="card so-panel skeleton so-skeleton-tall" aria-busy="true" />
      )}
      <SignoffTable gate={gate} />
      <EvidenceFiles review={current} />
      <ThresholdsPanel gate={gate} runId={current?.run?.id ?? null} />
      {current?.run && <LogPanel runId={current.run.id} repeat={def?.repeat ?? gate.repeat} />}
    </div>
  );
}
