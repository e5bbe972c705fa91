/**
 * Undoes the getStats delta compression of rtcstats files: each line holds only what changed since the previous
 * report of that connection, and a full report is rebuilt from the previous one. Two dialects:
 *  - Jitsi's rtcstats-server (`getstats`): a changed stat carries its changed fields, an unchanged one only
 *    `timestamp: 0`; `timestamp: 0` means "the report's time" (the line's top-level `timestamp`); a stat with no
 *    timestamp keeps its previous one. Clients of protocol 3 and later list every live stat on every line, so a
 *    stat missing from a line was removed; older clients left unchanged stats out, so there a missing stat is kept.
 *  - rtcstats v3 (`getStats`): a stat missing from a line is unchanged, `null` means removed, nested objects
 *    (qualityLimitationDurations…) merge field by field, and a top-level `timestamp` (`t` when compressed) is the
 *    time of every stat that has none of its own.
 * Reports are never modified once built: each line makes new entries for what it touches, so earlier reports
 * stay as they were.
 */
import type { StatsEntry } from './dump';
import { cleanValue, finiteNumber, isRecord, own, ownKeys, type JsonRecord } from './untrusted';
import type { Warnings } from './warnings';

export type StatsMap = ReadonlyMap<string, StatsEntry>;

/** Fields webrtc-internals computes itself (`[bytesSent_in_bits/s]`); Chrome's rtcstats dump copies them in. */
function isComputedField(key: string): boolean {
  return key.startsWith('[');
}

/** The delta's fields written over a copy of the previous entry (or a new one), the timestamp left to the caller. */
function mergeFields(id: string, previous: StatsEntry | undefined, delta: JsonRecord, nested: boolean): StatsEntry {
  const entry: StatsEntry = previous ? { ...previous } : { id };
  for (const key of ownKeys(delta)) {
    if (key === 'timestamp' || key === 'id' || isComputedField(key)) continue;
    const value = cleanValue(own(delta, key));
    if (value === undefined) continue;
    const before = entry[key];
    entry[key] = nested && isRecord(before) && isRecord(value) ? { ...before, ...value } : value;
  }
  return entry;
}

export interface JitsiDeltaOptions {
  /** The report's time, for `timestamp: 0` and for new stats without one. */
  reportTime: number;
  /** Whether a stat missing from the line was removed (client protocol 3 and later). */
  missingMeansRemoved: boolean;
}

export function applyJitsiDelta(
  base: StatsMap,
  delta: JsonRecord,
  options: JitsiDeltaOptions,
  warnings: Warnings,
): Map<string, StatsEntry> {
  const next = new Map<string, StatsEntry>();
  if (!options.missingMeansRemoved) for (const [id, entry] of base) next.set(id, entry);
  for (const id of ownKeys(delta)) {
    if (id === 'timestamp') continue;
    const change = own(delta, id);
    if (!isRecord(change)) {
      warnings.add(`stat "${id}" is not an object; skipped`);
      continue;
    }
    const entry = mergeFields(id, base.get(id), change, false);
    const stated = finiteNumber(own(change, 'timestamp'));
    if (stated !== null && stated !== 0) entry.timestamp = stated;
    else if (stated === 0 || finiteNumber(entry.timestamp) === null) entry.timestamp = options.reportTime;
    next.set(id, entry);
  }
  return next;
}

/** The collapsed report timestamp of an rtcstats v3 line, when it has one. */
export function collapsedTimestamp(delta: JsonRecord): number | null {
  return finiteNumber(own(delta, 'timestamp')) ?? finiteNumber(own(delta, 't'));
}

/** Property names a v3 client compressed to numbers (a static table we do not carry). */
export function hasCompressedNames(delta: JsonRecord): boolean {
  for (const id of ownKeys(delta)) {
    const stat = own(delta, id);
    if (isRecord(stat) && ownKeys(stat).some((key) => /^\d+$/.test(key))) return true;
  }
  return false;
}

export interface RtcstatsDeltaTimes {
  /** The line's collapsed timestamp: every stat without its own gets it, the unchanged ones too. */
  collapsed: number | null;
  /** When the line was written, for a new stat that states no time at all. */
  lineTime: number;
}

export function applyRtcstatsDelta(
  base: StatsMap,
  delta: JsonRecord,
  times: RtcstatsDeltaTimes,
  warnings: Warnings,
): Map<string, StatsEntry> {
  const next = new Map<string, StatsEntry>();
  for (const [id, entry] of base) next.set(id, times.collapsed === null ? entry : { ...entry, timestamp: times.collapsed });
  for (const id of ownKeys(delta)) {
    const change = own(delta, id);
    if (change === null) {
      next.delete(id);
      continue;
    }
    if (!isRecord(change)) {
      // The collapsed timestamp sits beside the stats as a plain number.
      if ((id === 'timestamp' || id === 't') && typeof change === 'number') continue;
      warnings.add(`stat "${id}" is not an object; skipped`);
      continue;
    }
    const entry = mergeFields(id, base.get(id), change, true);
    const stated = finiteNumber(own(change, 'timestamp')) ?? times.collapsed;
    if (stated !== null) entry.timestamp = stated;
    else if (finiteNumber(entry.timestamp) === null) entry.timestamp = times.lineTime;
    next.set(id, entry);
  }
  return next;
}
