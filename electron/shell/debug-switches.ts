/**
 * Switches that let another local process drive the app: Chromium's remote
 * debugging (a DevTools port or pipe) and Node's inspector. With either, any
 * process of this user could script the window, and through it an unlocked,
 * OS-sealed signing key. The packaged app turns Node's inspect arguments off
 * with a fuse; Chromium's switches have no fuse, so the app refuses them
 * itself, before anything is unlocked or shown.
 *
 * The one exception is a build whose inspect fuse is on, where Node's
 * inspector is already running: the copy the Electron smoke test drives
 * (Playwright needs both switches), and `npm start` on the stock binary.
 * The shipped binary has the fuse off, so no switch can bring that about.
 */

/** Switch names as Chromium and Node read them: `-x` or `--x` (or `/x` on Windows), any case, `_` for `-`. */
const REFUSED = /^(remote-debugging-(port|pipe|address|targets)|inspect(-brk|-port|-publish-uid|-wait)?|debug(-brk|-port)?|js-flags|auto-open-devtools-for-tabs)$/;
/** Node options an environment can smuggle in (the packaged app's NODE_OPTIONS fuse is off too). */
const REFUSED_NODE_OPTIONS = /^(inspect(-brk|-port|-wait)?|debug(-brk)?|require|r|import|loader|experimental-loader)$/;

function switchName(arg: string): string | null {
  const m = /^(?:--?|\/)([^=\s]+)(?:=.*)?$/s.exec(arg);
  return m ? m[1].toLowerCase().replace(/_/g, '-') : null;
}

const refused = (arg: string, names: RegExp) => {
  const name = switchName(arg);
  return name !== null && names.test(name);
};

/** The switches in `argv` (and NODE_OPTIONS) that would open the app to other processes. */
export function debugSwitches(argv: readonly string[], env: Record<string, string | undefined>): string[] {
  const found = argv.filter((a) => refused(a, REFUSED));
  const options = env.NODE_OPTIONS?.split(/\s+/) ?? [];
  if (options.some((o) => refused(o, REFUSED_NODE_OPTIONS))) found.push(`NODE_OPTIONS=${env.NODE_OPTIONS}`);
  if (env.ELECTRON_RUN_AS_NODE) found.push('ELECTRON_RUN_AS_NODE');
  return found;
}

export function refusalMessage(found: readonly string[]): string {
  return `Release Cockpit does not start with ${found.join(', ')}: a debugging switch would let any local process drive the app and its unlocked signing keys.`;
}
