import { FIELDS, type Field } from '../../core/catalogue';
import { DailyLogsError, dailyLogsReading, type DailyLogsTimeline } from './daily-logs';
import type { IncidentExport, SessionExport } from '../../core/session/export';
import { isRecord, own } from '../../core/live/normalize';
import { DUMP_FORMATS, type DumpErrorCode, type DumpFormat } from './dumps/dump';
import type { DumpSelection } from './dumps/dump-recording';
import { runInSlices, runToEnd, SLICE_MS, turnAfter, type Reading } from './dumps/pacing';
import { loadDumpReader, loadedDumpReader } from './dump-reader';
import { medianSpacing, traceReading, type Trace } from './trace';

// Everything the replay source can play, turned into the one format it plays: a Trace. A recorded session
// (or one incident of it), a Daily /logs response and a getStats() dump are converted here, so replay.ts
// stays one player.

export type RecordingFormat = 'trace' | 'session' | 'incident' | 'daily-logs' | DumpFormat;

/** A playable recording: the trace to play, where it came from, and the catalogue fields its format can't carry. */
export interface Recording {
  format: RecordingFormat;
  trace: Trace;
  /** Fields the format has no place for (Daily's /logs: RTT, jitter, send loss…); empty for our own exports. */
  lacks: readonly Field[];
  warnings: readonly string[];
  /** The recording browser's user agent, where the file says (stats dumps), so a gap reads as that browser's. */
  userAgent?: string | null;
  /** A stats dump's peer connections (their ids) and which of them were replayed. */
  connections?: { all: readonly string[]; replayed: readonly string[] };
}

/** Anything `createReplaySource` accepts: in memory as typed, or a file's text or parsed JSON (validated either way). */
export type ReplayInput = Trace | SessionExport | IncidentExport | DailyLogsTimeline | Recording | string;

/**
 * Which way a file could not be replayed: not a recording at all, broken, a dump with nothing to replay,
 * or a dump given to the synchronous parser before the dump reader was loaded (see loadDumpReader).
 */
export type RecordingErrorCode =
  | 'invalid'
  | 'dump-reader-not-loaded'
  /** Over FILE_LIMITS.maxBytes (before or after unzipping). */
  | 'too-large'
  | 'empty'
  /** Not text: NUL bytes, undecodable, an archive. */
  | 'binary'
  /** JSON (or a .gz) that ends mid-way. */
  | 'truncated'
  | 'not-json'
  /** JSON nested past FILE_LIMITS.maxDepth. */
  | 'too-deep'
  | DumpErrorCode;

/** The input is none of the formats a replay can play, or is broken; `code` says which. */
export class RecordingError extends Error {
  override name = 'RecordingError';
  readonly code: RecordingErrorCode;
  constructor(message: string, code: RecordingErrorCode = 'invalid') {
    super(message);
    this.code = code;
  }
}

export const NOT_A_RECORDING =
  'not a recording: expected a chrome://webrtc-internals or rtcstats dump, a getStats() snapshot, an exported session or incident, or a saved Daily /logs response';

/** Which of a stats dump's connections to replay (all of them, as a mesh page is watched, by default). */
export type RecordingOptions = DumpSelection;

/**
 * Detects what `input` is — a trace, an `exportSession()` JSON, an `exportIncident()` JSON, a Daily `/logs`
 * response (raw or parsed), or a getStats() dump (webrtc-internals, rtcstats, a snapshot) — and converts it to
 * a validated Recording. Text is parsed as JSON first (a dump's own format is detected from its text).
 * Throws RecordingError saying what is wrong; never trusts the shape it was given.
 */
export function parseRecording(input: unknown, options: RecordingOptions = {}): Recording {
  const reader = loadedDumpReader();
  if (reader) return runToEnd(reader.untrustedRecording(input, options));
  const json = asJson(input);
  if (json !== NOT_JSON && isExport(json)) return parseExport(json);
  {
    if (mayBeDump(input, json)) {
      throw new RecordingError(
        'This looks like a getStats() dump: open it with parseRecordingAsync(input), or `await loadDumpReader()` first.',
        'dump-reader-not-loaded',
      );
    }
    return parseExport(json === NOT_JSON ? input : json);
  }
}

/**
 * As parseRecording, without holding the page for long: the file readers are loaded if they aren't yet, and
 * a 16 MB file is read and replayed in slices of about SLICE_MS, giving the event loop a turn between them.
 * Text is held to FILE_LIMITS (size, nesting, counts); see also openRecordingFile.
 */
export async function parseRecordingAsync(input: unknown, options: RecordingOptions = {}): Promise<Recording> {
  const reader = loadedDumpReader() ?? (await loadDumpReader());
  return runInSlices(reader.untrustedRecording(input, options), SLICE_MS);
}

