/**
 * Just enough of Electron's main and preload APIs to load the bundled shell
 * under Node and see how it wires itself: there is no Electron binary on our
 * build machines. Records what the shell asks of Electron.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import Module from 'node:module';

type Fn = (...args: any[]) => any;

export interface FakeFrame {
  processId: number;
  routingId: number;
  url: string;
}

export function fakeElectron() {
  const calls: string[] = [];
  const appHandlers = new Map<string, Fn[]>();
  const ipcHandlers = new Map<string, Fn>();
  const windows: FakeWindow[] = [];
  const exposed: Record<string, unknown> = {};
  const rendererListeners = new Map<string, Fn>();
  let protocolHandler: Fn | null = null;
  let ready = false;
  let invoke: Fn = async () => ({ ok: true, result: null });
  // The "OS key store": a key that exists only in this process, as a login keychain is only this user's.
  const osKey = randomBytes(32);

  class FakeWebContents {
    readonly mainFrame: FakeFrame = { processId: 7, routingId: 1, url: 'app://cockpit/' };
    readonly sent: { channel: string; msg: unknown }[] = [];
    readonly handlers = new Map<string, Fn[]>();
    openHandler: Fn | null = null;
    session = {
      setPermissionRequestHandler: (fn: Fn) => ((this as any).permission = fn),
      setPermissionCheckHandler: () => calls.push('permission-check'),
      webRequest: { onHeadersReceived: (fn: Fn) => ((this as any).headers = fn) },
    };
    on(event: string, fn: Fn) {
      this.handlers.set(event, [...(this.handlers.get(event) ?? []), fn]);
      return this;
    }
    send(channel: string, msg: unknown) {
      this.sent.push({ channel, msg });
    }
    setWindowOpenHandler(fn: Fn) {
      this.openHandler = fn;
    }
  }
  class FakeWindow {
    readonly webContents = new FakeWebContents();
    loaded: string | null = null;
    constructor(readonly options: any) {
      windows.push(this);
      if (!ready) calls.push('window-before-ready');
    }
    on() {
      return this;
    }
    once() {
      return this;
    }
    loadURL(url: string) {
      this.loaded = url;
      return Promise.resolve();
    }
    isDestroyed() {
      return false;
    }
    static getFocusedWindow() {
      return null;
    }
  }

  const electron = {
    app: {
      setName: (n: string) => calls.push(`setName:${n}`),
      setPath: (k: string) => calls.push(`setPath:${k}`),
      getPath: () => process.env.COCKPIT_DATA_DIR,
      getVersion: () => '0.0.0-test',
      isPackaged: false,
      requestSingleInstanceLock: () => true,
      on: (event: string, fn: Fn) => appHandlers.set(event, [...(appHandlers.get(event) ?? []), fn]),
      whenReady: () =>
        new Promise<void>((r) =>
          setImmediate(() => {
            ready = true;
            r();
          }),
        ),
      quit: () => calls.push('quit'),
      exit: () => calls.push('exit'),
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown) => calls.push(`${ready ? 'late' : 'early'}-privileged:${JSON.stringify(schemes)}`),
      handle: (scheme: string, fn: Fn) => {
        calls.push(`protocol:${scheme}`);
        protocolHandler = fn;
      },
    },
    BrowserWindow: FakeWindow,
    ipcMain: { handle: (ch: string, fn: Fn) => ipcHandlers.set(ch, fn), removeHandler: (ch: string) => ipcHandlers.delete(ch) },
    Menu: { buildFromTemplate: (t: unknown) => t, setApplicationMenu: () => calls.push('menu') },
    dialog: { showMessageBox: async () => ({}), showMessageBoxSync: () => 1, showOpenDialog: async () => ({ canceled: true }), showErrorBox: () => undefined },
    shell: { openExternal: async (u: string) => calls.push(`external:${u}`), openPath: async () => '' },
    nativeTheme: { themeSource: 'system', shouldUseDarkColors: false },
    Notification: Object.assign(class {}, { isSupported: () => false }),
    powerSaveBlocker: { start: () => 1, stop: () => undefined },
    safeStorage: {
      isEncryptionAvailable: () => ready,
      getSelectedStorageBackend: () => (ready ? 'gnome_libsecret' : 'unknown'),
      encryptString(text: string) {
        calls.push('safeStorage:encrypt');
        const iv = randomBytes(12);
        const c = createCipheriv('aes-256-gcm', osKey, iv);
        const body = Buffer.concat([c.update(text, 'utf8'), c.final()]);
        return Buffer.concat([iv, c.getAuthTag(), body]);
      },
      decryptString(sealed: Buffer) {
        calls.push('safeStorage:decrypt');
        const d = createDecipheriv('aes-256-gcm', osKey, sealed.subarray(0, 12));
        d.setAuthTag(sealed.subarray(12, 28));
        return Buffer.concat([d.update(sealed.subarray(28)), d.final()]).toString('utf8');
      },
    },
    contextBridge: { exposeInMainWorld: (k: string, v: unknown) => (exposed[k] = v) },
    ipcRenderer: {
      invoke: (...args: unknown[]) => invoke(...args),
      on: (ch: string, fn: Fn) => rendererListeners.set(ch, fn),
    },
  };

  const load = (Module as any)._load;
  (Module as any)._load = function (request: string, ...rest: unknown[]) {
    if (request === 'electron') return electron;
    return load.call(this, request, ...rest);
  };
  return {
    electron,
    calls,
    windows,
    ipcHandlers,
    appHandlers,
    exposed,
    rendererListeners,
    protocol: () => protocolHandler,
    setInvoke: (fn: Fn) => (invoke = fn),
    restore: () => ((Module as any)._load = load),
  };
}
