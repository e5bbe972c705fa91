/**
 * What every stats-dump format is read into: per peer connection, the full getStats() reports in time order
 * (delta compression undone, series regrouped), the connection-state changes, and the recording browser.
 * The dump readers (one file per format beside this one) only read; the WebRTC maths runs on the result.
 */

/** Every dump format the readers know; listed here, without the readers, so a Recording's format can be told apart cheaply. */
export const DUMP_FORMATS = [
  /** chrome://webrtc-internals "Create Dump", current (with `statsType` and `<id>-timestamp` series). */
  'webrtc-internals',
  /** chrome://webrtc-internals "Create Dump" of Chrome ≤ ~90: type from the id's prefix, times from startTime..endTime. */
  'webrtc-internals-legacy',
  /** rtcstats JSON-lines `[event, pcId, value, ms]` with delta-compressed `getstats` (Jitsi's rtcstats-server). */
  'rtcstats',
  /** rtcstats v3: a first line `RTCStatsDump`, then `{"fileFormat":3}`, then JSON arrays. */
  'rtcstats-v3',
  /** One getStats() result: `Array.from(report)`, `[{key, value}]`, or an array of stats objects. */
  'getstats-snapshot',
] as const;

export type DumpFormat = (typeof DUMP_FORMATS)[number];

/** One stats object as recorded (its `id`, `type`, `timestamp` and fields). */
export type StatsEntry = Record<string, unknown>;

/** One getStats() call of one connection: the whole report as it was at `at`. */
export interface DumpReport {
  /** ms since the epoch when the dump has wall-clock times, else ms since the recording began. */
  at: number;
  /** Keyed by stats id; a Map so a hostile id (`__proto__`) is only a key. */
  report: Map<string, StatsEntry>;
}

export interface DumpStateChange {
  at: number;
  /** `onconnectionstatechange` (RTCPeerConnectionState). */
  connectionState?: string;
  /** `oniceconnectionstatechange` (RTCIceConnectionState). */
  iceConnectionState?: string;
}

export interface DumpConnection {
  /** The dump's own name for it (rtcstats pcId, webrtc-internals `<pid>-<lid>`). */
  id: string;
  reports: DumpReport[];
  states: DumpStateChange[];
  /** When the page closed it (`close` event), if recorded. */
  closedAt: number | null;
  /** Its reports hold only the legacy `goog*`/`ssrc` stats of old Chrome: nothing standard to measure. */
  legacyOnly: boolean;
}

export interface StatsDump {
  format: DumpFormat;
  /** The recording browser's user agent, when the dump carries it. */
  userAgent: string | null;
  connections: DumpConnection[];
  /** Things skipped while reading (a malformed line, a series that couldn't be read), for the user to see. */
  warnings: string[];
}

/** `too-many`: more connections, stats in a report or polls than FILE_LIMITS allows. */
export type DumpErrorCode = 'not-a-dump' | 'no-connections' | 'legacy-only' | 'no-media' | 'too-many';

/** A file that is not a dump, or one that can't be replayed; `code` says which, the message says why in words. */
export class DumpError extends Error {
  override name = 'DumpError';
  readonly code: DumpErrorCode;
  constructor(code: DumpErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}
