/**
 * rtcstats JSON-lines files: each line `[event, pcId, value, …]`.
 *  - Jitsi's rtcstats-server files: `[event, pcId, value, timestampMs]` (sometimes a sequence number after it); the
 *    first `connectionInfo` line carries the user agent and the client protocol; in the oldest files `value` is a
 *    JSON string.
 *  - rtcstats v3: a first line `RTCStatsDump`, a metadata object, then arrays whose last element is the time since
 *    the previous line (the first one since the epoch), with the method name sometimes compressed to a number.
 * Lines are read one at a time (a yield after each), so a large file can be read in slices.
 */
import { Connections } from './connections';
import type { StatsDump, StatsEntry } from './dump';
import type { Reading } from './pacing';
import {
  applyJitsiDelta,
  applyRtcstatsDelta,
  collapsedTimestamp,
  hasCompressedNames,
  type StatsMap,
} from './rtcstats-delta';
import { stateChange, stateField } from './states';
import { finiteNumber, isRecord, isUsableKey, own, parseJson, readItem, type JsonRecord, type Parsed } from './untrusted';
import { Warnings } from './warnings';
import { NATIVE_MAX_CHARS } from '../json-reader';

export const RTCSTATS_V3_HEADER = 'RTCStatsDump';

/** The v3 method ids this reader needs (rtcstats' static method table); other methods are not read. */
const V3_METHODS: ReadonlyMap<string, string> = new Map([
  ['g', 'getStats'],
  ['1', 'getStats'],
  ['24', 'oniceconnectionstatechange'],
  ['25', 'onconnectionstatechange'],
  ['36', 'close'],
  ['39', 'create'],
]);

/** An event line's shape: a name, a connection id or null, a value. */
function isEventLine(value: unknown): value is unknown[] {
  return (
    Array.isArray(value) &&
    value.length >= 3 &&
    (typeof value[0] === 'string' || typeof value[0] === 'number') &&
    (typeof value[1] === 'string' || value[1] === null)
  );
}

/** `["getstats","PC_0",` … `,1600000000000]` (a sequence number may follow the time). */
const LONG_EVENT_START = /^\[\s*"[^"]*"\s*,\s*("[^"]*"|null)\s*,/;
const LONG_EVENT_END = /,\s*-?\d+(\.\d+)?\s*(,\s*\d+\s*)?\]$/;

/** How many non-empty lines detection looks at before deciding a file is not rtcstats. */
const DETECTION_LINES = 5;

/**
 * Whether text (BOM already stripped) is an rtcstats file: the v3 header, or one of its first lines an event with
 * a time. Only lines that start like an event (`["name"`) are parsed, so a one-line JSON file isn't parsed twice.
 */
