/**
 * Just enough of Electron's main and preload APIs to load the bundled shell
 * under Node and see how it wires itself: there is no Electron binary on our
 * build machines. Records what the shell asks of Electron.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { fork, type ChildProcess } from 'node:child_process';
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

  /**
   * utilityProcess: a Node child (fork, structured-clone IPC). The port pair
   * of MessageChannelMain is emulated over that IPC channel: a port given to
   * the child in postMessage binds its partner to the child's messages.
   */
  const hosts: ChildProcess[] = [];
  class FakePort {
    partner: FakePort | null = null;
    child: ChildProcess | null = null;
    private readonly listeners: Fn[] = [];
    on(event: string, fn: Fn) {
      if (event === 'message') this.listeners.push(fn);
      return this;
    }
    start() {}
    postMessage(msg: unknown) {
      if (this.child?.connected) this.child.send(msg as any);
    }
    deliver(data: unknown) {
      for (const l of this.listeners) l({ data });
    }
  }
  class FakeMessageChannelMain {
    readonly port1 = new FakePort();
    readonly port2 = new FakePort();
    constructor() {
      this.port1.partner = this.port2;
      this.port2.partner = this.port1;
    }
  }
  const utilityProcess = {
    fork(modulePath: string, args: string[] = []) {
      calls.push(`utilityProcess:${modulePath}`);
      const child = fork(modulePath, args, { serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'], env: process.env });
      hosts.push(child);
      return {
        get pid() {
          return child.pid;
        },
        postMessage(_msg: unknown, ports: FakePort[] = []) {
          for (const port of ports) {
            const mine = port.partner!;
            mine.child = child;
            child.on('message', (m) => mine.deliver(m));
          }
        },
        on(event: string, fn: Fn) {
          if (event === 'exit') child.on('exit', (code) => fn(code));
          return this;
        },
        once(event: string, fn: Fn) {
          if (event === 'exit') child.once('exit', (code) => fn(code));
          return this;
        },
        kill: () => child.kill('SIGKILL'),
      };
    },
  };

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
    utilityProcess,
    MessageChannelMain: FakeMessageChannelMain,
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
    /** The host processes started, latest last. */
    hosts,
    restore: () => {
      (Module as any)._load = load;
      for (const h of hosts) if (h.exitCode === null && h.signalCode === null) h.kill('SIGKILL');
    },
  };
}
