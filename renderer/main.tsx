/** Renderer entry: pick the transport, wire events, load the plan, render. */
import '@xterm/xterm/css/xterm.css';
import './styles/index.css';
import { createRoot } from 'react-dom/client';
import { transport, type Transport } from './api';
import { App } from './components/App';
import { reloadEverything } from './state/actions';
import { useConnection } from './state/connection';
import { startConnectionMonitor } from './state/connection-monitor';
import { installEventHandlers } from './state/events';
import { applyTheme, useTheme } from './state/theme';
import { errorMessage } from './lib/errors';
import { reportUnlessOffline } from './state/toasts';

applyTheme(useTheme.getState().theme);

function boot(): void {
  let t: Transport;
  try {
    t = transport();
    useConnection.getState().setMode(t.mode);
  } catch (err) {
    useConnection.getState().setFatal(errorMessage(err));
    return;
  }
  installEventHandlers();
  const loadAll = () => reloadEverything().catch(reportUnlessOffline('Could not load the cockpit'));
  startConnectionMonitor(t, () => void loadAll());
  void loadAll();
}

boot();
createRoot(document.getElementById('root')!).render(<App />);
