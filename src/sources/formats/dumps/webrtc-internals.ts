/**
 * chrome://webrtc-internals "Create Dump" files: `{ getUserMedia, PeerConnections: { "<pid>-<lid>": { updateLog,
 * stats: { "<statId>-<field>": { startTime, endTime, statsType?, values: "<JSON array>" } } } }, UserAgent }`.
 * The per-field series are regrouped into one full report per getStats() poll (see webrtc-internals-timeline).
 * Series are read one at a time (a yield after each), so a large dump can be read in slices.
 */
import { Connections, type ConnectionBuilder } from './connections';
import type { StatsDump, StatsEntry } from './dump';
import { CANDIDATE, typeFromLegacyId } from './legacy-stats-ids';
import type { Reading } from './pacing';
import { stateChange, stateField } from './states';
import { cleanValue, isRecord, isUsableKey, own, ownKeys, parseJson, readItem, toMs, unquote, type JsonRecord } from './untrusted';
import { Warnings } from './warnings';
import { NATIVE_MAX_CHARS } from '../json-reader';
import { FILE_LIMITS } from '../file-limits';
import { buildTimeline, placeSeries, stampedTicks, type StatSeries, type Timeline } from './webrtc-internals-timeline';

/** Series webrtc-internals computes itself, `<statId>-[bytesSent_in_bits/s]`: not stats, so not read. */
const COMPUTED_SERIES = /-\[.*\]$/;

export function isWebrtcInternalsDump(value: unknown): value is JsonRecord {
  return isRecord(value) && isRecord(own(value, 'PeerConnections'));
}

const TOO_MANY_POINTS: unique symbol = Symbol('too many points');

/** A series' values: a JSON array in a string (as Chrome writes it), an array, or `[a,b]` with bare words. */
function* seriesValues(raw: unknown): Reading<unknown[] | null | typeof TOO_MANY_POINTS> {
  if (Array.isArray(raw)) return raw.length > FILE_LIMITS.maxSeriesPoints ? TOO_MANY_POINTS : raw.map(plainValue);
  if (typeof raw !== 'string') return null;
  // Reading stops one value past the limit (the array itself counts as one), so an absurd series costs no more
  // than a long real one: its values would all be held while it is read.
  const parsed = yield* readItem(raw, FILE_LIMITS.maxSeriesPoints + 1);
  if (!parsed.ok && parsed.tooMany) return TOO_MANY_POINTS;
  if (parsed.ok && Array.isArray(parsed.value) && parsed.value.length > FILE_LIMITS.maxSeriesPoints) return TOO_MANY_POINTS;
  if (parsed.ok) return Array.isArray(parsed.value) ? parsed.value.map(plainValue) : null;
  // Bare words are read token by token, which only a short series can afford.
  if (raw.length > NATIVE_MAX_CHARS) return null;
  const trimmed = raw.trim();
  if (!trimmed.startsWith('[') || !trimmed.endsWith(']')) return null;
  const inner = trimmed.slice(1, -1).trim();
  if (inner === '') return [];
  return inner.split(',').map((token) => {
    const value = parseJson(token.trim());
    return value.ok ? plainValue(value.value) : token.trim();
  });
}

/** Strings stay strings, a string that is itself JSON-quoted (`"\"succeeded\""`) loses its quotes. */
function plainValue(value: unknown): unknown {
  return typeof value === 'string' ? unquote(value) : value;
}

function lastValue(stat: StatSeries, field: string): unknown {
  const series = stat.fields.find((candidate) => candidate.field === field);
  return series?.values[series.values.length - 1];
}

function lastString(stat: StatSeries, field: string): string | null {
  const value = lastValue(stat, field);
  return typeof value === 'string' ? value : null;
}

