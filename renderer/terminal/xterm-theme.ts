/** Terminal palettes matched to the app's dark and light themes. */
import type { ITheme } from '@xterm/xterm';
import type { Theme } from '../state/theme';

const dark: ITheme = {
  background: '#0b0d12',
  foreground: '#d7dae0',
  cursor: '#0b0d12',
  cursorAccent: '#0b0d12',
  selectionBackground: '#3b4a6b',
  selectionInactiveBackground: '#2b344a',
  black: '#1b1f27',
  red: '#f2727a',
  green: '#5fd08a',
  yellow: '#e8c46a',
  blue: '#6ea8fe',
  magenta: '#c792ea',
  cyan: '#5cc8d7',
  white: '#c9ced8',
  brightBlack: '#5c6370',
  brightRed: '#ff8f96',
  brightGreen: '#7fe3a4',
  brightYellow: '#f5d68a',
  brightBlue: '#8fbcff',
  brightMagenta: '#d9b0f5',
  brightCyan: '#7fdbe8',
  brightWhite: '#f2f4f8',
};

const light: ITheme = {
  background: '#fbfbfc',
  foreground: '#24292f',
  cursor: '#fbfbfc',
  cursorAccent: '#fbfbfc',
  selectionBackground: '#c8d8f5',
  selectionInactiveBackground: '#dfe6f2',
  black: '#24292f',
  red: '#c93c37',
  green: '#1f883d',
  yellow: '#9a6700',
  blue: '#0969da',
  magenta: '#8250df',
  cyan: '#1b7c83',
  white: '#6e7781',
  brightBlack: '#57606a',
  brightRed: '#a40e26',
  brightGreen: '#1a7f37',
  brightYellow: '#7d4e00',
  brightBlue: '#0550ae',
  brightMagenta: '#6639ba',
  brightCyan: '#136061',
  brightWhite: '#8c959f',
};

export function xtermTheme(theme: Theme): ITheme {
  return theme === 'light' ? light : dark;
}

export const TERMINAL_FONT =
  'ui-monospace, SFMono-Regular, "SF Mono", Menlo, "Cascadia Mono", Consolas, "Liberation Mono", "DejaVu Sans Mono", monospace';
