/**
 * One connection's streams between two polls: bitrates, loss and jitter per direction and kind.
 *
 * - Everything counted is a delta between two polls of the same stream (same stats id and SSRC). A stream
 *   that appears after the connection's first poll (a new SSRC, a participant joining) was born since the
 *   last poll, so it counts from zero; a stream whose counters went backwards gives no delta this poll.
 * - A connection's first poll has no deltas: bitrates and loss are null, not 0 — its streams may be hours
 *   old. Jitter is an instantaneous reading and is reported at once (so are the path's: webrtc-path.ts).
 * - Bitrates are byte deltas × 8 over the elapsed time between the two stats' own timestamps (the real
 *   sampling interval), falling back to the poll clock when a stat carries no timestamp.
 * - Receive loss: Δlost / (Δlost + Δreceived) from inbound-rtp, summed over streams of a kind (the total over
 *   both kinds), so a busy video stream weighs more than audio, as Daily's totals do.
 * - Send loss: the far end's cumulative loss (remote-inbound-rtp packetsLost) only changes when an RTCP
 *   receiver report arrives (≈1 s for video, up to 5 s for audio in libwebrtc), so it is paired with the
 *   packets we sent between the same two reports, not between two polls; a poll with no new report adds
 *   nothing. Packets sent exclude retransmissions (the loss counter counts sequence numbers, once). Without
 *   packet counts, the report's fractionLost is used.
 * - The packets that arrived and left on streams that continued are kept too, so a stall shows as zero
 *   there (see core/evidence.ts).
 */
import type { RttSource } from '../core/live/evidence';
import { delta } from './webrtc-arithmetic';
import type { ConnectionCounters, MediaKind } from './webrtc-counters';
import { readPath } from './webrtc-path';

export interface LossAcc {
  lost: number;
  expected: number;
  /** fractionLost readings, used only when no packet counts are available. */
  fractions: number[];
}

/** What one connection measured in one poll. */
export interface ConnectionSample {
  /** Null on the connection's first poll. */
  bits: { audioSend: number; videoSend: number; audioRecv: number; videoRecv: number } | null;
  recvLoss: Record<MediaKind, LossAcc> | null;
  sendLoss: Record<MediaKind, LossAcc> | null;
  jitter: { audioRecv: number[]; videoRecv: number[]; audioSend: number[]; videoSend: number[] };
  roundTripTime: number | null;
  rttSource: RttSource | null;
  availableOutgoingBitrate: number | null;
  uploadLimited: boolean | null;
  /** Packets that arrived / left since the last poll on streams present both times; null when none continued. */
  recvPackets: number | null;
  sendPackets: number | null;
}

interface SendAnchor {
  ssrc: number | null;
  /** Changes when a new receiver report arrived: roundTripTimeMeasurements, else the stat's timestamp. */
  mark: number | null;
  packetsLost: number | null;
  sent: number | null;
}

/** What a connection remembers between polls. */
export interface ConnectionMemory {
  counters: ConnectionCounters;
  takenAt: number;
  anchors: Map<string, SendAnchor>;
  /** The bandwidth estimate has been something other than the start-up default. */
  estimateMoved: boolean;
}

const NEW_INBOUND = { packetsLost: 0, packetsReceived: 0, bytesReceived: 0, timestamp: null } as const;
const NEW_OUTBOUND = { bytesSent: 0, timestamp: null } as const;

const emptyLoss = (): Record<MediaKind, LossAcc> => ({
  audio: { lost: 0, expected: 0, fractions: [] },
  video: { lost: 0, expected: 0, fractions: [] },
});

