/** The app frame: sidebar, header, the current page, toasts and the shortcut overlay. */
import { useEffect } from 'react';
import { useGlobalShortcuts } from '../lib/use-shortcuts';
import { useConnection } from '../state/connection';
import { applyTheme, useTheme } from '../state/theme';
import { useUi } from '../state/ui';
import { Board } from './board/Board';
import { NoHost, ReconnectingBanner } from './frame/Disconnected';
import { Header } from './frame/Header';
import { HelpOverlay } from './frame/HelpOverlay';
import { UnlockDialog } from './frame/UnlockDialog';
import { Sidebar } from './frame/Sidebar';
import { Toasts } from './frame/Toasts';
import { History } from './history/History';
import { RunView } from './run/RunView';
import { SoakView } from '../soak/SoakView';
import { Settings } from './settings/Settings';
import { CeremonyView } from '../ceremony/CeremonyView';
import { SignoffView } from '../signoff/SignoffView';
import { VerifyView } from '../verify/VerifyView';

function Page() {
  const route = useUi((s) => s.route);
  switch (route.name) {
    case 'history':
      return <History />;
    case 'settings':
      return <Settings />;
    case 'gate':
      return <RunView gateId={route.gateId} runId={route.runId} />;
    case 'signoffs':
      return <SignoffView gateId={route.gateId ?? null} />;
    case 'ceremony':
      return <CeremonyView />;
    case 'verify':
      return <VerifyView />;
    case 'soak':
      return <SoakView gateId={route.gateId ?? null} runId={route.runId ?? null} />;
    default:
      return <Board />;
  }
}

export function App() {
  useGlobalShortcuts();
  const theme = useTheme((s) => s.theme);
  const fatal = useConnection((s) => s.fatal);
  const everOnline = useConnection((s) => s.lastOnline != null);
  const state = useConnection((s) => s.state);
  const route = useUi((s) => s.route);

  useEffect(() => applyTheme(theme), [theme]);
  useEffect(() => {
    const sync = () => useUi.getState().syncFromHash();
    window.addEventListener('hashchange', sync);
    window.addEventListener('popstate', sync);
    return () => {
      window.removeEventListener('hashchange', sync);
      window.removeEventListener('popstate', sync);
    };
  }, []);

  const noHost = !!fatal || (!everOnline && state === 'reconnecting');
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <Sidebar />
      <div className="main">
        <Header />
        <ReconnectingBanner />
        <main id="main" className="content" tabIndex={-1} data-route={route.name}>
          {noHost ? <NoHost /> : <Page />}
        </main>
      </div>
      <Toasts />
      <HelpOverlay />
      <UnlockDialog />
    </div>
  );
}
