import { UNITS, type MetricId, type Unit } from '../core/catalogue';
import type { Bounds } from '../core/thresholds';

/**
 * One metric over the window, oldest first, in the first `length` slots of two typed buffers: x in seconds
 * before the newest sample (≤ 0), y NaN where not reported. Typed, so every row reads one element kind and
 * no value is boxed on its way from the window to the canvas.
 */
export interface Series {
  xs: Float64Array;
  ys: Float64Array;
  length: number;
  /** The newest reported value in the window, or null when the window has none (→ "n/a"). */
  current: number | null;
}

/** A fresh series buffer; pass it back to `seriesOf` every poll so nothing is allocated per tick. */
export function emptySeries(): Series {
  return { xs: new Float64Array(0), ys: new Float64Array(0), length: 0, current: null };
}

/**
 * What a row's series is read from: the window's samples as the store hands them over — these reads and
 * nothing else of the engine (a NetworkWindow is one).
 */
export interface MetricSamples {
  readonly capacity: number;
  count(): number;
  time(i: number, count: number): number;
  metricValue(id: MetricId, i: number, count: number): number;
}

export function seriesOf(window: MetricSamples, id: MetricId, into: Series = emptySeries()): Series {
  const count = window.count();
  // Sized once to the window's ring, which no count exceeds.
  if (into.xs.length < count) {
    into.xs = new Float64Array(window.capacity);
    into.ys = new Float64Array(window.capacity);
  }
  const { xs, ys } = into;
  const newest = count > 0 ? window.time(count - 1, count) : 0;
  let newestReported = -1; // an index, not the value: a double kept round the loop would be boxed
  for (let i = 0; i < count; i++) {
    xs[i] = (window.time(i, count) - newest) / 1000;
    const v = window.metricValue(id, i, count);
    ys[i] = v;
    if (!Number.isNaN(v)) newestReported = i;
  }
  into.length = count;
  into.current = newestReported < 0 ? null : (ys[newestReported] ?? null);
  return into;
}

/**
 * Top of a sparkline's y scale: headroom over the largest value, room for the threshold bands, rounded up
 * to 1, 2 or 5 × 10ⁿ. Rounding keeps the scale still while values wander, so the line reads as a trend
 * rather than a rescale, and the chart only re-ranges when the rounded top moves.
 */
export function yTop(series: Series, unit: Unit, bounds: Bounds | null, worse: 'up' | 'down'): number {
  let max = 0;
  const ys = series.ys;
  for (let i = 0; i < series.length; i++) {
    const y = ys[i] ?? 0;
    if (y > max) max = y; // NaN (not reported) compares false
  }
  let top = Math.max(max * 1.15, UNITS[unit].chartMinSpan);
  if (bounds) top = Math.max(top, worse === 'up' ? bounds.bad * 1.3 : bounds.warning * 1.4);
  const p = 10 ** Math.floor(Math.log10(top));
  const m = top / p;
  return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
}
