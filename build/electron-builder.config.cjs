// electron-builder configuration of the desktop app (DESIGN.md, "Packaging and release").
// `npm run package` builds the installers of this OS with it; `npm run release:evidence`
// builds the offline payload (build/release/payload.ts). Signing and notarization come
// only from the environment (docs/adr/0009-packaging-and-release.md):
//   macOS    CSC_LINK + CSC_KEY_PASSWORD (Developer ID), APPLE_API_KEY + APPLE_API_KEY_ID + APPLE_API_ISSUER (notarytool)
//   Windows  AZURE_TENANT_ID + AZURE_CLIENT_ID + AZURE_CLIENT_SECRET with the AZURE_SIGN_* names below (Trusted Signing)
'use strict';

const env = process.env;

/** The packages loaded from node_modules at run time (everything else is bundled into dist/). */
const RUNTIME_MODULES = ['better-sqlite3', 'bindings', 'file-uri-to-path', 'node-pty'];
const azure = env.AZURE_SIGN_ENDPOINT && env.AZURE_SIGN_ACCOUNT && env.AZURE_SIGN_PROFILE && env.AZURE_SIGN_PUBLISHER;

/** @type {import('app-builder-lib').Configuration} */
module.exports = {
  appId: 'dev.release-cockpit.app',
  productName: 'Release Cockpit',
  executableName: 'release-cockpit',
  copyright: 'Copyright © Release Cockpit authors',
  artifactName: '${productName}-${version}-${os}-${arch}.${ext}',
  directories: { output: 'out/package', buildResources: 'build/resources' },
  // What ships: the esbuild output (no source maps, no TypeScript), package.json and the two native modules.
  // Everything else that runs is bundled into dist/ (build/bundle.mjs), so `dependencies` holds only the natives.
  files: [
    'package.json',
    'dist/**/*',
    '!dist/**/*.map',
    // The CLI runs under Node from a checkout (npx release-cockpit), not from the app.
    '!dist/cli.cjs',
    // Only what is required at run time: the natives and the loader better-sqlite3 uses. Their install-time
    // dependencies (prebuild-install and its tree, node-addon-api) do not ship. Later patterns win, so the
    // exclusions inside these packages come after.
    '!node_modules/**',
    ...RUNTIME_MODULES.map((name) => `node_modules/${name}/**`),
    '!**/*.{ts,tsx,mts,cts,map,md,markdown,gyp,gypi,c,cc,cpp,h,hpp,o,a,obj,lib,pdb,mk,tlog,filters,vcxproj,sln}',
    '!node_modules/*/{src,deps,third_party,test,tests,scripts,typings,binding.gyp}{,/**}',
    '!**/*.test.js',
    '!node_modules/better-sqlite3/build/{deps,Release/obj,Release/obj.target,Release/.deps,Release/test_extension.node}{,/**}',
    '!node_modules/node-pty/build/{Release/obj,Release/obj.target,Release/.deps,Makefile}{,/**}',
    '!node_modules/node-pty/prebuilds/**',
    'node_modules/node-pty/prebuilds/${platform}-${arch}/**',
    '!node_modules/node-pty/node-addon-api{,/**}',
  ],
  // The example plan and its scripts run as real files (gates exec them), so they sit beside app.asar.
  extraResources: [{ from: 'resources', to: 'resources', filter: ['**/*', '!plans/out{,/**}'] }],
  asar: true,
  // Natives are loaded from app.asar.unpacked (Electron redirects .node loads); node-pty execs its
  // spawn-helper (macOS) and conpty agents (Windows) by path, so the whole package is unpacked, modes kept.
  asarUnpack: ['node_modules/node-pty/**', 'node_modules/better-sqlite3/**'],
  npmRebuild: true,
  nodeGypRebuild: false,
  buildDependenciesFromSource: false,
  electronFuses: {
    runAsNode: false,
    enableCookieEncryption: true,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    loadBrowserProcessSpecificV8Snapshot: false,
    grantFileProtocolExtraPrivileges: false,
  },
  mac: {
    category: 'public.app-category.developer-tools',
    target: [
      { target: 'dmg', arch: ['arm64', 'x64'] },
      { target: 'zip', arch: ['arm64', 'x64'] },
    ],
    hardenedRuntime: true,
    gatekeeperAssess: false,
    entitlements: 'build/resources/entitlements.mac.plist',
    entitlementsInherit: 'build/resources/entitlements.mac.plist',
    // notarytool with an App Store Connect API key (APPLE_API_KEY, APPLE_API_KEY_ID, APPLE_API_ISSUER).
    notarize: Boolean(env.APPLE_API_KEY && env.APPLE_API_KEY_ID && env.APPLE_API_ISSUER),
  },
  dmg: { writeUpdateInfo: false },
  win: {
    target: [{ target: 'nsis', arch: ['x64', 'arm64'] }, { target: 'msi', arch: ['x64'] }],
    // .node files are code too: Windows' application control treats an unsigned DLL like an unsigned exe.
    signExts: ['.node'],
    ...(azure
      ? {
          azureSignOptions: {
            endpoint: env.AZURE_SIGN_ENDPOINT,
            codeSigningAccountName: env.AZURE_SIGN_ACCOUNT,
            certificateProfileName: env.AZURE_SIGN_PROFILE,
            publisherName: env.AZURE_SIGN_PUBLISHER,
          },
        }
      : {}),
  },
  nsis: { oneClick: false, perMachine: false, allowToChangeInstallationDirectory: true, differentialPackage: false },
  msi: { oneClick: false, perMachine: false },
  linux: {
    target: [
      { target: 'AppImage', arch: ['x64'] },
      { target: 'deb', arch: ['x64'] },
      { target: 'tar.gz', arch: ['x64'] },
    ],
    category: 'Development',
    maintainer: 'Release Cockpit authors <release-cockpit@users.noreply.github.com>',
    synopsis: 'Release gates, signed evidence and sign-offs, on your desktop',
  },
  deb: { depends: ['libnss3', 'libgtk-3-0', 'libxss1', 'libasound2 | libasound2t64'] },
  publish: null,
};