export function detectRtcstats(text: string): 'rtcstats' | 'rtcstats-v3' | null {
  let position = 0;
  let checked = 0;
  while (position < text.length && checked < DETECTION_LINES) {
    const newline = text.indexOf('\n', position);
    const end = newline === -1 ? text.length : newline;
    const line = text.slice(position, end).trim();
    position = end + 1;
    if (line === '') continue;
    if (checked === 0 && line === RTCSTATS_V3_HEADER) return 'rtcstats-v3';
    checked += 1;
    if (!/^\[\s*"/.test(line)) continue;
    // A long line is judged by its ends (parsing it whole here would hold the page); real ones are under 75 kB.
    if (line.length > NATIVE_MAX_CHARS) {
      if (LONG_EVENT_START.test(line.slice(0, 512)) && LONG_EVENT_END.test(line.slice(-64))) return 'rtcstats';
      continue;
    }
    const parsed = parseJson(line);
    const event = parsed.ok ? parsed.value : null;
    if (isEventLine(event) && typeof event[0] === 'string' && finiteNumber(event[3]) !== null) return 'rtcstats';
  }
  return null;
}

function methodName(raw: unknown, v3: boolean): string | null {
  if (typeof raw === 'string') return v3 ? (V3_METHODS.get(raw) ?? raw) : raw;
  if (typeof raw === 'number' && v3) return V3_METHODS.get(String(raw)) ?? null;
  return null;
}

/** A value that the oldest Jitsi clients wrote as a JSON string, parsed; anything else as it is. */
function jsonValue(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const trimmed = value.trim();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return value;
  const parsed = parseJson(trimmed);
  return parsed.ok ? parsed.value : value;
}

/** The client protocol major version of a Jitsi `connectionInfo` (`"3.1_STANDARD"` → 3). */
function protocolVersion(info: JsonRecord): number {
  const raw = own(info, 'clientProtocol');
  // Only a number or a string: String() of an object from the file runs its toString, which may not be one.
  const version = typeof raw === 'number' ? raw : typeof raw === 'string' ? Number.parseInt(raw, 10) : Number.NaN;
  return Number.isFinite(version) ? version : 0;
}

class RtcstatsReader {
  readonly warnings = new Warnings();
  readonly connections = new Connections();
  userAgent: string | null = null;
  private clientProtocol = 0;
  private v3Clock = 0;
  private compressedNamesNoted = false;
  private readonly baseStats = new Map<string, StatsMap>();

  constructor(private readonly v3: boolean) {}

  readMetadata(parsed: Parsed, lineNumber: number): void {
    if (!parsed.ok || !isRecord(parsed.value)) {
      this.warnings.add(`line ${lineNumber}: the rtcstats v3 metadata is not a JSON object`);
      return;
    }
    this.noteUserAgent(own(parsed.value, 'userAgent'));
  }

  readLine(parsed: Parsed, lineNumber: number): void {
    if (!parsed.ok) {
      this.warnings.add(`line ${lineNumber}: ${parsed.tooLong ? 'longer than a line may be (1 MB)' : 'not JSON'}; skipped`);
      return;
    }
    if (!isEventLine(parsed.value)) {
      this.warnings.add(`line ${lineNumber}: not an rtcstats event; skipped`);
      return;
    }
    const event = parsed.value;
    const method = methodName(event[0], this.v3);
    if (method === null) {
      this.warnings.add(`line ${lineNumber}: no event name; skipped`);
      return;
    }
    const time = this.lineTime(event, lineNumber);
    const rawPc = event[1];
    const pcId = typeof rawPc === 'string' && isUsableKey(rawPc) ? rawPc : null;
    const value = jsonValue(event[2]);

    if (method === 'connectionInfo' || (method === 'create' && rawPc === null)) {
      if (!isRecord(value)) return;
      this.noteUserAgent(own(value, 'userAgent'));
      if (method === 'connectionInfo' && this.clientProtocol === 0) this.clientProtocol = protocolVersion(value);
      return;
    }
    if (pcId === null) return;
    if (method === 'getstats' || method === 'getStats') {
      this.readStats(method, pcId, value, time, lineNumber);
      return;
    }
    if (method === 'create') {
      this.connections.get(pcId);
      return;
    }
    if (method === 'close' || stateField(method) !== null) {
      if (time === null) {
        this.warnings.add(`line ${lineNumber}: "${method}" has no time; skipped`);
        return;
      }
      const connection = this.connections.get(pcId);
      if (method === 'close') {
        connection.markClosed(time);
        return;
      }
      const change = stateChange(method, value, time);
      if (change) connection.addState(change);
      else this.warnings.add(`line ${lineNumber}: "${method}" has no state; skipped`);
    }
  }

  private lineTime(event: unknown[], lineNumber: number): number | null {
    if (!this.v3) return finiteNumber(event[3]);
    const delta = finiteNumber(event[event.length - 1]);
    if (delta === null) {
      this.warnings.add(`line ${lineNumber}: no time delta; the time is not advanced`);
      return null;
    }
    this.v3Clock += delta;
    return this.v3Clock;
  }

  private noteUserAgent(value: unknown): void {
    if (this.userAgent === null && typeof value === 'string' && value.trim() !== '') this.userAgent = value;
  }

  private readStats(method: string, pcId: string, value: unknown, time: number | null, lineNumber: number): void {
    if (!isRecord(value)) {
      this.warnings.add(`line ${lineNumber}: the stats are not an object; skipped`);
      return;
    }
    const base: StatsMap = this.baseStats.get(pcId) ?? new Map();
    let at: number | null;
    let next: Map<string, StatsEntry>;
    if (this.v3) {
      if (time === null) return;
      if (!this.compressedNamesNoted && hasCompressedNames(value)) {
        this.compressedNamesNoted = true;
        this.warnings.add(`line ${lineNumber}: stats property names are compressed to numbers; they are kept as they are`);
      }
      const collapsed = collapsedTimestamp(value);
      at = collapsed ?? time;
      next = applyRtcstatsDelta(base, value, { collapsed, lineTime: time }, this.warnings);
    } else {
      // The report's own time is the line's top-level `timestamp`; the event time is a fallback.
      at = finiteNumber(own(value, 'timestamp')) ?? time;
      if (at === null) {
        this.warnings.add(`line ${lineNumber}: stats without a time; skipped`);
        return;
      }
      // A full `getStats` report (older rtcstats clients) replaces everything, like a delta on nothing.
      const full = method === 'getStats';
      const options = { reportTime: at, missingMeansRemoved: full || this.clientProtocol >= 3 };
      next = applyJitsiDelta(full ? new Map() : base, value, options, this.warnings);
    }
    this.baseStats.set(pcId, next);
    // Safe to share with the next line's base: deltas build new maps and entries, never edit old ones.
    this.connections.get(pcId).addReport({ at, report: next });
  }
}

/** An old Jitsi line's value written as a long JSON string, read in slices here rather than whole by jsonValue. */
function* withLongValueRead(parsed: Parsed): Reading<Parsed> {
  if (!parsed.ok || !Array.isArray(parsed.value)) return parsed;
  const value: unknown = parsed.value[2];
  if (typeof value !== 'string' || value.length <= NATIVE_MAX_CHARS || !/^\s*[{[]/.test(value)) return parsed;
  const inner = yield* readItem(value.trim());
  if (inner.ok) parsed.value[2] = inner.value;
  return parsed;
}

export function* readRtcstats(text: string): Reading<StatsDump> {
  const v3 = detectRtcstats(text) === 'rtcstats-v3';
  const reader = new RtcstatsReader(v3);
  let position = 0;
  let lineNumber = 0;
  let header = v3;
  let metadata = v3;
  while (position < text.length) {
    const newline = text.indexOf('\n', position);
    const end = newline === -1 ? text.length : newline;
    const line = text.slice(position, end).trim();
    position = end + 1;
    lineNumber += 1;
    if (line === '') continue;
    if (header) header = false;
    else if (metadata) {
      metadata = false;
      reader.readMetadata(yield* readItem(line), lineNumber);
    } else reader.readLine(yield* withLongValueRead(yield* readItem(line)), lineNumber);
    yield;
  }
  return {
    format: v3 ? 'rtcstats-v3' : 'rtcstats',
    userAgent: reader.userAgent,
    connections: reader.connections.finish(),
    warnings: reader.warnings.toArray(),
  };
}
