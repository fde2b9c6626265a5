/** The run's terminal: stored log, then live output with flow control; copy, search, save. */
import { useCallback, useEffect, useRef, useState } from 'react';
import { copyText } from '../../lib/clipboard';
import { formatBytes } from '../../lib/format';
import { onLiveReconnected } from '../../state/live';
import { useTheme } from '../../state/theme';
import { useToasts } from '../../state/toasts';
import { downloadBytes, readWholeLog } from '../../terminal/log-slices';
import { RunSession } from '../../terminal/run-session';
import { RunTerminal } from '../../terminal/run-terminal';
import type { AttemptRecord, RunRecord } from '../../types';
import { Icon } from '../common/Icon';
import { TerminalToolbar } from './TerminalToolbar';

export function TerminalPane({ run, repeat, attempts }: { run: RunRecord; repeat: number; attempts: AttemptRecord[] }) {
  const host = useRef<HTMLDivElement>(null);
  const termRef = useRef<RunTerminal | null>(null);
  const theme = useTheme((s) => s.theme);
  const push = useToasts((s) => s.push);
  const session = useRef<RunSession | null>(null);
  const [skipped, setSkipped] = useState(0);
  const [hidden, setHidden] = useState(0);
  const [saving, setSaving] = useState(false);
  const [ready, setReady] = useState(false);

  useEffect(() => {
    const t = new RunTerminal(host.current!, useTheme.getState().theme);
    termRef.current = t;
    setReady(true);
    return () => {
      termRef.current = null;
      t.dispose();
    };
  }, []);

  useEffect(() => termRef.current?.setTheme(theme), [theme]);

  useEffect(() => {
    const t = termRef.current;
    if (!ready || !t) return;
    t.reset();
    setSkipped(0);
    setHidden(0);
    const s = new RunSession(t, run.id, repeat, {
      onSkipped: setSkipped,
      onHidden: setHidden,
      onError: (message) => push({ level: 'error', title: 'Could not load the log', body: message }),
    });
    session.current = s;
    void s.start({ live: run.status === 'running' });
    const off = onLiveReconnected(() => {
      setSkipped(0);
      s.restartLive();
    });
    return () => {
      off();
      s.stop();
      session.current = null;
    };
    // The session follows the run id; a status change does not restart it (see below).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [run.id, ready]);

  const ended = run.status !== 'running';
  useEffect(() => {
    if (ended) void session.current?.runEnded();
  }, [ended, run.id]);

  const term = useCallback(() => termRef.current, [ready]); // eslint-disable-line react-hooks/exhaustive-deps

  const onCopy = async () => {
    const text = termRef.current?.selection() ?? '';
    if (!text) {
      push({ level: 'info', title: 'Nothing selected', body: 'Select output in the terminal with the mouse, then copy.' });
      return;
    }
    await copyText(text);
    push({ level: 'success', title: 'Copied', body: `${text.length} characters copied to the clipboard.` }, 2500);
  };

  const onSave = async () => {
    setSaving(true);
    try {
      const bytes = await readWholeLog(run.id, attempts.map((a) => a.n));
      downloadBytes(`${run.gateId}-run-${run.runNo}.log`, bytes);
    } catch (err) {
      push({ level: 'error', title: 'Could not save the log', body: String((err as Error)?.message ?? err) });
    } finally {
      setSaving(false);
    }
  };

  return (
    <section className="terminal-card" aria-label="Output">
      <TerminalToolbar term={term} onCopy={() => void onCopy()} onSave={() => void onSave()} saving={saving} />
      {(skipped > 0 || hidden > 0) && (
        <div className="term-notice" role="status" data-testid="skip-notice">
          <Icon name="info" size={13} />
          {skipped > 0
            ? `Skipped ${formatBytes(skipped)} in the live view — the stored log is complete.`
            : `Showing the last ${formatBytes(2 * 1024 * 1024)}; ${formatBytes(hidden)} earlier is in the stored log (Save log).`}
        </div>
      )}
      <div className="terminal-host" ref={host} data-run={run.id} />
    </section>
  );
}
