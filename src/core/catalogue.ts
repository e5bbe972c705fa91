/**
 * The one metric catalogue. Every table that must agree — which fields a sample holds, their units,
 * labels, how a metric is read from a sample, which metrics are graded and against what, what a
 * browser can't report, how a value is formatted — lives here and nowhere else.
 */

/** Fields of Daily's `stats.latest`, in storage (and CSV column) order. */
export const FIELDS = [
  'sendBitsPerSecond',
  'recvBitsPerSecond',
  'videoSendBitsPerSecond',
  'videoRecvBitsPerSecond',
  'audioSendBitsPerSecond',
  'audioRecvBitsPerSecond',
  'totalSendPacketLoss',
  'totalRecvPacketLoss',
  'videoSendPacketLoss',
  'videoRecvPacketLoss',
  'audioSendPacketLoss',
  'audioRecvPacketLoss',
  'networkRoundTripTime',
  'videoSendJitter',
  'videoRecvJitter',
  'audioSendJitter',
  'audioRecvJitter',
  'availableOutgoingBitrate',
] as const;

export type Field = (typeof FIELDS)[number];
export type Unit = 'bps' | 'fraction' | 's';

/** Everything that depends only on a unit: how it prints, its valid range, its CSV label, its chart and trend. */
export interface UnitDef {
  /** Human text of a finite value. */
  format(value: number): string;
  /** The largest valid raw value: loss is a fraction, an RTT past 10 min or 100 Gbit/s is garbage. */
  max: number;
  /** The unit as the CSV header states it. */
  csv: string;
  /** The smallest y span a sparkline shows, so a flat series near zero isn't blown up into noise. */
  chartMinSpan: number;
  /** A change smaller than this between window halves is noise, not a rising or falling trend. */
  trendNoise: number;
}

export const UNITS: Readonly<Record<Unit, UnitDef>> = {
  fraction: {
    format: (v) => {
      const pct = v * 100;
      return `${pct < 10 && pct > 0 ? pct.toFixed(1) : Math.round(pct)} %`;
    },
    max: 1, csv: '0-1', chartMinSpan: 0.02, trendNoise: 0.005,
  },
  s: { format: (v) => `${Math.round(v * 1000)} ms`, max: 600, csv: 's', chartMinSpan: 0.05, trendNoise: 0.005 },
  bps: {
    format: (v) => (v >= 1e6 ? `${(v / 1e6).toFixed(v >= 1e7 ? 0 : 1)} Mbps` : `${Math.round(v / 1000)} kbps`),
    max: 1e11, csv: 'bit/s', chartMinSpan: 200_000, trendNoise: 50_000,
  },
};

/** Unit of each raw field, as Daily reports it. Used by normalisation (loss > 1 is invalid) and export. */
export function fieldUnit(field: Field): Unit {
  if (field.endsWith('PacketLoss')) return 'fraction';
  if (field.endsWith('Jitter') || field === 'networkRoundTripTime') return 's';
  return 'bps';
}

/** A record with one entry per key, each made by `make`: how the tables keyed by catalogue ids are built. */
export function recordOf<K extends string, V>(keys: readonly K[], make: (key: K) => V): Record<K, V> {
  // The one cast: Object.fromEntries can't know the keys are exactly K.
  return Object.fromEntries(keys.map((k) => [k, make(k)])) as Record<K, V>;
}

export const FIELD_INDEX: Readonly<Record<Field, number>> = recordOf(FIELDS, (f) => FIELDS.indexOf(f));

/** Reads one field of one stored sample; null when the browser didn't report it. */
export type SampleReader = (field: Field) => number | null;

/** The four network states, worst last but for unknown (no verdict): the one list of them. */
export const NETWORK_STATES = ['good', 'warning', 'bad', 'unknown'] as const;
export type NetworkState = (typeof NETWORK_STATES)[number];

/** The warning and bad bounds of one graded metric, in the metric's own unit (fraction, seconds, bits/s). */
export interface Bounds {
  warning: number;
  bad: number;
}
/** @deprecated The old name of `Bounds` (a "level" is a grade: good, warning, bad). */
export type Level = Bounds;

interface MetricSpec {
  id: string;
  /** Short label for the panel and export. */
  label: string;
  unit: Unit;
  /** 'up' = the metric is bad when high (loss, RTT); 'down' = bad when low (available bitrate). */
  worse: 'up' | 'down';
  /**
   * Graded metrics only: the default bounds. A graded metric is a reason key: it needs its sentence and action
   * in the labels (`Labels.reasons` / `Labels.actions`, which the type checker asks for).
   */
  grade?: Bounds;
  /**
   * Why a live call in a browser that does report it (Chromium, Safari) leaves it null; shown next to "n/a".
   * A replayed recording says it isn't in the recording instead (see src/ui/provenance.ts).
   */
  missingWhy: string;
  /**
   * Why it is null live in Firefox (`{browser}` is the browser, "Firefox 153"). `dailyOnly`: Firefox has the
   * raw figures and the widget's own WebRTC maths computes it there; only Daily's getNetworkStats() leaves
   * it null in Firefox (Daily's docs), so the excuse is Daily's, and only for Daily's figures.
   */
  firefoxGap?: { why: string; dailyOnly?: true };
  read: (get: SampleReader) => number | null;
}

function maxOrNull(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return a > b ? a : b;
}