/**
 * A file a person chose or dropped (a File or any Blob), opened as parseRecordingAsync opens text: refused
 * before it is read when larger than FILE_LIMITS.maxBytes, unzipped when gzipped (within the same limit), read
 * as UTF-16 when saved so. For file pickers and drop targets.
 */
export async function openRecordingFile(file: Blob, options: RecordingOptions = {}): Promise<Recording> {
  const reader = loadedDumpReader() ?? (await loadDumpReader());
  return runInSlices(reader.untrustedRecording(await reader.fileText(file), options), SLICE_MS);
}

const NOT_JSON: unique symbol = Symbol('not JSON');

/** Text parsed once (a dump's reader gets the parsed value, not the text again); JSON lines are not JSON. */
function asJson(input: unknown): unknown {
  if (typeof input !== 'string') return input;
  try {
    return JSON.parse(input.startsWith('\uFEFF') ? input.slice(1) : input);
  } catch {
    return NOT_JSON;
  }
}

/** One of our own formats (broken or not: its own parser says what is wrong), as opposed to a dump or nothing. */
export function isExport(json: unknown): boolean {
  if (!isRecord(json)) return false;
  return (
    (isFormat(own(json, 'format')) && isRecord(own(json, 'trace'))) ||
    own(json, 'kind') === 'incident' ||
    (Array.isArray(own(json, 'samples')) && (own(json, 'version') !== undefined || own(json, 'intervalMs') !== undefined)) ||
    Array.isArray(own(json, 'metrics')) ||
    (Array.isArray(own(json, 'intervals')) && Array.isArray(own(json, 'lacks'))) ||
    (typeof own(json, 'name') === 'string' && own(json, 'intervalMs') !== undefined)
  );
}