/** Types from `statsType`, a `type` series, or (old dumps) the id's prefix; candidates by isRemote or pair references. */
function resolveTypes(stats: ReadonlyMap<string, StatSeries>): void {
  const remoteCandidates = new Set<string>();
  for (const stat of stats.values()) {
    const legacy = typeFromLegacyId(stat.id);
    stat.type = stat.typeHint ?? lastString(stat, 'type') ?? legacy?.type ?? null;
    stat.kind = legacy?.kind ?? null;
    if (stat.type === 'candidate-pair') {
      const remote = stat.fields.find((series) => series.field === 'remoteCandidateId');
      for (const id of remote?.values ?? []) if (typeof id === 'string') remoteCandidates.add(id);
    }
  }
  for (const stat of stats.values()) {
    if (stat.type !== CANDIDATE) continue;
    const isRemote = lastValue(stat, 'isRemote');
    const remote = typeof isRemote === 'boolean' ? isRemote : remoteCandidates.has(stat.id);
    stat.type = remote ? 'remote-candidate' : 'local-candidate';
  }
}

function readSeries(key: string, raw: unknown, values: unknown[] | null | typeof TOO_MANY_POINTS, stats: Map<string, StatSeries>, warnings: Warnings, pcId: string): void {
  // Stat ids contain "-" themselves; the field never does.
  const cut = key.lastIndexOf('-');
  const id = key.slice(0, cut);
  const field = key.slice(cut + 1);
  if (cut <= 0 || !isUsableKey(id) || !isUsableKey(field)) {
    warnings.add(`${pcId}: series "${key}" is not "<statId>-<field>"; skipped`);
    return;
  }
  if (values === TOO_MANY_POINTS) {
    warnings.add(`${pcId}: series "${key}" has more than ${FILE_LIMITS.maxSeriesPoints.toLocaleString('en-US')} points (Chrome keeps 1,000); skipped`);
    return;
  }
  if (!isRecord(raw) || values === null) {
    warnings.add(`${pcId}: series "${key}" has no readable values; skipped`);
    return;
  }
  let stat = stats.get(id);
  if (!stat) {
    stat = { id, typeHint: null, type: null, kind: null, fields: [], timestamps: null };
    stats.set(id, stat);
  }
  const statsType = own(raw, 'statsType');
  if (typeof statsType === 'string' && statsType !== '') stat.typeHint = statsType;
  if (field === 'id') return;
  if (field === 'timestamp') stat.timestamps = values.map((value) => toMs(value) ?? Number.NaN);
  stat.fields.push({ field, values, startMs: toMs(own(raw, 'startTime')), endMs: toMs(own(raw, 'endTime')) });
}

/** Update-log entries read between offers to yield: real logs hold dozens, a file within the limits hundreds of thousands. */
const LOG_STEP = 4096;

function* readUpdateLog(log: unknown, connection: ConnectionBuilder, warnings: Warnings): Reading<void> {
  if (log === undefined) return;
  if (!Array.isArray(log)) {
    warnings.add(`${connection.id}: updateLog is not a list; skipped`);
    return;
  }
  let read = 0;
  for (const event of log) {
    if (++read % LOG_STEP === 0) yield;
    if (!isRecord(event)) continue;
    const type = own(event, 'type');
    if (typeof type !== 'string') continue;
    const isClose = type.toLowerCase() === 'close';
    if (!isClose && stateField(type) === null) continue;
    // Current Chrome writes `timestamp` in ms, older Chrome a date string in `time`.
    const at = toMs(own(event, 'time')) ?? toMs(own(event, 'timestamp'));
    if (at === null) {
      warnings.add(`${connection.id}: "${type}" without a readable time; skipped`);
      continue;
    }
    if (isClose) {
      connection.markClosed(at);
      continue;
    }
    const change = stateChange(type, own(event, 'value'), at);
    if (change) connection.addState(change);
    else warnings.add(`${connection.id}: "${type}" without a state; skipped`);
  }
}

