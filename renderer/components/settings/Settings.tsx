/** Where data lives, who you are (your signing identity), which build this is, and the theme. */
import { useEffect, useState, type ReactNode } from 'react';
import { api } from '../../api';
import { errorMessage } from '../../lib/errors';
import { useTheme, type Theme } from '../../state/theme';
import type { Settings as SettingsData } from '../../types';
import { Icon } from '../common/Icon';
import { IdentitySection } from './IdentitySection';

function Row({ label, children, hint }: { label: string; children: ReactNode; hint?: string }) {
  return (
    <div className="setting">
      <div className="setting-label">
        <div>{label}</div>
        {hint && <div className="setting-hint">{hint}</div>}
      </div>
      <div className="setting-value">{children}</div>
    </div>
  );
}

export function Settings() {
  const [data, setData] = useState<SettingsData | null>(null);
  const [error, setError] = useState<string | null>(null);
  const theme = useTheme((s) => s.theme);
  const setTheme = useTheme((s) => s.setTheme);

  useEffect(() => {
    api()
      .request('settings.get', {})
      .then(setData, (err) => setError(errorMessage(err)));
  }, []);

  const value = (v: string | undefined) => (data ? <code className="mono wrap">{v}</code> : <span className="skeleton skeleton-line" />);

  return (
    <div className="page page-narrow">
      {error && <div className="inline-error" role="alert">{error}</div>}
      <section className="card" aria-labelledby="storage-title">
        <div className="card-head">
          <h2 id="storage-title" className="card-title">
            Storage
          </h2>
        </div>
        <Row label="Data directory" hint="Run logs, evidence blobs and metrics. The app and the CLI share it.">
          {value(data?.dataDir)}
        </Row>
        <Row label="Database" hint="Pass it to the CLI with --db to see the same runs.">
          {value(data?.dbPath)}
        </Row>
      </section>
      <IdentitySection />
      <section className="card" aria-labelledby="app-title">
        <div className="card-head">
          <h2 id="app-title" className="card-title">
            Application
          </h2>
        </div>
        <Row label="Theme">
          <div className="segmented" role="radiogroup" aria-label="Theme">
            {(['dark', 'light'] as Theme[]).map((t) => (
              <button key={t} type="button" role="radio" aria-checked={theme === t} className={theme === t ? 'is-on' : ''} onClick={() => setTheme(t)}>
                <Icon name={t === 'dark' ? 'moon' : 'sun'} size={13} />
                {t === 'dark' ? 'Dark' : 'Light'}
              </button>
            ))}
          </div>
        </Row>
        <Row label="Mode" hint="Desktop uses the app window; browser mode is release-cockpit serve on loopback.">
          {data ? <span className="chip">{data.mode === 'desktop' ? 'Desktop app' : 'Browser (loopback)'}</span> : value(undefined)}
        </Row>
        <Row label="Version">{value(data?.version)}</Row>
      </section>
    </div>
  );
}
