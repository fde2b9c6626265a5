// Child of electron-natives.cjs: builds better-sqlite3 in BUILD_PATH for
// Electron VERSION and ARCH. It is a child so that a stalled header download
// can be stopped by a timeout, and because @electron/rebuild is ESM.
// @electron/rebuild tries better-sqlite3's prebuilt binary first
// (prebuild-install), then compiles against Electron's headers, fetched from
// ELECTRON_REBUILD_DIST_URL (its CLI's variable) or electronjs.org.
import { rebuild } from '@electron/rebuild';

const [buildPath, electronVersion, arch] = process.argv.slice(2);
try {
  await rebuild({
    buildPath,
    electronVersion,
    arch,
    onlyModules: ['better-sqlite3'],
    force: true,
    headerURL: process.env.ELECTRON_REBUILD_DIST_URL || undefined,
  });
} catch (err) {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
}
