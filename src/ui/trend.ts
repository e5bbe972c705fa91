export type Trend = 'rising' | 'falling' | 'steady';

/**
 * Direction of a series for a text alternative: the mean of the newer half against the older half.
 * A change under 10 % of the older level (or under `floor`, for series that sit near zero) is steady,
 * so measurement noise doesn't read as a trend.
 */
export function trendOf(values: ArrayLike<number | null>, floor = 0): Trend {
  const xs: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v === 'number' && Number.isFinite(v)) xs.push(v);
  }
  if (xs.length < 4) return 'steady';
  const half = Math.floor(xs.length / 2);
  const older = mean(xs.slice(0, half));
  const newer = mean(xs.slice(xs.length - half));
  const delta = newer - older;
  if (Math.abs(delta) <= Math.max(Math.abs(older) * 0.1, floor)) return 'steady';
  return delta > 0 ? 'rising' : 'falling';
}

function mean(xs: number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return s / xs.length;
}
