/**
 * Reads the few counters the network maths needs out of one getStats() report. Pure: works on a real
 * RTCStatsReport or on a Map rebuilt from a recorded one.
 */

/** What the maths reads of an RTCStatsReport: RTCStatsReport and Map<string, object> both fit. */
export interface StatsReportLike {
  forEach(callback: (value: unknown, key: string) => void): void;
}

/** A stream's media, as getStats() names it. */
export type MediaKind = 'audio' | 'video';

export interface InboundCounters {
  kind: MediaKind;
  ssrc: number | null;
  timestamp: number | null;
  packetsLost: number | null;
  packetsReceived: number | null;
  bytesReceived: number | null;
  /** Seconds. */
  jitter: number | null;
}

export interface OutboundCounters {
  kind: MediaKind;
  ssrc: number | null;
  timestamp: number | null;
  packetsSent: number | null;
  retransmittedPacketsSent: number | null;
  bytesSent: number | null;
  /** Why the encoder holds back (`none`, `bandwidth`, `cpu`, `other`); null when the browser doesn't say. */
  qualityLimitationReason: string | null;
}

/** What the far end said about our stream, from its last RTCP receiver report. */
export interface RemoteInboundCounters {
  kind: MediaKind;
  ssrc: number | null;
  localId: string | null;
  timestamp: number | null;
  packetsLost: number | null;
  fractionLost: number | null;
  /** Seconds. */
  jitter: number | null;
  /** Seconds, from the RTCP receiver report: the round trip Firefox gives when its candidate pair has none. */
  roundTripTime: number | null;
  roundTripTimeMeasurements: number | null;
}

export interface ConnectionCounters {
  inbound: Map<string, InboundCounters>;
  outbound: Map<string, OutboundCounters>;
  remoteInbound: Map<string, RemoteInboundCounters>;
  /** Seconds, from the selected candidate pair; null when the browser doesn't report it (Firefox). */
  roundTripTime: number | null;
  /** Bits/s, from the selected candidate pair; null when the browser doesn't report it (Firefox). */
  availableOutgoingBitrate: number | null;
}

type Entry = Record<string, unknown>;

function num(e: Entry, key: string): number | null {
  const v = e[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

function str(e: Entry, key: string): string | null {
  const v = e[key];
  return typeof v === 'string' ? v : null;
}

function kindOf(e: Entry): MediaKind | null {
  // `mediaType` is the pre-2020 name, still seen in recorded reports from old browsers.
  const k = str(e, 'kind') ?? str(e, 'mediaType');
  return k === 'audio' || k === 'video' ? k : null;
}

export function readCounters(report: StatsReportLike): ConnectionCounters {
  const entries = new Map<string, Entry>();
  report.forEach((value, key) => {
    if (typeof value === 'object' && value !== null) entries.set(key, value as Entry);
  });
  const out: ConnectionCounters = {
    inbound: new Map(),
    outbound: new Map(),
    remoteInbound: new Map(),
    roundTripTime: null,
    availableOutgoingBitrate: null,
  };
  for (const [id, e] of entries) {
    const type = str(e, 'type');
    const kind = kindOf(e);
    if (!kind) continue;
    const ssrc = num(e, 'ssrc');
    const timestamp = num(e, 'timestamp');
    if (type === 'inbound-rtp') {
      out.inbound.set(id, {
        kind, ssrc, timestamp,
        packetsLost: num(e, 'packetsLost'),
        packetsReceived: num(e, 'packetsReceived'),
        bytesReceived: num(e, 'bytesReceived'),
        jitter: num(e, 'jitter'),
      });
    } else if (type === 'outbound-rtp') {
      out.outbound.set(id, {
        kind, ssrc, timestamp,
        packetsSent: num(e, 'packetsSent'),
        retransmittedPacketsSent: num(e, 'retransmittedPacketsSent'),
        bytesSent: num(e, 'bytesSent'),
        qualityLimitationReason: str(e, 'qualityLimitationReason'),
      });
    } else if (type === 'remote-inbound-rtp') {
      out.remoteInbound.set(id, {
        kind, ssrc, timestamp,
        localId: str(e, 'localId'),
        packetsLost: num(e, 'packetsLost'),
        fractionLost: num(e, 'fractionLost'),
        jitter: num(e, 'jitter'),
        roundTripTime: num(e, 'roundTripTime'),
        roundTripTimeMeasurements: num(e, 'roundTripTimeMeasurements'),
      });
    }
  }
  const pair = selectedPair(entries);
  if (pair) {
    out.roundTripTime = num(pair, 'currentRoundTripTime');
    out.availableOutgoingBitrate = num(pair, 'availableOutgoingBitrate');
  }
  return out;
}

/**
 * The one candidate pair media flows on — never an average with another pair that also succeeded (a
 * relay pair kept as a backup, the pair before an ICE restart). The spec's way is
 * transport.selectedCandidatePairId (Chromium, Safari); Firefox has no transport stats and marks the pair
 * `selected: true`; failing both, the nominated pair that succeeded, the most recently active if several.
 */
export function selectedPair(entries: ReadonlyMap<string, Entry>): Entry | null {
  for (const e of entries.values()) {
    if (str(e, 'type') !== 'transport') continue;
    const id = str(e, 'selectedCandidatePairId');
    const pair = id === null ? undefined : entries.get(id);
    if (pair) return pair;
  }
  let nominated: Entry | null = null;
  for (const e of entries.values()) {
    if (str(e, 'type') !== 'candidate-pair') continue;
    if (e['selected'] === true) return e;
    if (e['nominated'] !== true || str(e, 'state') !== 'succeeded') continue;
    if (!nominated || (num(e, 'lastPacketReceivedTimestamp') ?? 0) > (num(nominated, 'lastPacketReceivedTimestamp') ?? 0)) nominated = e;
  }
  return nominated;
}
