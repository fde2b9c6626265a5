import { describe, expect, it } from 'vitest';
import { defaultDataDir, defaultDbPath, storeLayout } from '../../../electron/core/data-dir';

describe('defaultDataDir', () => {
  it('follows Electron userData on Linux, honouring XDG_CONFIG_HOME', () => {
    expect(defaultDataDir({}, 'linux', '/home/ada')).toBe('/home/ada/.config/Release Cockpit');
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/x/cfg' }, 'linux', '/home/ada')).toBe('/x/cfg/Release Cockpit');
  });

  it('uses Application Support on macOS and APPDATA on Windows', () => {
    expect(defaultDataDir({}, 'darwin', '/Users/ada')).toBe('/Users/ada/Library/Application Support/Release Cockpit');
    expect(defaultDataDir({ APPDATA: 'C:\\Users\\ada\\AppData\\Roaming' }, 'win32', 'C:\\Users\\ada')).toBe(
      'C:\\Users\\ada\\AppData\\Roaming\\Release Cockpit',
    );
    expect(defaultDataDir({}, 'win32', 'C:\\Users\\ada')).toBe('C:\\Users\\ada\\AppData\\Roaming\\Release Cockpit');
  });

  it('is overridden by COCKPIT_DATA_DIR', () => {
    expect(defaultDataDir({ COCKPIT_DATA_DIR: '/srv/cockpit' }, 'darwin', '/Users/ada')).toBe('/srv/cockpit');
    expect(defaultDbPath({ COCKPIT_DATA_DIR: '/srv/cockpit' })).toBe('/srv/cockpit/cockpit.db');
  });
});

describe('storeLayout', () => {
  it('keeps files beside the database file', () => {
    expect(storeLayout('/tmp/x.db')).toEqual({
      db: '/tmp/x.db',
      filesDir: '/tmp/x.db.files',
      runsDir: '/tmp/x.db.files/runs',
      blobsDir: '/tmp/x.db.files/blobs',
    });
  });
});
