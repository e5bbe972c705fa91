// Per-interval facts (between report i−1 and report i of one connection): each inbound stream's counter
// deltas, silences, whether video was being sent, the send-loss deltas between changed receiver reports,
// and when Chrome's bandwidth estimate left its start value. Part of the independent referee (referee.ts):
// nothing here is imported from src/.

import type { InboundCounters, PcSeries } from './counter-series';
import { CHROME_START_BITRATE } from './levels';

/** One inbound stream's counters between report i−1 and report i. */
export interface StreamDelta {
  readonly id: string;
  readonly ssrc: number | null;
  readonly kind: string | null;
  readonly received: number;
  readonly lost: number;
  /**
   * What the counters were taken against: the previous report; zero, for a stream first seen at report i
   * (after the connection's first report); or the last report the stream was in, for one that had
   * dropped out of the stats and came back (browsers leave out a receiver that gets nothing for a while).
   */
  readonly base: 'previous' | 'zero' | 'last-seen';
}

export interface Interval {
  /** Report i's time: the interval is (previous report, t]. */
  readonly t: number;
  readonly streams: readonly StreamDelta[];
  /** Inbound packets lost / received between report i−1 and i, summed over streams. */
  readonly lost: number;
  readonly received: number;
  /** No packet arrived on any stream that existed in both reports and had received packets before. */
  readonly silent: boolean;
  /** Some video outbound-rtp sent packets in this interval. */
  readonly sendingVideo: boolean;
}

/** A loss measurement our receiver reports allow: from one changed receiver report to the next (report indices). */
export interface SendDelta {
  readonly from: number;
  readonly to: number;
  readonly lost: number;
  readonly sent: number;
}

/** One connection's series with the per-interval facts the grading is built from. */
export interface Analysed {
  readonly series: PcSeries;
  /** intervals[i] covers report i−1 → i; intervals[0] is null. */
  readonly intervals: readonly (Interval | null)[];
  readonly sendDeltas: readonly SendDelta[];
  /** Whether the selected pair's availableOutgoingBitrate had left Chrome's start value by report i. */
  readonly estimateMoved: readonly boolean[];
}

export function analyse(series: PcSeries): Analysed {
  const { points } = series;
  const lastSeen = new Map<string, InboundCounters>();
  const seenOutbound = new Set<string>();
  const intervals: (Interval | null)[] = [];
  for (const [i, point] of points.entries()) {
    const prev = i > 0 ? points[i - 1] : undefined;
    if (!prev) {
      for (const s of point.inbound) lastSeen.set(s.id, s);
      for (const s of point.outbound) seenOutbound.add(s.id);
      intervals.push(null);
      continue;
    }
    const streams: StreamDelta[] = [];
    let watched = 0;
    let arrived = 0;
    for (const s of point.inbound) {
      const before = prev.inbound.find((p) => p.id === s.id);
      const earlier = lastSeen.get(s.id);
      const delta = (from: InboundCounters | undefined, kind: StreamDelta['base']): StreamDelta => ({
        id: s.id,
        ssrc: s.ssrc,
        kind: s.kind,
        received: s.packetsReceived - (from?.packetsReceived ?? 0),
        lost: s.packetsLost - (from?.packetsLost ?? 0),
        base: kind,
      });
      const d = before ? delta(before, 'previous') : earlier ? delta(earlier, 'last-seen') : delta(undefined, 'zero');
      // A counter going backwards is a reset, not negative traffic: that interval says nothing.
      if (d.received >= 0) streams.push(d);
      if (before && before.packetsReceived > 0 && d.received >= 0) {
        watched += 1;
        arrived += d.received;
      }
    }
    for (const s of point.inbound) lastSeen.set(s.id, s);
    let sendingVideo = false;
    for (const s of point.outbound) {
      if (s.kind !== 'video') continue;
      const before = prev.outbound.find((p) => p.id === s.id);
      const base = before ? before.packetsSent : seenOutbound.has(s.id) ? s.packetsSent : 0;
      if (s.packetsSent > base) sendingVideo = true;
    }
    for (const s of point.outbound) seenOutbound.add(s.id);
    intervals.push({
      t: point.t,
      streams,
      lost: streams.reduce((sum, d) => sum + d.lost, 0),
      received: streams.reduce((sum, d) => sum + d.received, 0),
      silent: watched > 0 && arrived === 0,
      sendingVideo,
    });
  }

  // Send loss: a receiver report's packetsLost is against everything we had sent when it was written, so it
  // is paired with our packets-sent counter only at reports where the receiver report changed (a repeat of
  // an old receiver report next to a newer sent counter would count fresh packets as delivered).
  const sendDeltas: SendDelta[] = [];
  const last = new Map<string, { index: number; lost: number; sent: number; content: string }>();
  for (const [i, point] of points.entries()) {
    for (const r of point.remoteInbound) {
      const out = point.outbound.find((o) => o.id === r.outboundId);
      if (!out || r.packetsLost === null) continue;
      const before = last.get(r.id);
      if (!before) {
        if (i > 0) sendDeltas.push({ from: i - 1, to: i, lost: r.packetsLost, sent: out.packetsSent });
      } else if (before.content !== r.content) {
        sendDeltas.push({ from: before.index, to: i, lost: r.packetsLost - before.lost, sent: out.packetsSent - before.sent });
      } else {
        continue;
      }
      last.set(r.id, { index: i, lost: r.packetsLost, sent: out.packetsSent, content: r.content });
    }
  }

  const estimateMoved: boolean[] = [];
  let moved = false;
  for (const point of points) {
    const bitrate = point.pair?.availableOutgoingBitrate ?? null;
    if (bitrate !== null && bitrate !== CHROME_START_BITRATE) moved = true;
    estimateMoved.push(moved);
  }
  return { series, intervals, sendDeltas, estimateMoved };
}
