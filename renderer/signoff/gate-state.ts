/** Where a gate stands for sign-off, in words and a tone, from its status view. */
import type { GateView } from '../types';

export type SignoffTone = 'ok' | 'warn' | 'bad' | 'waive' | 'idle' | 'run';

export interface SignoffState {
  key: 'approved' | 'awaiting' | 'rejected' | 'waived' | 'failed' | 'not-run' | 'running' | 'no-rule' | 'other';
  label: string;
  tone: SignoffTone;
  /** e.g. "1 of 2 approvals", for screen readers and titles. */
  detail: string;
}

export function signoffState(g: GateView): SignoffState {
  const s = g.signoff;
  const count = s ? `${s.approved}/${s.quorum}` : '';
  const detail = s ? `${s.approved} of ${s.quorum} approval${s.quorum === 1 ? '' : 's'} (${s.roles.join(' or ')})` : 'no sign-off rule';
  if (g.status === 'waived') return { key: 'waived', label: 'Waived', tone: 'waive', detail: g.waiver ? `waived by ${g.waiver.person} until ${g.waiver.expires.slice(0, 10)}` : 'waived' };
  if (g.status === 'running') return { key: 'running', label: 'Running', tone: 'run', detail: 'the gate is running' };
  if (g.status === 'failed') return { key: 'failed', label: 'Failed', tone: 'bad', detail: 'failed: only a waiver can let it through' };
  if (g.status !== 'passed') return { key: 'not-run', label: g.status === 'not-run' ? 'Not run' : capital(g.status), tone: 'idle', detail: 'nothing to sign off yet' };
  if (!s) return { key: 'no-rule', label: 'No sign-off', tone: 'idle', detail };
  if (s.status === 'rejected') return { key: 'rejected', label: 'Rejected', tone: 'bad', detail: `${s.rejected} rejection${s.rejected === 1 ? '' : 's'}` };
  if (s.missing === 0) return { key: 'approved', label: `Approved ${count}`, tone: 'ok', detail };
  return { key: 'awaiting', label: `Awaiting ${count}`, tone: 'warn', detail };
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Gates the sign-off view lists: those with a sign-off rule, then failed or waived ones (waivers). */
export function signoffGates(gates: GateView[]): GateView[] {
  const ruled = gates.filter((g) => g.signoff);
  const waivable = gates.filter((g) => !g.signoff && (g.status === 'failed' || g.status === 'waived'));
  return [...ruled, ...waivable];
}
