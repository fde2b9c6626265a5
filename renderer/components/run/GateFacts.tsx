/** The definition side of a gate: command, target, timeout, needs, evidence, sign-off. */
import type { ReactNode } from 'react';
import type { GateSummary, RunRecord } from '../../types';
import { formatDuration, formatWhen } from '../../lib/format';
import { usePlan } from '../../state/plan';
import { routeHash } from '../../state/routes';

export function GateFacts({ def, run }: { def: GateSummary | undefined; run: RunRecord | null }) {
  const view = usePlan((s) => s.status?.gates.find((g) => g.id === def?.id));
  if (!def) return null;
  const rows: [string, ReactNode][] = [
    [def.kind === 'probe' ? 'Probe' : 'Command', def.command ? <code className="wrap">{def.command}</code> : <span className="muted">HTTP probes</span>],
    ['Target', def.target + (def.durable ? ' · durable' : '')],
    ['Timeout', def.timeoutMs ? formatDuration(def.timeoutMs) : 'none'],
    ['Needs', def.needs.length ? def.needs.join(', ') : 'nothing'],
    ['Evidence', def.evidence.length ? def.evidence.map((e) => <code key={e} className="wrap block">{e}</code>) : 'none'],
    [
      'Sign-off',
      def.signoff ? (
        <a href={routeHash({ name: 'signoffs', gateId: def.id })} className="facts-link">
          {def.signoff.roles.join(', ')} · {view?.signoff ? `${view.signoff.approved}/${view.signoff.quorum} approved` : `quorum ${def.signoff.quorum}`}
        </a>
      ) : (
        'not required'
      ),
    ],
  ];
  if (run) {
    rows.push(['Started', formatWhen(run.startedAt)]);
    rows.push(['Operator', run.operator ?? <span className="muted">unsigned (no identity)</span>]);
  }
  return (
    <section className="side-card" aria-labelledby="facts-title">
      <h3 id="facts-title" className="side-title">
        Gate
      </h3>
      <dl className="facts">
        {rows.map(([k, v]) => (
          <div key={k} className="fact">
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
