// The referee's own reader of getStats() recordings: Jitsi rtcstats JSON-lines dumps (delta-compressed,
// undone here) and single `Array.from(report)` snapshots, read into per-connection reports and state
// changes. Part of the independent referee (referee.ts): nothing here is imported from src/.

export type Json = string | number | boolean | null | readonly Json[] | { readonly [key: string]: Json };
/** One stat object after decompression: `id`, `type`, `timestamp` and whatever fields the browser reported. */
export type Stat = { readonly [field: string]: Json | undefined };

export interface StatsReport {
  /**
   * When the report was taken (ms since the epoch): the value's top-level `timestamp`, which the recording
   * client sets to the newest stat timestamp in the line (when the browser sampled the counters); the
   * line's own time (when the client wrote it, a few ms to a few hundred ms later) where there is none.
   */
  readonly t: number;
  readonly stats: ReadonlyMap<string, Stat>;
}

export type StateKind = 'connectionState' | 'iceConnectionState' | 'closed';
export interface StateChange {
  readonly t: number;
  readonly kind: StateKind;
  readonly state: string;
}

export interface PcRecording {
  readonly pcId: string;
  /** In the order of the file, which is the order the delta compression was applied in. */
  readonly reports: readonly StatsReport[];
  /** Sorted by time: dumps do not always write events in time order. */
  readonly states: readonly StateChange[];
  /**
   * Stats that appeared (were not in the previous line) without a `type`. A dump written by an older
   * client that leaves unchanged stats out shows this; for such a dump "absent" does not mean removed and
   * this reader, which follows the current client, loses those stats.
   */
  readonly untypedNewStats: number;
}

export interface Recording {
  readonly format: 'rtcstats' | 'snapshot';
  readonly pcs: readonly PcRecording[];
}

export function isRecord(v: Json | undefined): v is { readonly [key: string]: Json } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function num(v: Json | undefined): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

export function str(v: Json | undefined): string | null {
  return typeof v === 'string' ? v : null;
}

const STATE_EVENTS: Readonly<Record<string, StateKind>> = {
  onconnectionstatechange: 'connectionState',
  oniceconnectionstatechange: 'iceConnectionState',
  close: 'closed',
};

/**
 * Reads an rtcstats JSON-lines dump: every line `[event, pcId, value, timestampMs]`.
 *
 * `getstats` values are delta-compressed by the recording client: a stat present in a line carries only
 * the fields that changed since the previous line of the same connection (merged here onto the previous
 * values); a stat absent from a line no longer exists. The client moves the newest stat timestamp to the
 * value's top-level `timestamp` and writes 0 in the stats that had it, so a stat's `timestamp` of 0 means
 * that top-level time (Jitsi's own decompression, src/utils/getstats-deltacompression.js, reads it so; the
 * line's time is later, by when the client got round to writing it). A missing `timestamp` means it did
 * not change, so the previous one stays (a stat seen for the first time without one gets the report's
 * time). In the oldest dumps `value` is itself a JSON string.
 */
export function readRtcstats(text: string): Recording {
  interface Building {
    reports: StatsReport[];
    states: StateChange[];
    previous: Map<string, Stat>;
    untypedNewStats: number;
  }
  const pcs = new Map<string, Building>();
  const building = (pcId: string): Building => {
    let b = pcs.get(pcId);
    if (!b) {
      b = { reports: [], states: [], previous: new Map(), untypedNewStats: 0 };
      pcs.set(pcId, b);
    }
    return b;
  };

  const lines = text.split('\n');
  for (const [index, raw] of lines.entries()) {
    const line = raw.trim();
    if (line === '') continue;
    const entry = JSON.parse(line) as Json;
    if (!Array.isArray(entry)) throw new Error(`line ${index + 1}: not an [event, pcId, value, time] array`);
    const [event, pcId, rawValue, time] = entry as readonly Json[];
    // Events that belong to no connection (getUserMedia, connectionInfo, a close of a connection made before
    // the recording started) say nothing about any connection graded here.
    if (typeof event !== 'string' || typeof pcId !== 'string') continue;
    const t = num(time);
    if (t === null) throw new Error(`line ${index + 1}: no numeric time`);

    const stateKind = STATE_EVENTS[event];
    if (stateKind) {
      const state = stateKind === 'closed' ? 'closed' : str(rawValue);
      if (state !== null) building(pcId).states.push({ t, kind: stateKind, state });
      continue;
    }
    if (event !== 'getstats') continue;

    const value: Json = typeof rawValue === 'string' ? (JSON.parse(rawValue) as Json) : (rawValue ?? null);
    if (!isRecord(value)) throw new Error(`line ${index + 1}: getstats value is not an object`);
    const b = building(pcId);
    const reportT = num(value['timestamp']) ?? t;
    const next = new Map<string, Stat>();
    for (const [id, delta] of Object.entries(value)) {
      // The recording client also writes the newest stat timestamp at the top level: not a stat.
      if (!isRecord(delta)) continue;
      const before = b.previous.get(id);
      if (!before && delta['type'] === undefined) b.untypedNewStats += 1;
      const merged: Record<string, Json | undefined> = { ...before, ...delta, id };
      if (delta['timestamp'] === 0 || (delta['timestamp'] === undefined && before?.['timestamp'] === undefined)) {
        merged['timestamp'] = reportT;
      }
      next.set(id, merged);
    }
    b.previous = next;
    b.reports.push({ t: reportT, stats: next });
  }

  return {
    format: 'rtcstats',
    pcs: [...pcs.entries()]
      .filter(([, b]) => b.reports.length > 0)
      .map(([pcId, b]) => ({
        pcId,
        reports: b.reports,
        // A stable sort keeps the file's order for events written with the same time.
        states: [...b.states].sort((x, y) => x.t - y.t),
        untypedNewStats: b.untypedNewStats,
      })),
  };
}

/**
 * Reads one getStats() result saved as `Array.from(report)` (an array of `[id, stat]` pairs). It becomes a
 * single connection with a single report, timed by the newest stat timestamp in it.
 */
export function readSnapshot(text: string): Recording {
  const parsed = JSON.parse(text) as Json;
  if (!Array.isArray(parsed)) throw new Error('a snapshot is an array of [id, stat] pairs');
  const stats = new Map<string, Stat>();
  let t = -Infinity;
  for (const pair of parsed as readonly Json[]) {
    if (!Array.isArray(pair)) throw new Error('a snapshot is an array of [id, stat] pairs');
    const [id, stat] = pair as readonly Json[];
    if (typeof id !== 'string' || !isRecord(stat)) throw new Error('a snapshot is an array of [id, stat] pairs');
    stats.set(id, { ...stat, id });
    t = Math.max(t, num(stat['timestamp']) ?? -Infinity);
  }
  if (!Number.isFinite(t)) t = 0;
  return { format: 'snapshot', pcs: [{ pcId: 'snapshot', reports: [{ t, stats }], states: [], untypedNewStats: 0 }] };
}

/** Either format, told apart by shape: a snapshot is one JSON array of pairs, a dump one array per line. */
export function readRecording(text: string): Recording {
  const firstLine = text.trimStart().split('\n', 1)[0] ?? '';
  try {
    const whole = JSON.parse(text) as Json;
    const first = Array.isArray(whole) ? (whole as readonly Json[])[0] : undefined;
    if (Array.isArray(first) && first.length === 2) return readSnapshot(text);
  } catch {
    // Not one JSON document: a JSON-lines dump.
  }
  if (!firstLine.startsWith('[')) throw new Error('neither an rtcstats dump nor a getStats snapshot');
  return readRtcstats(text);
}
