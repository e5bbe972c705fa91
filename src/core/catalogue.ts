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

/** Unit of each raw field, as Daily reports it. Used by normalisation (loss > 1 is invalid) and export. */
export function fieldUnit(field: Field): Unit {
  if (field.endsWith('PacketLoss')) return 'fraction';
  if (field.endsWith('Jitter') || field === 'networkRoundTripTime') return 's';
  return 'bps';
}

export const FIELD_INDEX: Readonly<Record<Field, number>> = Object.fromEntries(
  FIELDS.map((f, i) => [f, i]),
) as Record<Field, number>;

/** Reads one field of one stored sample; null when the browser didn't report it. */
export type SampleReader = (field: Field) => number | null;

export type ReasonKey = 'sendPacketLoss' | 'recvPacketLoss' | 'roundTripTime' | 'availableOutgoingBitrate';
export const REASONS: readonly ReasonKey[] = [
  'sendPacketLoss',
  'recvPacketLoss',
  'roundTripTime',
  'availableOutgoingBitrate',
];

export type MetricId =
  | ReasonKey
  | 'sendBitsPerSecond'
  | 'recvBitsPerSecond'
  | 'videoRecvJitter'
  | 'audioRecvJitter'
  | 'videoSendJitter'
  | 'audioSendJitter';

export interface MetricDef {
  id: MetricId;
  /** Short label for the panel and export. */
  label: string;
  unit: Unit;
  /** 'up' = the metric is bad when high (loss, RTT); 'down' = bad when low (available bitrate). */
  worse: 'up' | 'down';
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

/** Display and grading order: the four graded metrics first, in Daily's reason order. */
export const METRICS: readonly MetricDef[] = [
  {
    id: 'sendPacketLoss', label: 'Upload packet loss', unit: 'fraction', worse: 'up', missingWhy: NO_MEDIA,
    read: lossFrom('totalSendPacketLoss', 'videoSendPacketLoss', 'audioSendPacketLoss'),
  },
  {
    id: 'recvPacketLoss', label: 'Download packet loss', unit: 'fraction', worse: 'up', missingWhy: NO_MEDIA,
    read: lossFrom('totalRecvPacketLoss', 'videoRecvPacketLoss', 'audioRecvPacketLoss'),
  },
  {
    id: 'roundTripTime', label: 'Round-trip time', unit: 's', worse: 'up',
    missingWhy: 'Not reported by this browser (no round trip measured yet)',
    firefoxGap: { why: 'Not reported by Daily in this browser (Daily computes no round trip in {browser})', dailyOnly: true },
    read: (get) => get('networkRoundTripTime'),
  },
  {
    id: 'availableOutgoingBitrate', label: 'Available upload', unit: 'bps', worse: 'down',
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
    firefoxGap: { why: 'Not reported by Daily in this browser (Daily computes no send-side audio jitter in {browser})', dailyOnly: true },
    read: (get) => get('audioSendJitter'),
  },
];

export function metricDef(id: MetricId): MetricDef {
  const def = METRICS.find((m) => m.id === id);
  if (!def) throw new Error(`unknown metric ${id}`);
  return def;
}

/** Human formatting of a value in a metric's unit. Never prints NaN/Infinity: null or non-finite → "n/a". */
export function formatValue(value: number | null, unit: Unit): string {
  if (value === null || !Number.isFinite(value)) return 'n/a';
  switch (unit) {
    case 'fraction': {
      const pct = value * 100;
      return `${pct < 10 && pct > 0 ? pct.toFixed(1) : Math.round(pct)} %`;
    }
    case 's':
      return `${Math.round(value * 1000)} ms`;
    case 'bps':
      if (value >= 1e6) return `${(value / 1e6).toFixed(value >= 1e7 ? 0 : 1)} Mbps`;
      return `${Math.round(value / 1000)} kbps`;
  }
}
