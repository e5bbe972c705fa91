/**
 * Puts webrtc-internals series back on a common time axis. webrtc-internals polls getStats() about once a second
 * (a "tick") and appends one value to the series of every field present in that report, so the series of one
 * connection share ticks but not lengths: a stat or a field that appeared later, or vanished earlier, has fewer.
 *  - Current Chrome also records every stat's `timestamp`. Local stats are stamped with the tick's time, so their
 *    timestamps are the ticks; remote-inbound/outbound-rtp carry the time of the last RTCP report instead, which
 *    is before the tick and can repeat, so a sample goes to the first tick at or after its time, and never to
 *    the same tick as the sample before it.
 *  - Old dumps have only each series' startTime and endTime: the samples are spread evenly between them, the
 *    ticks are the spread of the longest local series, and a sample goes to the nearest tick (remote stats: the
 *    first tick at or after it), again one tick per sample.
 */

export interface FieldSeries {
  field: string;
  values: unknown[];
  startMs: number | null;
  endMs: number | null;
}

export interface StatSeries {
  id: string;
  /** `statsType` as the dump states it (current Chrome), else null. */
  typeHint: string | null;
  /** The resolved stats type, null when nothing tells it. */
  type: string | null;
  /** The media kind implied by an old id's prefix. */
  kind: 'audio' | 'video' | null;
  fields: FieldSeries[];
  /** The stat's `timestamp` series, when the dump has one: when each of its samples was taken. */
  timestamps: number[] | null;
}

export interface Timeline {
  ticks: number[];
  /** The usual time between ticks (ms). */
  spacing: number;
}

/** Timestamps this close are the same getStats() call (the dump rounds startTime/endTime to ms). */
const SAME_TICK_MS = 1;
const DEFAULT_SPACING_MS = 1000;

const REMOTE_TYPES: ReadonlySet<string> = new Set(['remote-inbound-rtp', 'remote-outbound-rtp']);

function isRemote(stat: StatSeries): boolean {
  return stat.type !== null && REMOTE_TYPES.has(stat.type);
}

function spread(start: number, end: number, count: number): number[] {
  if (count === 1) return [end];
  const step = (end - start) / (count - 1);
  return Array.from({ length: count }, (_, index) => start + index * step);
}

function medianSpacing(ticks: readonly number[]): number {
  const gaps: number[] = [];
  for (let index = 1; index < ticks.length; index += 1) gaps.push((ticks[index] ?? 0) - (ticks[index - 1] ?? 0));
  gaps.sort((a, b) => a - b);
  const median = gaps[Math.floor(gaps.length / 2)];
  return median !== undefined && median > 0 ? median : DEFAULT_SPACING_MS;
}

function ticksFromTimestamps(stats: readonly StatSeries[]): number[] {
  const stamped = stats.filter((stat) => stat.timestamps !== null);
  const local = stamped.filter((stat) => !isRemote(stat));
  const times = (local.length > 0 ? local : stamped)
    .flatMap((stat) => stat.timestamps ?? [])
    .filter((time) => Number.isFinite(time))
    .sort((a, b) => a - b);
  const ticks: number[] = [];
  for (const time of times) {
    const last = ticks[ticks.length - 1];
    if (last === undefined || time - last > SAME_TICK_MS) ticks.push(time);
  }
  return ticks;
}

function ticksFromSpread(stats: readonly StatSeries[]): number[] {
  let clock: FieldSeries | null = null;
  const candidates = stats.filter((stat) => !isRemote(stat));
  for (const stat of candidates.length > 0 ? candidates : stats) {
    for (const series of stat.fields) {
      if (series.startMs === null || series.endMs === null || series.values.length === 0) continue;
      const better =
        clock === null ||
        series.values.length > clock.values.length ||
        (series.values.length === clock.values.length && series.startMs < (clock.startMs ?? Infinity));
      if (better) clock = series;
    }
  }
  if (clock === null || clock.startMs === null || clock.endMs === null) return [];
  return spread(clock.startMs, clock.endMs, clock.values.length);
}

/** The connection's ticks, or null when no series says when it was sampled. */
export function buildTimeline(stats: readonly StatSeries[]): Timeline | null {
  const stamped = stats.some((stat) => stat.timestamps !== null);
  const ticks = stamped ? ticksFromTimestamps(stats) : ticksFromSpread(stats);
  return ticks.length === 0 ? null : { ticks, spacing: medianSpacing(ticks) };
}

