import { describe, expect, it } from 'vitest';
import { debugSwitches, refusalMessage } from '../../../electron/shell/debug-switches';

describe('debugSwitches', () => {
  it('finds Chromium remote debugging and Node inspector switches, in every spelling', () => {
    const argv = ['/opt/Release Cockpit/release-cockpit', 'plan.yaml', '--remote-debugging-port=9222', '--remote-debugging-pipe',
      '--inspect', '--inspect-brk=9229', '--inspect-port=1', '--debug=5858', '--js-flags=--expose-gc', '--no-sandbox'];
    expect(debugSwitches(argv, {})).toEqual(argv.slice(2, 9));
    // Chromium takes one dash (and, on Windows, a slash and any case); Node takes _ for -.
    const spelled = ['-remote-debugging-port=9222', '--Remote-Debugging-Port=9222', '/remote-debugging-port=1', '--inspect-wait', '--inspect_brk', '-inspect'];
    expect(debugSwitches(spelled, {})).toEqual(spelled);
  });

  it('finds NODE_OPTIONS that open an inspector or preload code, and ELECTRON_RUN_AS_NODE', () => {
    expect(debugSwitches([], { NODE_OPTIONS: '--max-old-space-size=4096' })).toEqual([]);
    expect(debugSwitches([], { NODE_OPTIONS: '--inspect=0' })).toEqual(['NODE_OPTIONS=--inspect=0']);
    expect(debugSwitches([], { NODE_OPTIONS: '-r ./evil.js' })).toEqual(['NODE_OPTIONS=-r ./evil.js']);
    expect(debugSwitches([], { ELECTRON_RUN_AS_NODE: '1' })).toEqual(['ELECTRON_RUN_AS_NODE']);
  });

  it('leaves ordinary arguments alone, and says why it refuses', () => {
    expect(debugSwitches(['app', '--debug-log', 'inspect.yaml', '--lang=en', '/inspect/plan.yaml', '--no-inspector'], {})).toEqual([]);
    expect(debugSwitches([], { NODE_OPTIONS: '--inspect_brk' })).toEqual(['NODE_OPTIONS=--inspect_brk']);
    expect(refusalMessage(['--remote-debugging-port=9222'])).toMatch(/does not start with --remote-debugging-port=9222: .*any local process/);
  });
});
