import type { MetricId, Unit } from '../core/catalogue';
import type { Level } from '../core/thresholds';
import type { NetworkWindow } from '../core/window';

/** One metric over the window, oldest first: x in seconds before the newest sample (≤ 0), y null where not reported. */
export interface Series {
  xs: number[];
  ys: (number | null)[];
  /** The newest non-null value in the window, or null when the window has none (→ "n/a"). */
  current: number | null;
}

/** A fresh series buffer; pass it back to `seriesOf` every poll so nothing is allocated per tick. */
export function emptySeries(): Series {
  return { xs: [], ys: [], current: null };
}

export function seriesOf(window: NetworkWindow, id: MetricId, into: Series = emptySeries()): Series {
  const count = window.count();
  const { xs, ys } = into;
  // Shrinking or refilling in place keeps the same backing store (the window never exceeds its ring).
  xs.length = count;
  ys.length = count;
  const newest = count > 0 ? window.time(count - 1, count) : 0;
  let current: number | null = null;
  for (let i = 0; i < count; i++) {
    xs[i] = (window.time(i, count) - newest) / 1000;
    const v = window.metricAt(id, i, count);
    ys[i] = v;
    if (v !== null) current = v;
  }
  into.current = current;
  return into;
}

/** Smallest y span per unit, so a flat series near zero isn't blown up into noise. */
const MIN_SPAN: Record<Unit, number> = { fraction: 0.02, s: 0.05, bps: 200_000 };

/**
 * Top of a sparkline's y scale: headroom over the largest value, room for the threshold bands, rounded up
 * to 1, 2 or 5 × 10ⁿ. Rounding keeps the scale still while values wander, so the line reads as a trend
 * rather than a rescale, and the chart only re-ranges when the rounded top moves.
 */
export function yTop(series: Series, unit: Unit, level: Level | null, worse: 'up' | 'down'): number {
  let max = 0;
  for (const y of series.ys) if (y !== null && y > max) max = y;
  let top = Math.max(max * 1.15, MIN_SPAN[unit]);
  if (level) top = Math.max(top, worse === 'up' ? level.bad * 1.3 : level.warning * 1.4);
  const p = 10 ** Math.floor(Math.log10(top));
  const m = top / p;
  return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
}