/** Index of the first tick at or after `time`, ticks.length when there is none. */
function firstTickFrom(ticks: readonly number[], time: number): number {
  let low = 0;
  let high = ticks.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((ticks[middle] ?? Infinity) < time) low = middle + 1;
    else high = middle;
  }
  return low;
}

function nearestTick(ticks: readonly number[], time: number): number {
  const after = firstTickFrom(ticks, time);
  if (after === 0) return 0;
  if (after === ticks.length) return ticks.length - 1;
  const before = after - 1;
  return time - (ticks[before] ?? 0) <= (ticks[after] ?? 0) - time ? before : after;
}

/** Index of the last stamp within SAME_TICK_MS of `time`, searching from `from`; -1 if none. */
function lastStampNear(stamps: readonly number[], time: number, from: number): number {
  for (let index = stamps.length - 1; index >= from; index -= 1) {
    if (Math.abs((stamps[index] ?? Number.NaN) - time) <= SAME_TICK_MS) return index;
  }
  return -1;
}

/**
 * Which of the stat's samples a field's values belong to. The field's startTime and endTime are the timestamps of
 * its first and last sample. When it has fewer values than samples between those two, it was missing from some
 * polls in between, and the dump doesn't say which: the first value stays at the start and the rest are put at
 * the end, so the latest values, the ones that matter most, are right.
 */
function sampleIndices(series: FieldSeries, stamps: readonly number[]): number[] {
  const count = series.values.length;
  const start = series.startMs;
  const end = series.endMs;
  const first = start === null ? -1 : stamps.findIndex((time) => Math.abs(time - start) <= SAME_TICK_MS);
  const last = end === null ? -1 : lastStampNear(stamps, end, Math.max(first, 0));
  const run = (from: number): number[] => Array.from({ length: count }, (_, index) => from + index);
  if (first === -1 && last === -1) return run(Math.max(0, stamps.length - count));
  if (first === -1) return run(Math.max(0, last - count + 1));
  if (last === -1 || last - first + 1 <= count || count < 2) return run(first);
  return [first, ...run(last - count + 2).slice(0, count - 1)];
}

/**
 * The tick of each of a stamped stat's samples: the first tick at or after the sample's time, and always after
 * the previous sample's tick (remote stats repeat a timestamp until the next RTCP report).
 */
export function stampedTicks(stamps: readonly number[], timeline: Timeline): number[] {
  const { ticks } = timeline;
  let previous = -1;
  return stamps.map((time) => {
    const tick = Math.min(Math.max(firstTickFrom(ticks, time - SAME_TICK_MS), previous + 1), ticks.length - 1);
    previous = tick;
    return tick;
  });
}

/**
 * Where each value of a series lands: [tick index, value] pairs, one tick per value, in order. `statTicks` is the
 * stat's stampedTicks when it has a timestamp series. Null when the series says nothing about when it was sampled.
 */
export function placeSeries(
  series: FieldSeries,
  stat: StatSeries,
  statTicks: readonly number[] | null,
  timeline: Timeline,
): Array<[number, unknown]> | null {
  if (stat.timestamps !== null && statTicks !== null) {
    const placed: Array<[number, unknown]> = [];
    sampleIndices(series, stat.timestamps).forEach((sample, index) => {
      const tick = statTicks[sample];
      if (tick !== undefined) placed.push([tick, series.values[index]]);
    });
    return placed;
  }
  const { startMs, endMs } = series;
  const count = series.values.length;
  if (startMs === null || endMs === null || count === 0) return null;
  const { ticks } = timeline;
  const remote = isRemote(stat);
  const placed: Array<[number, unknown]> = [];
  let previous = -1;
  spread(startMs, endMs, count).forEach((time, index) => {
    // A remote stat's time is when its RTCP report arrived: before the poll that first saw it.
    let tick = remote ? firstTickFrom(ticks, time) : nearestTick(ticks, time);
    // Past the last tick the later sample wins there.
    tick = Math.min(Math.max(tick, previous + 1), ticks.length - 1);
    previous = tick;
    placed.push([tick, series.values[index]]);
  });
  return placed;
}
