import { FIELDS, type Field } from '../../core/catalogue';
import { isRecord, normalizeTimestamp, normalizeValue, own } from '../../core/live/normalize';
import { runToEnd, turnAfter, type Reading } from './dumps/pacing';

/** Catalogue fields a `/logs` metrics entry maps to (bitrates as the interval's average). */
export const DAILY_LOGS_FIELDS = ['sendBitsPerSecond', 'recvBitsPerSecond', 'videoRecvPacketLoss'] as const satisfies readonly Field[];
export type DailyLogsField = (typeof DAILY_LOGS_FIELDS)[number];
type BitrateField = Extract<DailyLogsField, `${string}BitsPerSecond`>;

export interface DailyLogsInterval {
  /** ms; the entry's clientTime (the clock the live samples use), else its time. */
  timestamp: number;
  userSessionId: string | null;
  isSFU: boolean | null;
  values: Record<DailyLogsField, number | null>;
  min: Record<BitrateField, number | null>;
  max: Record<BitrateField, number | null>;
}

export interface DailyLogsTimeline {
  /** Oldest first (the endpoint answers newest first by default). */
  intervals: DailyLogsInterval[];
  /** Mapped fields with at least one value. */
  fields: DailyLogsField[];
  /** Catalogue fields this source gave no value for: RTT, jitter, send loss, audio… */
  lacks: Field[];
  userSessionIds: string[];
  /** Entries that weren't objects, had no usable time or no usable value. */
  skipped: number;
  warnings: string[];
  lossUnit: 'fraction' | 'percent';
}

export interface DailyLogsOptions {
  /** Keep one participant's entries (a response for a whole meeting holds everyone's). */
  userSessionId?: string;
  /**
   * The reference calls VideoRecPacketLoss "% packet loss", but Daily's docs say "percentage" for the 0–1
   * fractions of getNetworkStats() too. Default 'fraction'; values above 1 are dropped with a warning.
   */
  lossUnit?: 'fraction' | 'percent';
  /** Entries read at most (a saved file can be anything). Default 100 000. */
  maxEntries?: number;
}

/** The input isn't a `/logs` response with metrics. The only error parseDailyLogs throws. */
export class DailyLogsError extends Error {
  override name = 'DailyLogsError';
}

const BITRATE_KEYS: Record<BitrateField, readonly [avg: string, min: string, max: string]> = {
  sendBitsPerSecond: ['userSentBitsPerSecAvg', 'userSentBitsPerSecMin', 'userSentBitsPerSecMax'],
  recvBitsPerSecond: ['userRecvBitsPerSecAvg', 'userRecvBitsPerSecMin', 'userRecvBitsPerSecMax'],
};
// The reference spells it VideoRecPacketLoss; Daily's own example response has videoRecvPacketLoss.
const LOSS_KEYS = ['VideoRecPacketLoss', 'videoRecvPacketLoss'] as const;

/**
 * Reads a Daily `/logs` response saved with `includeMetrics=1` (an object, its JSON text, or the bare
 * `metrics` array) into per-interval values in the catalogue's names and units. Garbage entries and fields
 * are skipped and counted, never thrown; only input with no metrics list at all raises DailyLogsError.
 */
export function parseDailyLogs(input: unknown, options: DailyLogsOptions = {}): DailyLogsTimeline {
  return runToEnd(dailyLogsReading(input, options));
}

