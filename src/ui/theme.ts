/** Canvas colours. uPlot paints with JS values, so they are read from the widget's CSS custom properties. */
export interface ChartColors {
  line: string;
  fill: string;
  warning: string;
  bad: string;
  bandWarning: string;
  bandBad: string;
}

const FALLBACK: ChartColors = {
  line: '#2f6fd6',
  fill: 'rgba(47, 111, 214, 0.15)',
  warning: '#b26b00',
  bad: '#c62828',
  bandWarning: 'rgba(255, 179, 0, 0.16)',
  bandBad: 'rgba(229, 57, 53, 0.16)',
};

export function readChartColors(el: Element): ChartColors {
  const css = getComputedStyle(el);
  const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  return {
    line: v('--ch-chart-line', FALLBACK.line),
    fill: v('--ch-chart-fill', FALLBACK.fill),
    warning: v('--ch-warning', FALLBACK.warning),
    bad: v('--ch-bad', FALLBACK.bad),
    bandWarning: v('--ch-band-warning', FALLBACK.bandWarning),
    bandBad: v('--ch-band-bad', FALLBACK.bandBad),
  };
}

const DARK_QUERY = '(prefers-color-scheme: dark)';

/** Whether the OS asks for dark colours (false where matchMedia doesn't exist). */
export function systemPrefersDark(): boolean {
  return typeof matchMedia === 'function' && matchMedia(DARK_QUERY).matches;
}

/**
 * Calls `onChange` with the new preference when the OS colour scheme flips. Returns the unsubscribe function.
 */
export function watchColorScheme(onChange: (dark: boolean) => void): () => void {
  if (typeof matchMedia !== 'function') return () => {};
  const mql = matchMedia(DARK_QUERY);
  const listener = () => onChange(mql.matches);
  mql.addEventListener('change', listener);
  return () => mql.removeEventListener('change', listener);
}
