/**
 * Chart colours resolved from the theme's CSS variables. recharts gets plain
 * colour values, so an exported PNG (the SVG drawn on a canvas, where CSS
 * variables do not exist) looks like the screen.
 */
import { useMemo } from 'react';
import { useTheme } from '../state/theme';

export interface ChartColors {
  text: string;
  muted: string;
  grid: string;
  surface: string;
  bad: string;
  badSoft: string;
  warn: string;
  ok: string;
  lines: string[];
}

function cssVar(name: string, fallback: string): string {
  const v = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return v || fallback;
}

export function useChartColors(): ChartColors {
  const theme = useTheme((s) => s.theme);
  return useMemo(
    () => ({
      text: cssVar('--text-2', '#a9b0bc'),
      muted: cssVar('--text-3', '#6f7785'),
      grid: cssVar('--border-soft', '#1b2029'),
      surface: cssVar('--surface', '#13161d'),
      bad: cssVar('--bad', '#ef5a63'),
      badSoft: cssVar('--bad-soft', 'rgba(239, 90, 99, 0.13)'),
      warn: cssVar('--warn', '#e0a43a'),
      ok: cssVar('--ok', '#3fbf7f'),
      lines: [cssVar('--run', '#4ea1ff'), cssVar('--waive', '#b48cf2'), cssVar('--ok', '#3fbf7f'), cssVar('--warn', '#e0a43a'), '#e87ab0', '#5fd4d0'],
    }),
    // theme: the variables changed with it
    [theme], // eslint-disable-line react-hooks/exhaustive-deps
  );
}
