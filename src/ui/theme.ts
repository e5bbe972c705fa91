/** Canvas colours. uPlot paints with JS values, so they are read from the widget's CSS custom properties. */
export interface ChartColors {
  line: string;
  fill: string;
  warning: string;
  bad: string;
  bandWarning: string;
  bandBad: string;
}

/**
 * The palette lives in call-health.css alone. Where its variables are missing (a host that didn't load the
 * stylesheet) there is no second copy to drift: lines take the element's text colour, fills and bands none.
 */
export function readChartColors(el: Element): ChartColors {
  const css = getComputedStyle(el);
  const ink = css.color || 'currentColor';
  const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  return {
    line: v('--ch-chart-line', ink),
    fill: v('--ch-chart-fill', 'transparent'),
    warning: v('--ch-warning', ink),
    bad: v('--ch-bad', ink),
    bandWarning: v('--ch-band-warning', 'transparent'),
    bandBad: v('--ch-band-bad', 'transparent'),
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
