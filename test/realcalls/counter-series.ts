// Per connection, a time series of the raw counters: every report's inbound-rtp, outbound-rtp and
// remote-inbound-rtp counters, its selected pair and the connection's state at that time. Part of the
// independent referee (referee.ts): nothing here is imported from src/.

import { lastState } from './connection-states';
import { num, str, type PcRecording, type Stat, type StateChange } from './recording-reader';
import { selectedPair, type SelectedPair } from './selected-pair';

export interface InboundCounters {
  readonly id: string;
  readonly ssrc: number | null;
  readonly kind: string | null;
  readonly packetsReceived: number;
  /** Missing is read as 0: a stream with no loss field has reported none. */
  readonly packetsLost: number;
}

export interface OutboundCounters {
  readonly id: string;
  readonly ssrc: number | null;
  readonly kind: string | null;
  readonly rid: string | null;
  /** packetsSent − retransmittedPacketsSent: retransmissions are not new media the receiver counts. */
  readonly packetsSent: number;
  readonly qualityLimitationReason: string | null;
}

export interface RemoteInbound {
  readonly id: string;
  readonly ssrc: number | null;
  readonly kind: string | null;
  /** The outbound-rtp this receiver report is about (by localId, else by ssrc). */
  readonly outboundId: string | null;
  readonly packetsLost: number | null;
  /** Seconds, as reported. */
  readonly roundTripTime: number | null;
  /** The report's content (loss, RTT, jitter, counts) as one string, to tell a new receiver report from a repeat. */
  readonly content: string;
}

export interface SeriesPoint {
  readonly t: number;
  readonly inbound: readonly InboundCounters[];
  readonly outbound: readonly OutboundCounters[];
  readonly remoteInbound: readonly RemoteInbound[];
  readonly pair: SelectedPair | null;
  /** The last connectionState / iceConnectionState event at or before t (null before the first). */
  readonly connectionState: string | null;
  readonly iceConnectionState: string | null;
  readonly closed: boolean;
}

export interface PcSeries {
  readonly pcId: string;
  readonly points: readonly SeriesPoint[];
  readonly states: readonly StateChange[];
}

/**
 * What a receiver report says. The stat's timestamp is left out: some browsers refresh it at every
 * getStats() even when no new report has arrived.
 */
const RECEIVER_REPORT_FIELDS = [
  'packetsLost',
  'packetsReceived',
  'roundTripTime',
  'totalRoundTripTime',
  'roundTripTimeMeasurements',
  'reportsReceived',
  'jitter',
  'fractionLost',
] as const;

function kindOf(s: Stat): string | null {
  // Older Chrome and Firefox also (or only) say mediaType.
  return str(s['kind']) ?? str(s['mediaType']);
}

export function seriesOf(pc: PcRecording): PcSeries {
  const points = pc.reports.map((report): SeriesPoint => {
    const all = [...report.stats.values()];
    const inbound: InboundCounters[] = [];
    const outbound: OutboundCounters[] = [];
    for (const s of all) {
      if (s['type'] === 'inbound-rtp') {
        const packetsReceived = num(s['packetsReceived']);
        if (packetsReceived === null) continue;
        inbound.push({
          id: str(s['id']) ?? '',
          ssrc: num(s['ssrc']),
          kind: kindOf(s),
          packetsReceived,
          packetsLost: num(s['packetsLost']) ?? 0,
        });
      } else if (s['type'] === 'outbound-rtp') {
        const packetsSent = num(s['packetsSent']);
        if (packetsSent === null) continue;
        outbound.push({
          id: str(s['id']) ?? '',
          ssrc: num(s['ssrc']),
          kind: kindOf(s),
          rid: str(s['rid']),
          packetsSent: packetsSent - (num(s['retransmittedPacketsSent']) ?? 0),
          qualityLimitationReason: str(s['qualityLimitationReason']),
        });
      }
    }
    const remoteInbound = all
      .filter((s) => s['type'] === 'remote-inbound-rtp')
      .map((s): RemoteInbound => {
        const ssrc = num(s['ssrc']);
        const kind = kindOf(s);
        const localId = str(s['localId']);
        const byLocalId = localId === null ? undefined : outbound.find((o) => o.id === localId);
        const bySsrc = outbound.find((o) => o.ssrc !== null && o.ssrc === ssrc && (kind === null || o.kind === kind));
        return {
          id: str(s['id']) ?? '',
          ssrc,
          kind,
          outboundId: (byLocalId ?? bySsrc)?.id ?? null,
          packetsLost: num(s['packetsLost']),
          roundTripTime: num(s['roundTripTime']),
          content: JSON.stringify(RECEIVER_REPORT_FIELDS.map((f) => s[f] ?? null)),
        };
      });
    return {
      t: report.t,
      inbound,
      outbound,
      remoteInbound,
      pair: selectedPair(report.stats),
      connectionState: lastState(pc.states, 'connectionState', report.t),
      iceConnectionState: lastState(pc.states, 'iceConnectionState', report.t),
      closed: lastState(pc.states, 'closed', report.t) !== null,
    };
  });
  return { pcId: pc.pcId, points, states: pc.states };
}