/** A cheap look, for the sync parser's message: JSON lines, an rtcstats v3 header, webrtc-internals, a stats array. */
function mayBeDump(input: unknown, json: unknown): boolean {
  if (typeof input === 'string' && /^\s*(\[|RTCStatsDump)/.test(input.replace(/^\uFEFF/, ''))) return true;
  return Array.isArray(json) || (isRecord(json) && own(json, 'PeerConnections') !== undefined);
}

export function parseExport(input: unknown): Recording {
  return runToEnd(exportReading(input));
}

/** As parseExport, with turns offered as it goes: a 12-hour session holds over 20 000 samples. */
export function* exportReading(input: unknown): Reading<Recording> {
  const json = typeof input === 'string' ? parseJson(input) : input;
  if (!isRecord(json)) throw new RecordingError('not a recording: expected a JSON object');
  try {
    const format = own(json, 'format');
    if (isFormat(format) && isRecord(own(json, 'trace'))) return yield* fromRecording(format, json);
    if (own(json, 'kind') === 'incident') return yield* fromSamples('incident', json, `Incident ${incidentId(own(json, 'id'))}`);
    if (Array.isArray(own(json, 'samples')) && own(json, 'version') !== undefined) return yield* fromSamples('session', json, 'Session');
    if (Array.isArray(own(json, 'metrics'))) return yield* fromLogs(yield* dailyLogsReading(json));
    if (Array.isArray(own(json, 'intervals')) && Array.isArray(own(json, 'lacks'))) return yield* fromLogs(json);
    if (typeof own(json, 'name') === 'string' && own(json, 'intervalMs') !== undefined) {
      return { format: 'trace', trace: yield* traceAs('trace', json), lacks: [], warnings: [] };
    }
  } catch (err) {
    if (err instanceof RecordingError) throw err;
    if (err instanceof DailyLogsError || err instanceof Error) throw new RecordingError(err.message);
    throw err;
  }
  throw new RecordingError(NOT_A_RECORDING);
}

/** An incident's id for its name. Ours are numbers; anything else a file holds may not even convert to text. */
function incidentId(id: unknown): string {
  return typeof id === 'number' || typeof id === 'string' ? String(id).slice(0, 40) : '(no id)';
}

function isFormat(v: unknown): v is RecordingFormat {
  return v === 'trace' || v === 'session' || v === 'incident' || v === 'daily-logs' || DUMP_FORMATS.some((f) => f === v);
}

/** A Recording handed back in (e.g. one kept from an earlier parse): checked again, it may have come from a file. */
function* fromRecording(format: RecordingFormat, json: Record<string, unknown>): Reading<Recording> {
  const userAgent = own(json, 'userAgent');
  const connections = own(json, 'connections');
  return {
    format,
    trace: yield* traceAs(format, own(json, 'trace')),
    lacks: fieldsIn(own(json, 'lacks')),
    warnings: stringsIn(own(json, 'warnings')),
    ...(typeof userAgent === 'string' ? { userAgent } : {}),
    ...(isRecord(connections) ? { connections: { all: stringsIn(own(connections, 'all')), replayed: stringsIn(own(connections, 'replayed')) } } : {}),
  };
}

/**
 * Our own export. Its `reportedNetworkState` is replayed as the source's verdict (Daily's); its local verdict
 * is not — the widget recomputes that, which is the point of replaying. Time runs from `startedAt` when it
 * precedes the first sample, so the replay measures for as long as the call did before its first sample.
 */
function* fromSamples(format: 'session' | 'incident', json: Record<string, unknown>, label: string): Reading<Recording> {
  const samples = own(json, 'samples');
  if (!Array.isArray(samples) || samples.length === 0) throw new RecordingError(`${format}: no samples to replay`);
  const times = samples.map((s: unknown, i) => {
    const ts = isRecord(s) ? own(s, 'timestamp') : undefined;
    if (typeof ts !== 'number' || !Number.isFinite(ts)) throw new RecordingError(`${format}.samples[${i}].timestamp: not a number`);
    return ts;
  });
  const first = times[0] ?? 0;
  const started = format === 'session' ? own(json, 'startedAt') : undefined;
  const origin = typeof started === 'number' && started <= first && first - started < 3_600_000 ? started : first;
  const raw = [];
  for (let i = 0; i < samples.length; i++) {
    yield* turnAfter(i);
    const rec: unknown = samples[i];
    const reported = isRecord(rec) ? own(rec, 'reportedNetworkState') : undefined;
    raw.push({ t: (times[i] ?? 0) - origin, latest: isRecord(rec) ? pickFields(rec) : {}, ...(typeof reported === 'string' ? { networkState: reported } : {}) });
  }
  const trace = yield* traceAs(format, { name: `${label} of ${isoOf(first)}`, description: describe(times), intervalMs: medianSpacing(times), samples: raw });
  return { format, trace, lacks: [], warnings: [] };
}

/**
 * A /logs timeline (what parseDailyLogs gives): one sample per interval with only the fields /logs carries.
 * What it lacks is the format's gap, not the browser's, and is said so (see Recording.lacks).
 */
function* fromLogs(input: DailyLogsTimeline | Record<string, unknown>): Reading<Recording> {
  const timeline: unknown = input;
  if (!isRecord(timeline)) throw new RecordingError('daily-logs: not a timeline');
  const intervals = own(timeline, 'intervals');
  const list = Array.isArray(intervals) ? intervals.filter(isRecord) : [];
  if (list.length === 0) throw new RecordingError('daily-logs: no metrics intervals with a time and a value');
  const times = list.map((iv, i) => {
    const ts = own(iv, 'timestamp');
    if (typeof ts !== 'number' || !Number.isFinite(ts)) throw new RecordingError(`daily-logs.intervals[${i}].timestamp: not a number`);
    return ts;
  });
  const first = times[0] ?? 0;
  const raw = [];
  for (const [i, iv] of list.entries()) {
    yield* turnAfter(i);
    const values = own(iv, 'values');
    raw.push({ t: (times[i] ?? 0) - first, latest: isRecord(values) ? pickFields(values) : {} });
  }
  const trace = yield* traceAs('daily-logs', { name: `Daily /logs of ${isoOf(first)}`, description: describe(times), intervalMs: medianSpacing(times), samples: raw });
  return { format: 'daily-logs', trace, lacks: fieldsIn(own(timeline, 'lacks')), warnings: stringsIn(own(timeline, 'warnings')) };
}

function fieldsIn(v: unknown): Field[] {
  return Array.isArray(v) ? FIELDS.filter((f) => v.includes(f)) : [];
}

function stringsIn(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((w): w is string => typeof w === 'string') : [];
}

export function* traceAs(format: RecordingFormat, json: unknown): Reading<Trace> {
  try {
    return yield* traceReading(json);
  } catch (err) {
    // The trace reader names the trace's paths; say which input they came from.
    throw new RecordingError(`${format}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

function pickFields(sample: Record<string, unknown>): Partial<Record<Field, unknown>> {
  const latest: Partial<Record<Field, unknown>> = {};
  for (const f of FIELDS) latest[f] = own(sample, f) ?? null;
  return latest;
}

function describe(times: readonly number[]): string {
  const span = Math.round(((times[times.length - 1] ?? 0) - (times[0] ?? 0)) / 1000);
  return `${times.length} samples over ${span} s`;
}

export function isoOf(ts: number): string {
  const d = new Date(ts);
  return Number.isFinite(d.getTime()) ? d.toISOString() : String(ts);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new RecordingError(NOT_A_RECORDING);
  }
}