/** Adds one stat's samples to the per-tick reports. */
function placeStat(
  stat: StatSeries,
  timeline: Timeline,
  ticks: Array<Map<string, StatsEntry> | undefined>,
  warnings: Warnings,
  pcId: string,
): void {
  const hasKind = stat.fields.some((series) => series.field === 'kind');
  const statTicks = stat.timestamps === null ? null : stampedTicks(stat.timestamps, timeline);
  for (const series of stat.fields) {
    if (series.field === 'type') continue;
    const placed = placeSeries(series, stat, statTicks, timeline);
    if (placed === null) {
      warnings.add(`${pcId}: series "${stat.id}-${series.field}" has no times; skipped`);
      continue;
    }
    for (const [tick, raw] of placed) {
      const value = cleanValue(raw);
      if (value === undefined) continue;
      let report = ticks[tick];
      if (!report) {
        report = new Map();
        ticks[tick] = report;
      }
      let entry = report.get(stat.id);
      if (!entry) {
        entry = { id: stat.id };
        if (stat.type !== null) entry.type = stat.type;
        if (stat.kind !== null && !hasKind) entry.kind = stat.kind;
        report.set(stat.id, entry);
      }
      entry[series.field] = value;
    }
  }
}

export function* readWebrtcInternals(dump: JsonRecord): Reading<StatsDump> {
  const warnings = new Warnings();
  const connections = new Connections();
  const found = own(dump, 'PeerConnections');
  const peerConnections: JsonRecord = isRecord(found) ? found : {};
  let current = false;
  let anyStats = false;
  for (const pcId of ownKeys(peerConnections)) {
    const pc = own(peerConnections, pcId);
    if (!isRecord(pc)) {
      warnings.add(`${pcId}: not a peer connection object; skipped`);
      continue;
    }
    const connection = connections.get(pcId);
    yield* readUpdateLog(own(pc, 'updateLog'), connection, warnings);
    const rawStats = own(pc, 'stats');
    if (!isRecord(rawStats)) {
      if (rawStats !== undefined) warnings.add(`${pcId}: stats is not an object; skipped`);
      continue;
    }
    const stats = new Map<string, StatSeries>();
    for (const key of ownKeys(rawStats)) {
      if (COMPUTED_SERIES.test(key)) continue;
      const raw = own(rawStats, key);
      const values = isRecord(raw) ? yield* seriesValues(own(raw, 'values')) : null;
      readSeries(key, raw, values, stats, warnings, pcId);
      yield;
    }
    if (stats.size === 0) continue;
    anyStats = true;
    if ([...stats.values()].some((stat) => stat.typeHint !== null || stat.timestamps !== null)) current = true;
    resolveTypes(stats);
    const untyped = [...stats.values()].filter((stat) => stat.type === null).length;
    if (untyped > 0) warnings.add(`${pcId}: ${untyped} stats of unknown type (kept without a type)`);
    const timeline = buildTimeline([...stats.values()]);
    if (timeline === null) {
      warnings.add(`${pcId}: no series says when it was sampled; its stats are skipped`);
      continue;
    }
    const ticks: Array<Map<string, StatsEntry> | undefined> = new Array(timeline.ticks.length);
    for (const stat of stats.values()) {
      placeStat(stat, timeline, ticks, warnings, pcId);
      yield;
    }
    ticks.forEach((report, index) => {
      const at = timeline.ticks[index];
      if (!report || at === undefined) return;
      // Old dumps have no timestamp series: a stat was sampled at its tick.
      for (const entry of report.values()) if (typeof entry.timestamp !== 'number') entry.timestamp = at;
      connection.addReport({ at, report });
    });
  }
  const userAgent = own(dump, 'UserAgent') ?? own(dump, 'userAgent');
  return {
    format: current || !anyStats ? 'webrtc-internals' : 'webrtc-internals-legacy',
    userAgent: typeof userAgent === 'string' && userAgent !== '' ? userAgent : null,
    connections: connections.finish(),
    warnings: warnings.toArray(),
  };
}