export function measureConnection(
  prev: ConnectionMemory | null,
  counters: ConnectionCounters,
  takenAt: number,
): { sample: ConnectionSample; memory: ConnectionMemory } {
  const jitter: ConnectionSample['jitter'] = { audioRecv: [], videoRecv: [], audioSend: [], videoSend: [] };
  for (const s of counters.inbound.values()) if (s.jitter !== null) jitter[`${s.kind}Recv`].push(s.jitter);
  for (const s of counters.remoteInbound.values()) if (s.jitter !== null) jitter[`${s.kind}Send`].push(s.jitter);

  const path = readPath(counters, prev?.estimateMoved ?? false);
  const anchors = new Map<string, SendAnchor>();
  const sample: ConnectionSample = {
    bits: null,
    recvLoss: null,
    sendLoss: null,
    jitter,
    roundTripTime: path.roundTripTime,
    rttSource: path.rttSource,
    availableOutgoingBitrate: path.availableOutgoingBitrate,
    uploadLimited: path.uploadLimited,
    recvPackets: null,
    sendPackets: null,
  };

  if (prev) {
    const bits = { audioSend: 0, videoSend: 0, audioRecv: 0, videoRecv: 0 };
    const recvLoss = emptyLoss();
    const fallbackMs = takenAt - prev.takenAt;
    for (const [id, cur] of counters.inbound) {
      const seen = prev.counters.inbound.get(id);
      const old = seen && seen.ssrc === cur.ssrc ? seen : null;
      // A stream born since the last poll counted everything it holds since then.
      const from = old ?? NEW_INBOUND;
      bits[`${cur.kind}Recv`] += rate(from.bytesReceived, cur.bytesReceived, from.timestamp, cur.timestamp, fallbackMs);
      const dReceived = delta(from.packetsReceived, cur.packetsReceived);
      if (old && dReceived !== null) sample.recvPackets = (sample.recvPackets ?? 0) + dReceived;
      if (dReceived === null || from.packetsLost === null || cur.packetsLost === null) continue;
      const dLost = cur.packetsLost - from.packetsLost;
      recvLoss[cur.kind].lost += dLost;
      recvLoss[cur.kind].expected += dLost + dReceived;
    }
    for (const [id, cur] of counters.outbound) {
      const seen = prev.counters.outbound.get(id);
      const old = seen && seen.ssrc === cur.ssrc ? seen : null;
      const from = old ?? NEW_OUTBOUND;
      bits[`${cur.kind}Send`] += rate(from.bytesSent, cur.bytesSent, from.timestamp, cur.timestamp, fallbackMs);
      const dSent = old ? delta(old.packetsSent, cur.packetsSent) : null;
      if (dSent !== null) sample.sendPackets = (sample.sendPackets ?? 0) + dSent;
    }
    sample.bits = bits;
    sample.recvLoss = recvLoss;
    sample.sendLoss = emptyLoss();
  }

  for (const [id, rr] of counters.remoteInbound) {
    const out = (rr.localId !== null ? counters.outbound.get(rr.localId) : undefined) ??
      [...counters.outbound.values()].find((o) => o.kind === rr.kind && o.ssrc !== null && o.ssrc === rr.ssrc);
    const sent = out ? originalPacketsSent(out.packetsSent, out.retransmittedPacketsSent) : null;
    const now: SendAnchor = { ssrc: rr.ssrc, mark: rr.roundTripTimeMeasurements ?? rr.timestamp, packetsLost: rr.packetsLost, sent };
    const seen = prev?.anchors.get(id);
    // The first receiver report of a stream that appeared after the connection's first poll covers the
    // stream's whole life, which began since then: it counts from zero, like a new inbound stream.
    const anchor = seen && seen.ssrc === now.ssrc ? seen : prev ? { ssrc: now.ssrc, mark: null, packetsLost: 0, sent: 0 } : undefined;
    if (!anchor || !sample.sendLoss) {
      anchors.set(id, now);
      continue;
    }
    if (now.mark !== null && now.mark === anchor.mark) {
      // No new receiver report since the last one used: nothing new is known about this stream.
      anchors.set(id, anchor);
      continue;
    }
    anchors.set(id, now);
    const acc = sample.sendLoss[rr.kind];
    const counted = anchor.sent !== null && now.sent !== null && anchor.packetsLost !== null && now.packetsLost !== null;
    if (!counted) {
      if (rr.fractionLost !== null) acc.fractions.push(rr.fractionLost);
      continue;
    }
    const dSent = delta(anchor.sent, now.sent);
    // A sent counter that went backwards is a restarted stream: nothing comparable this time.
    if (dSent !== null && dSent > 0 && now.packetsLost !== null && anchor.packetsLost !== null) {
      acc.lost += now.packetsLost - anchor.packetsLost;
      acc.expected += dSent;
    }
  }

  return { sample, memory: { counters, takenAt, anchors, estimateMoved: path.estimateMoved } };
}

/** Packets carrying new sequence numbers: packetsSent counts retransmissions too (a subset, per spec). */
function originalPacketsSent(sent: number | null, retransmitted: number | null): number | null {
  if (sent === null) return null;
  return retransmitted !== null && retransmitted <= sent ? sent - retransmitted : sent;
}

function rate(oldBytes: number | null, curBytes: number | null, oldTs: number | null, curTs: number | null, fallbackMs: number): number {
  const d = delta(oldBytes, curBytes);
  if (d === null) return 0;
  const ms = oldTs !== null && curTs !== null && curTs > oldTs ? curTs - oldTs : fallbackMs;
  return ms > 0 ? (d * 8 * 1000) / ms : 0;
}
