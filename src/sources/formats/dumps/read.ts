/**
 * Reads any stats dump QA has: a file's text or its parsed JSON in, one StatsDump out, the format detected from
 * the content. readDump reads in one go, readDumpAsync in slices that leave the event loop free; both run the
 * same reading (readDumpReading), a generator that yields between lines and series.
 */
import { DumpError, type StatsDump } from './dump';
import { runInSlices, runToEnd, SLICE_MS, type Reading } from './pacing';
import { detectRtcstats, readRtcstats } from './rtcstats';
import { readSnapshot, snapshotShape, type SnapshotShape } from './snapshot';
import { isRecord, own } from './untrusted';
import { describeJsonFault } from '../json-fault';
import { readJson } from '../json-reader';
import { isWebrtcInternalsDump, readWebrtcInternals } from './webrtc-internals';

const NOT_A_DUMP =
  'This is not a WebRTC stats dump. Expected a chrome://webrtc-internals dump, an rtcstats file ' +
  'or a saved getStats() result';

type Detected =
  | { kind: 'rtcstats'; text: string }
  | { kind: 'webrtc-internals'; dump: Record<string, unknown> }
  | { kind: 'snapshot'; items: unknown[]; shape: SnapshotShape }
  | { kind: 'none'; why: string };

/** Names the other recordings people open by mistake, so the error can say what the file is instead. */
function otherFormat(value: unknown): string | null {
  if (!isRecord(value)) return null;
  if (Array.isArray(own(value, 'samples')) && own(value, 'version') !== undefined) return 'a Call Health session export';
  if (Array.isArray(own(value, 'samples')) && typeof own(value, 'intervalMs') === 'number') return 'a Call Health trace';
  if (Array.isArray(own(value, 'metrics'))) return 'a Daily /logs response';
  return null;
}

function detectParsed(value: unknown): Detected {
  if (isWebrtcInternalsDump(value)) return { kind: 'webrtc-internals', dump: value };
  const shape = snapshotShape(value);
  if (shape !== null && Array.isArray(value)) return { kind: 'snapshot', items: value, shape };
  const other = otherFormat(value);
  return { kind: 'none', why: other ? `${NOT_A_DUMP}; this looks like ${other}.` : `${NOT_A_DUMP}.` };
}

function* detectText(raw: string): Reading<Detected> {
  const text = raw.startsWith('\uFEFF') ? raw.slice(1) : raw;
  const start = text.trimStart();
  if (start === '') return { kind: 'none', why: 'The file is empty.' };
  if (detectRtcstats(start) !== null) return { kind: 'rtcstats', text: start };
  if (!start.startsWith('{') && !start.startsWith('[')) return { kind: 'none', why: `${NOT_A_DUMP}; the file is not JSON.` };
  const parsed = yield* readJson(start);
  if (!parsed.ok) return { kind: 'none', why: `${NOT_A_DUMP}; ${describeJsonFault(start, parsed.fault)}.` };
  return detectParsed(parsed.value);
}

function* detect(input: unknown): Reading<Detected> {
  try {
    return typeof input === 'string' ? yield* detectText(input) : detectParsed(input);
  } catch {
    // A hostile object (a throwing getter, a Proxy) is not a dump either.
    return { kind: 'none', why: `${NOT_A_DUMP}.` };
  }
}

/**
 * Whether `input` (text or parsed JSON) is a stats dump this module reads. False for the recordings another
 * parser handles (session exports, traces, Daily /logs responses) and for anything else.
 */
export function looksLikeDump(input: unknown): boolean {
  return runToEnd(detect(input)).kind !== 'none';
}

/** The reading shared by readDump and readDumpAsync; throws DumpError('not-a-dump') for anything else. */
export function* readDumpReading(input: unknown): Reading<StatsDump> {
  const detected = yield* detect(input);
  try {
    switch (detected.kind) {
      case 'rtcstats':
        return yield* readRtcstats(detected.text);
      case 'webrtc-internals':
        return yield* readWebrtcInternals(detected.dump);
      case 'snapshot':
        return yield* readSnapshot(detected.items, detected.shape);
      case 'none':
        throw new DumpError('not-a-dump', detected.why);
    }
  } catch (error) {
    if (error instanceof DumpError) throw error;
    // The readers skip what they can't read; getting here means the input fought back (getters, proxies).
    const why = error instanceof Error ? error.message : String(error);
    throw new DumpError('not-a-dump', `${NOT_A_DUMP}; it could not be read (${why}).`);
  }
}

/** Reads a stats dump (file text, a UTF-8 BOM allowed, or parsed JSON) in one go. Throws DumpError('not-a-dump'). */
export function readDump(input: unknown): StatsDump {
  return runToEnd(readDumpReading(input));
}

/**
 * As readDump, but hands the event loop a turn whenever it has worked for about `sliceMs` (default `SLICE_MS`), so
 * opening a large dump never holds the page for long.
 */
export function readDumpAsync(input: unknown, options: { sliceMs?: number } = {}): Promise<StatsDump> {
  const { sliceMs } = options;
  const usable = sliceMs !== undefined && Number.isFinite(sliceMs) && sliceMs >= 0;
  return runInSlices(readDumpReading(input), usable ? sliceMs : SLICE_MS);
}