/** As parseDailyLogs, offering turns as it goes (a saved response may hold 100 000 entries). */
export function* dailyLogsReading(input: unknown, options: DailyLogsOptions = {}): Reading<DailyLogsTimeline> {
  const entries = metricsOf(typeof input === 'string' ? parseJson(input) : input);
  const lossUnit = options.lossUnit === 'percent' ? 'percent' : 'fraction';
  const max = typeof options.maxEntries === 'number' && options.maxEntries >= 0 ? options.maxEntries : 100_000;
  const warnings: string[] = [];
  const users = new Set<string>();
  const intervals: DailyLogsInterval[] = [];
  let skipped = 0;
  let lossOutOfRange = 0;

  for (const [i, entry] of entries.slice(0, max).entries()) {
    yield* turnAfter(i);
    if (!isRecord(entry)) {
      skipped++;
      continue;
    }
    const user = text(own(entry, 'userSessionId'));
    if (options.userSessionId !== undefined && user !== options.userSessionId) continue;
    const timestamp = timeOf(own(entry, 'clientTime')) ?? timeOf(own(entry, 'time'));
    const rawLoss = LOSS_KEYS.map((k) => own(entry, k)).find((v) => v !== undefined);
    const lossValue = typeof rawLoss === 'number' && lossUnit === 'percent' ? rawLoss / 100 : rawLoss;
    const loss = normalizeValue('videoRecvPacketLoss', lossValue);
    if (loss === null && typeof lossValue === 'number' && lossValue > 1) lossOutOfRange++;
    const sfu = own(entry, 'isSFU');
    const bitrate = (f: BitrateField, k: 0 | 1 | 2) => normalizeValue(f, own(entry, BITRATE_KEYS[f][k]));
    const interval: DailyLogsInterval = {
      timestamp: timestamp ?? 0,
      userSessionId: user,
      isSFU: typeof sfu === 'boolean' ? sfu : null,
      values: { sendBitsPerSecond: bitrate('sendBitsPerSecond', 0), recvBitsPerSecond: bitrate('recvBitsPerSecond', 0), videoRecvPacketLoss: loss },
      min: { sendBitsPerSecond: bitrate('sendBitsPerSecond', 1), recvBitsPerSecond: bitrate('recvBitsPerSecond', 1) },
      max: { sendBitsPerSecond: bitrate('sendBitsPerSecond', 2), recvBitsPerSecond: bitrate('recvBitsPerSecond', 2) },
    };
    if (timestamp === null || DAILY_LOGS_FIELDS.every((f) => interval.values[f] === null)) {
      skipped++;
      continue;
    }
    if (user !== null) users.add(user);
    intervals.push(interval);
  }

  if (entries.length > max) warnings.push(`only the first ${max} of ${entries.length} metrics entries were read`);
  if (lossOutOfRange > 0) {
    warnings.push(`${lossOutOfRange} packet-loss values above 1 were dropped; if this response reports percent, pass lossUnit: 'percent'`);
  }
  if (users.size > 1) warnings.push(`entries from ${users.size} participants are mixed; pass userSessionId to keep one`);
  intervals.sort((a, b) => a.timestamp - b.timestamp);
  const fields = DAILY_LOGS_FIELDS.filter((f) => intervals.some((iv) => iv.values[f] !== null));
  return {
    intervals,
    fields,
    lacks: FIELDS.filter((f) => !(fields as readonly Field[]).includes(f)),
    userSessionIds: [...users],
    skipped,
    warnings,
    lossUnit,
  };
}

function parseJson(textInput: string): unknown {
  try {
    return JSON.parse(textInput);
  } catch {
    throw new DailyLogsError('not JSON: expected a Daily /logs response');
  }
}

function metricsOf(input: unknown): unknown[] {
  if (Array.isArray(input)) return input;
  if (!isRecord(input)) throw new DailyLogsError('not a Daily /logs response (expected an object with a metrics array)');
  const metrics = own(input, 'metrics');
  if (!Array.isArray(metrics)) {
    throw new DailyLogsError('no metrics array: save the /logs response with includeMetrics=1');
  }
  return metrics;
}

function timeOf(v: unknown): number | null {
  if (typeof v === 'number') return normalizeTimestamp(v);
  if (typeof v !== 'string' || v.length > 64) return null;
  const ms = Date.parse(v);
  return Number.isFinite(ms) && ms > 0 ? ms : null;
}

function text(v: unknown): string | null {
  return typeof v === 'string' && v.length > 0 && v.length <= 200 ? v : null;
}
