/** One labelled row of a settings card. */
import type { ReactNode } from 'react';

export function SettingRow({ label, children, hint }: { label: string; children: ReactNode; hint?: string }) {
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
