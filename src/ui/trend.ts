export type Trend = 'rising' | 'falling' | 'steady';

/**
 * Direction of a series for a text alternative: the mean of the newer half against the older half.
 * A change under 10 % of the older level (or under `floor`, for series that sit near zero) is steady,
 * so measurement noise doesn't read as a trend. Null, NaN and non-finite values are gaps.
 */
export function trendOf(values: ArrayLike<number | null>, floor = 0, length = values.length): Trend {
  // Two passes over the values instead of filtered copies: this runs for every sparkline on every poll.
  let n = 0;
  for (let i = 0; i < length; i++) if (isNum(values[i])) n++;
  if (n < 4) return 'steady';
  const half = Math.floor(n / 2);
  let k = 0;
  let older = 0;
  let newer = 0;
  for (let i = 0; i < length; i++) {
    const v = values[i];
    if (!isNum(v)) continue;
    if (k < half) older += v;
    if (k >= n - half) newer += v;
    k++;
  }
  older /= half;
  newer /= half;
  const delta = newer - older;
  if (Math.abs(delta) <= Math.max(Math.abs(older) * 0.1, floor)) return 'steady';
  return delta > 0 ? 'rising' : 'falling';
}

function isNum(v: number | null | undefined): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}
