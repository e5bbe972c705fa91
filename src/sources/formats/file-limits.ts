/**
 * How much of a file the widget will read: files come from strangers (a customer's dump attached to a ticket),
 * so every reader stops at these. Chosen from what real recordings weigh — the largest chrome://webrtc-internals
 * dumps found publicly are 4–5 MB; a 10-minute mesh call's rtcstats file is about 1 MB — with room to spare,
 * and low enough that a file at the limits opens without holding the page for long (`npm run bench`
 * measures it: see docs/performance.md).
 */
export const FILE_LIMITS = {
  /** Bytes of a file (after unzipping a .gz): over three times the largest real dump. */
  maxBytes: 16 * 1024 * 1024,
  /** JSON nesting: real recordings nest 4–6 levels. */
  maxDepth: 64,
  /**
   * Values in one JSON document (one file, one rtcstats line, one webrtc-internals series). The densest real
   * file is our own session export: a whole recording at the recorder's default cap (12 hours) with every field
   * reported holds 605 000 in 15.5 MB (file-limits.test.ts keeps it under this). Every value can be an object the
   * page holds until the file is read, and the collector's pauses grow with them: a million cost ~190 ms at once.
   */
  maxValues: 650_000,
  /** Characters of one rtcstats line or webrtc-internals series: real series come to ~380 kB at most, lines to 75 kB. */
  maxItemChars: 1024 * 1024,
  /** Points in one webrtc-internals series: Chrome keeps at most 1 000 (MAX_STATS_DATA_POINT_BUFFER_SIZE). */
  maxSeriesPoints: 10_000,
  /** Peer connections in one dump: the largest mesh among the real recordings has 7; a 50-person mesh, 49. */
  maxConnections: 256,
  /** Stats objects in one getStats() report: the largest real report has 141; each remote track adds a few. */
  maxStatsPerReport: 5_000,
  /** Samples (polls) in one recording: 2.5 days at one poll a second. */
  maxSamples: 200_000,
} as const;

export type FileLimits = typeof FILE_LIMITS;
