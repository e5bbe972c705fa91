/** The arithmetic the WebRTC maths shares: every input may be missing, and a missing input gives null, never 0. */

/** Non-negative delta of a monotonic counter; null when either side is missing or it went backwards. */
export function delta(old: number | null, cur: number | null): number | null {
  if (old === null || cur === null || cur < old) return null;
  return cur - old;
}

export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  return values.reduce((a, b) => a + b, 0) / values.length;
}

export function worst(values: Array<number | null>): number | null {
  let w: number | null = null;
  for (const v of values) if (v !== null && (w === null || v > w)) w = v;
  return w;
}

export function sumOrNull(values: ReadonlyArray<number | null>): number | null {
  let sum: number | null = null;
  for (const v of values) if (v !== null) sum = (sum ?? 0) + v;
  return sum;
}

export function clamp01(v: number): number {
  return v < 0 ? 0 : v > 1 ? 1 : v;
}
