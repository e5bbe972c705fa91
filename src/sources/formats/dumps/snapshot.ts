/**
 * A single getStats() result saved as JSON: `Array.from(report)` (`[id, stats]` pairs), `[{key, value}]`, or an
 * array of stats objects that carry their own `id`. One connection, one report.
 */
import { Connections } from './connections';
import type { StatsDump, StatsEntry } from './dump';
import type { Reading } from './pacing';
import { cleanValue, finiteNumber, isRecord, isUsableKey, own, type JsonRecord } from './untrusted';
import { Warnings } from './warnings';

export type SnapshotShape = 'pairs' | 'key-value' | 'stats';

export const SNAPSHOT_CONNECTION_ID = 'snapshot';

/** The stats id and object of one element, when it has the given shape. */
function element(shape: SnapshotShape, item: unknown): [string, JsonRecord] | null {
  if (shape === 'pairs') {
    if (!Array.isArray(item) || item.length !== 2) return null;
    const [id, stats] = item;
    return typeof id === 'string' && isRecord(stats) ? [id, stats] : null;
  }
  if (!isRecord(item)) return null;
  if (shape === 'key-value') {
    const id = own(item, 'key');
    const stats = own(item, 'value');
    return typeof id === 'string' && isRecord(stats) ? [id, stats] : null;
  }
  const id = own(item, 'id');
  return typeof id === 'string' && typeof own(item, 'type') === 'string' ? [id, item] : null;
}

/** The snapshot's shape, decided by its first element and confirmed by most of the others; null if it is none. */
export function snapshotShape(value: unknown): SnapshotShape | null {
  if (!Array.isArray(value) || value.length === 0) return null;
  const first: unknown = value[0];
  const shape = (['pairs', 'key-value', 'stats'] as const).find((candidate) => element(candidate, first) !== null);
  if (shape === undefined) return null;
  const matching = value.filter((item: unknown) => element(shape, item) !== null).length;
  return matching * 2 >= value.length ? shape : null;
}

export function* readSnapshot(items: readonly unknown[], shape: SnapshotShape): Reading<StatsDump> {
  const warnings = new Warnings();
  const report = new Map<string, StatsEntry>();
  let at: number | null = null;
  for (const [index, item] of items.entries()) {
    const found = element(shape, item);
    if (found === null || !isUsableKey(found[0])) {
      warnings.add(`element ${index}: not a stats entry; skipped`);
      continue;
    }
    const [id, stats] = found;
    const entry = cleanValue(stats);
    if (!isRecord(entry)) continue;
    // The id the report keys it by wins over whatever the object says.
    report.set(id, { ...entry, id });
    const timestamp = finiteNumber(entry.timestamp);
    // The report's time is its newest stat: remote stats carry the older time of their RTCP report.
    if (timestamp !== null && (at === null || timestamp > at)) at = timestamp;
    yield;
  }
  const connections = new Connections();
  if (report.size > 0) connections.get(SNAPSHOT_CONNECTION_ID).addReport({ at: at ?? 0, report });
  return { format: 'getstats-snapshot', userAgent: null, connections: connections.finish(), warnings: warnings.toArray() };
}
