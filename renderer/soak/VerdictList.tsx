/** Each threshold of the gate with its current verdict and the value it was judged on. */
import { Icon } from '../components/common/Icon';
import { formatTime } from '../lib/format';
import type { StoredVerdict } from './types';
import { formatValue, unitOf } from './units';

interface Props {
  thresholds: { metric: string; expr: string }[];
  verdicts: StoredVerdict[];
  kindOf(metric: string): string;
}

export function VerdictList({ thresholds, verdicts, kindOf }: Props) {
  if (thresholds.length === 0) return <p className="muted">This gate has no thresholds.</p>;
  const used = new Set<StoredVerdict>();
  return (
    <table className="soak-verdicts" aria-label="Thresholds">
      <thead>
        <tr>
          <th>Verdict</th>
          <th>Metric</th>
          <th>Threshold</th>
          <th className="num">Value</th>
          <th>Breached</th>
        </tr>
      </thead>
      <tbody>
        {thresholds.map((t, i) => {
          const v = verdicts.find((x) => !used.has(x) && x.key === t.metric && x.expr === t.expr);
          if (v) used.add(v);
          const state = !v || v.value === null ? 'pending' : v.ok ? 'ok' : 'failed';
          const metric = v?.metric ?? t.metric.replace(/\{.*$/, '');
          const unit = /^(count|rate)/.test(t.expr) && kindOf(metric) !== 'rate' ? 'plain' : unitOf(metric, kindOf(metric));
          const perHour = /^slope/.test(t.expr) ? '/h' : '';
          const value = v?.value == null ? '—' : `${formatValue(v.value, unit)}${perHour}`;
          return (
            <tr key={`${t.metric}|${t.expr}|${i}`} className={`soak-verdict is-${state}`} data-testid="soak-verdict" data-ok={state}>
              <td>
                <span className={`verdict-badge verdict-${state}`}>
                  <Icon name={state === 'ok' ? 'check' : state === 'failed' ? 'x' : 'dashed'} size={12} />
                  {state === 'ok' ? 'Holds' : state === 'failed' ? 'Breached' : 'No data'}
                  {v && !v.final && state !== 'pending' ? <span className="muted small"> · live</span> : null}
                </span>
              </td>
              <td className="mono">{t.metric}</td>
              <td className="mono">{t.expr}</td>
              <td className="num mono">{value}</td>
              <td>{v?.breachedAt != null ? formatTime(v.breachedAt) : ''}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
