import type { MetricId } from '../core/catalogue';
import type { NetworkWindow } from '../core/window';

/** One metric over the window, oldest first: x in seconds before the newest sample (≤ 0), y null where not reported. */
export interface Series {
  xs: number[];
  ys: (number | null)[];
  /** The newest non-null value in the window, or null when the window has none (→ "n/a"). */
  current: number | null;
}

export function seriesOf(window: NetworkWindow, id: MetricId): Series {
  const count = window.count();
  const xs: number[] = new Array(count);
  const ys: (number | null)[] = new Array(count);
  const newest = count > 0 ? window.time(count - 1, count) : 0;
  let current: number | null = null;
  for (let i = 0; i < count; i++) {
    xs[i] = (window.time(i, count) - newest) / 1000;
    const v = window.metricAt(id, i, count);
    ys[i] = v;
    if (v !== null) current = v;
  }
  return { xs, ys, current };
}
