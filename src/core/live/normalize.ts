import { fieldUnit, UNITS, type Field } from '../catalogue';

/** Daily's timestamps are ms; anything below this is a seconds timestamp (1e12 ms ≈ 2001-09-09). */
const SECONDS_CUTOFF = 1e12;

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Own property only: a payload can't smuggle values in through `__proto__` or a polluted prototype. */
export function own(obj: Record<string, unknown>, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined;
}

/** The `stats.latest` object of a getNetworkStats() result, or null when there is none. */
export function latestOf(raw: unknown): Record<string, unknown> | null {
  if (!isRecord(raw)) return null;
  const stats = own(raw, 'stats');
  if (!isRecord(stats)) return null;
  const latest = own(stats, 'latest');
  return isRecord(latest) ? latest : null;
}

/** Timestamp in ms, or null. Seconds are converted. */
export function normalizeTimestamp(v: unknown): number | null {
  if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) return null;
  return v < SECONDS_CUTOFF ? v * 1000 : v;
}

/**
 * A metric value in Daily's unit, or null when it is missing or can't be true (past its unit's `max`: a
 * 100 Gbit/s call, a 10-minute round trip is a bug upstream, and averaging it in would swamp the window).
 * Strings are not coerced.
 */
export function normalizeValue(field: Field, v: unknown): number | null {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) return null;
  return v > UNITS[fieldUnit(field)].max ? null : v;
}

export function readField(latest: Record<string, unknown>, field: Field): number | null {
  return normalizeValue(field, own(latest, field));
}
