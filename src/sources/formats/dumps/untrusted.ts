/**
 * Reading values out of a file someone else wrote: own properties only, never the keys that reach an object's
 * prototype, numbers only when finite. Every dump reader goes through these instead of indexing the input.
 */

import { isRecord, own } from '../../../core/live/normalize';
import { FILE_LIMITS } from '../file-limits';
import { readJson } from '../json-reader';
import type { Reading } from './pacing';

export { isRecord, own } from '../../../core/live/normalize';
export type JsonRecord = Record<string, unknown>;

/** Keys that, written into a plain object, would reach or shadow its prototype. */
const HOSTILE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** Nested objects deeper than this are dropped: no stats field nests more than two levels. */
const MAX_DEPTH = 8;

export function isUsableKey(key: string): boolean {
  return key.length > 0 && !HOSTILE_KEYS.has(key);
}

/** The record's own enumerable keys, without the hostile ones. */
export function ownKeys(record: JsonRecord): string[] {
  return Object.keys(record).filter(isUsableKey);
}

export function finiteNumber(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

export type Parsed = { ok: true; value: unknown } | { ok: false; tooLong?: true; tooMany?: true };

/** JSON.parse whole, for short texts (a detection peek, a token); long ones go through readItem. */
export function parseJson(text: string): Parsed {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/**
 * One line of a JSON-lines file or one series' values, read by the sliced JSON reader, so a long one hands the
 * page back like the file around it. Capped at FILE_LIMITS.maxItemChars: webrtc-internals keeps at most 1 000
 * points a series (the longest real series come to ~380 kB) and real rtcstats lines stay under 75 kB.
 */
export function* readItem(text: string, maxValues: number = FILE_LIMITS.maxValues): Reading<Parsed> {
  if (text.length > FILE_LIMITS.maxItemChars) return { ok: false, tooLong: true };
  const read = yield* readJson(text, { maxDepth: FILE_LIMITS.maxDepth, maxValues });
  if (read.ok) return { ok: true, value: read.value };
  return read.fault.kind === 'too-many-values' ? { ok: false, tooMany: true } : { ok: false };
}

/**
 * A copy of a value that is safe to keep: non-finite numbers and anything that is not JSON-like give undefined
 * (the caller drops the field), objects are rebuilt from their usable own keys, so nothing from the file can
 * reach a prototype later when the copy is spread or assigned.
 */
export function cleanValue(value: unknown, depth = 0): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (depth >= MAX_DEPTH) return undefined;
  if (Array.isArray(value)) return value.map((item: unknown) => cleanValue(item, depth + 1) ?? null);
  if (!isRecord(value)) return undefined;
  const copy: JsonRecord = {};
  for (const key of ownKeys(value)) {
    const item = cleanValue(own(value, key), depth + 1);
    if (item !== undefined) copy[key] = item;
  }
  return copy;
}

/** A JSON string that holds a JSON string (`"\"connected\""`) unwrapped once; any other string as it is. */
export function unquote(text: string): string {
  const trimmed = text.trim();
  if (trimmed.length < 2 || !trimmed.startsWith('"') || !trimmed.endsWith('"')) return text;
  const parsed = parseJson(trimmed);
  return parsed.ok && typeof parsed.value === 'string' ? parsed.value : text;
}

/** ms since the epoch from a number, a numeric string or a date string; null when it is none of those. */
export function toMs(value: unknown): number | null {
  if (typeof value === 'number') return finiteNumber(value);
  if (typeof value !== 'string' || value.trim() === '') return null;
  const numeric = Number(value);
  if (Number.isFinite(numeric)) return numeric;
  const parsed = Date.parse(value);
  return Number.isFinite(parsed) ? parsed : null;
}
