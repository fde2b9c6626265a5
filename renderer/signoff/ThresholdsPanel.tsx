/** The gate's thresholds and their final verdicts, with a way into the Soak charts. */
import { useId } from 'react';
import { Icon } from '../components/common/Icon';
import { go } from '../state/ui';
import type { GateView } from '../types';

function verdict(ok: boolean | null): { text: string; cls: string } {
  if (ok === null) return { text: 'No data', cls: 'so-idle' };
  return ok ? { text: 'Met', cls: 'so-ok' } : { text: 'Breached', cls: 'so-bad' };
}

export function ThresholdsPanel({ gate, runId }: { gate: GateView; runId: number | null }) {
  const id = useId();
  if (gate.thresholds.length === 0) return null;
  return (
    <section className="card so-panel" aria-labelledby={`${id}-title`}>
      <div className="card-head">
        <div>
          <h3 id={`${id}-title`} className="card-title">
            Thresholds
          </h3>
          <p className="card-sub">{gate.metrics ? `${gate.metrics.points.toLocaleString()} metric points, ${gate.metrics.series} series` : 'Evaluated from the run’s metrics.'}</p>
        </div>
        <button type="button" className="btn btn-ghost btn-sm" onClick={() => go({ name: 'soak', gateId: gate.id, runId })}>
          <Icon name="activity" size={13} />
          Charts in Soak
        </button>
      </div>
      <ul className="so-thresholds">
        {gate.thresholds.map((t, i) => {
          const v = verdict(t.ok);
          return (
            <li key={`${t.metric}-${t.expr}-${i}`}>
              <span className={`so-decision-pill ${v.cls}`}>{v.text}</span>
              <code className="mono">{t.metric}</code>
              <span className="mono muted">{t.expr}</span>
              <span className="num muted">{t.value === null ? '—' : Number(t.value.toPrecision(4)).toLocaleString()}</span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