function lossFrom(total: Field, video: Field, audio: Field) {
  return (get: SampleReader) => get(total) ?? maxOrNull(get(video), get(audio));
}

const NO_MEDIA = 'No media flowing in this direction';
/** Daily's docs: in Firefox its getNetworkStats() leaves the round trip and audio send jitter null. */
const NOT_FROM_DAILY = { why: 'Not reported by Daily in {browser}', dailyOnly: true } as const;

/*
 * Where the default bounds come from. Daily's in-call grading thresholds are not published, so we take the
 * ones it publishes for its pre-call tests (testCallQuality / testPeerToPeerCallQuality): loss < 5 % good,
 * 5–10 % warning, ≥ 10 % bad; RTT < 300 ms good, 300–600 ms warning, ≥ 600 ms bad. Upload floor: Azure
 * Communication Services' bandwidth needs — 360p video needs 500 kbps — and below 150 kbps not even
 * low-resolution video fits beside audio.
 */
const LOSS_BOUNDS: Bounds = { warning: 0.05, bad: 0.1 };

/**
 * Every metric, declared once. Display and grading order: the graded metrics first, in Daily's reason order.
 * The metric ids, the reason keys, the default thresholds and every table keyed by them derive from this.
 */
export const METRICS = [
  {
    id: 'sendPacketLoss', label: 'Upload packet loss', unit: 'fraction', worse: 'up', grade: LOSS_BOUNDS, missingWhy: NO_MEDIA,
    read: lossFrom('totalSendPacketLoss', 'videoSendPacketLoss', 'audioSendPacketLoss'),
  },
  {
    id: 'recvPacketLoss', label: 'Download packet loss', unit: 'fraction', worse: 'up', grade: LOSS_BOUNDS, missingWhy: NO_MEDIA,
    read: lossFrom('totalRecvPacketLoss', 'videoRecvPacketLoss', 'audioRecvPacketLoss'),
  },
  {
    id: 'roundTripTime', label: 'Round-trip time', unit: 's', worse: 'up', grade: { warning: 0.3, bad: 0.6 },
    missingWhy: 'Not reported by this browser (no round trip measured yet)',
    firefoxGap: NOT_FROM_DAILY,
    read: (get) => get('networkRoundTripTime'),
  },
  {
    id: 'availableOutgoingBitrate', label: 'Available upload', unit: 'bps', worse: 'down', grade: { warning: 500_000, bad: 150_000 },
    missingWhy: 'Only estimated while video is being sent',
    firefoxGap: { why: 'Not reported by this browser ({browser} gives no bandwidth estimate)' },
    // An audio-only caller needs far less than the video floor: grade the estimate only while video is sent.
    read: (get) => {
      const video = get('videoSendBitsPerSecond');
      return video !== null && video > 0 ? get('availableOutgoingBitrate') : null;
    },
  },
  { id: 'sendBitsPerSecond', label: 'Upload bitrate', unit: 'bps', worse: 'down', missingWhy: NO_MEDIA, read: (get) => get('sendBitsPerSecond') },
  { id: 'recvBitsPerSecond', label: 'Download bitrate', unit: 'bps', worse: 'down', missingWhy: NO_MEDIA, read: (get) => get('recvBitsPerSecond') },
  { id: 'videoRecvJitter', label: 'Video jitter (in)', unit: 's', worse: 'up', missingWhy: NO_MEDIA, read: (get) => get('videoRecvJitter') },
  { id: 'audioRecvJitter', label: 'Audio jitter (in)', unit: 's', worse: 'up', missingWhy: NO_MEDIA, read: (get) => get('audioRecvJitter') },
  { id: 'videoSendJitter', label: 'Video jitter (out)', unit: 's', worse: 'up', missingWhy: NO_MEDIA, read: (get) => get('videoSendJitter') },
  {
    id: 'audioSendJitter', label: 'Audio jitter (out)', unit: 's', worse: 'up',
    missingWhy: NO_MEDIA,
    firefoxGap: NOT_FROM_DAILY,
    read: (get) => get('audioSendJitter'),
  },
] as const satisfies readonly MetricSpec[];

type Declared = (typeof METRICS)[number];
export type MetricId = Declared['id'];
/** The graded metrics: those declared with a `grade`. */
export type ReasonKey = Extract<Declared, { grade: Bounds }>['id'];
export interface MetricDef extends MetricSpec {
  id: MetricId;
}

function isGraded(m: Declared): m is Extract<Declared, { grade: Bounds }> {
  return 'grade' in m;
}

/** The graded metrics' declarations, in grading order: where the default thresholds come from. */
export const GRADED_METRICS = METRICS.filter(isGraded);
/** The graded metrics' ids, in grading order. */
export const REASONS: readonly ReasonKey[] = GRADED_METRICS.map((m) => m.id);
/** Every metric's id, in display order. */
export const METRIC_IDS: readonly MetricId[] = METRICS.map((m) => m.id);

export function metricDef(id: MetricId): MetricDef {
  const def: MetricDef | undefined = METRICS.find((m) => m.id === id);
  if (!def) throw new Error(`unknown metric ${id}`);
  return def;
}

/** Human formatting of a value in a metric's unit. Never prints NaN/Infinity: null or non-finite → "n/a". */
export function formatValue(value: number | null, unit: Unit): string {
  if (value === null || !Number.isFinite(value)) return 'n/a';
  return UNITS[unit].format(value);
}
