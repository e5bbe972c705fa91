import type { MetricId } from '../core/catalogue';
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
