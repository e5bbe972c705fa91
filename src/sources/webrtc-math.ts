/**
 * getStats() counters → Daily's getNetworkStats() numbers. Pure (no RTCPeerConnection, no clock): it is fed
 * reports and the wall-clock time of each poll, so recorded reports replay exactly in unit tests.
 *
 * Choices, each one what Daily documents or what a WebRTC engineer expects where it is silent:
 * - Everything counted is a delta between two polls of the same stream (same stats id and SSRC). A stream
 *   that appears after the connection's first poll (a new SSRC, a participant joining) was born since the
 *   last poll, so it counts from zero; a stream whose counters went backwards gives no delta this poll.
 * - A connection's first poll has no deltas: bitrates and loss are null, not 0 — its streams may be hours
 *   old. Jitter, RTT and the bandwidth estimate are instantaneous readings and are reported at once.
 * - The packet counts behind each ratio travel with the sample as its Evidence, so the window can weigh
 *   a poll of 3 packets as 3 packets (see core/evidence.ts), with the packets that arrived and left on
 *   streams that continued (a stall shows as zero there).
 * - Bitrates are byte deltas × 8 over the elapsed time between the two stats' own timestamps (the real
 *   sampling interval), falling back to the poll clock when a stat carries no timestamp.
 * - Receive loss: Δlost / (Δlost + Δreceived) from inbound-rtp, summed over streams of a kind (the total over
 *   both kinds), so a busy video stream weighs more than audio, as Daily's totals do.
 * - Send loss: the far end's cumulative loss (remote-inbound-rtp packetsLost) only changes when an RTCP
 *   receiver report arrives (≈1 s for video, up to 5 s for audio in libwebrtc), so it is paired with the
 *   packets we sent between the same two reports, not between two polls; a poll with no new report adds
 *   nothing. Packets sent exclude retransmissions (the loss counter counts sequence numbers, once). Without
 *   packet counts, the report's fractionLost is used.
 * - Loss is clamped to 0–1: packetsLost may legitimately fall (late or duplicate packets, RFC 3550).
 * - RTT is the selected candidate pair's currentRoundTripTime; where the pair has none (Firefox before
 *   ~120), the mean of remote-inbound-rtp roundTripTime (RTCP receiver reports). Evidence says which.
 * - availableOutgoingBitrate is the selected pair's. It counts as a network limit only where it is one:
 *   not while it is still the browser's start-up default (300 kbps in libwebrtc) before the estimator has
 *   ever moved, and, where the browser reports qualityLimitationReason, only while a video encoder reports
 *   'bandwidth' — the estimate can't rise much above what the application sends, so a sender that sends
 *   little (simulcast low layers, a small window) reads low on a clean path.
 * - Several connections aggregate as Daily describes: worst loss, summed bitrates, averaged RTT and
 *   available outgoing bitrate ("average latest … reported from all connections"), jitter averaged over
 *   all streams.
 */
import { FIELDS, type Field, type ReasonKey } from '../core/catalogue';
import type { Evidence, RttSource } from '../core/live/evidence';
import type { ConnectionCounters, Kind, StatsReportLike } from './webrtc-counters';
import { readCounters } from './webrtc-counters';

export type LatestStats = Record<Field, number | null> & { timestamp: number };

export interface WebRTCNetworkStats {
  /** The source makes no verdict of its own: the monitor computes it. */
  networkState: 'unknown';
  networkStateReasons: ReasonKey[];
  stats: {
    latest: LatestStats;
    worstAudioRecvPacketLoss: number | null;
    worstAudioSendPacketLoss: number | null;
    worstVideoRecvPacketLoss: number | null;
    worstVideoSendPacketLoss: number | null;
    worstAudioRecvJitter: number | null;
    worstAudioSendJitter: number | null;
    worstVideoRecvJitter: number | null;
    worstVideoSendJitter: number | null;
    /** Mean of every RTT reading over the source's life; null when the browser reports none. */
    averageNetworkRoundTripTime: number | null;
    /** Not Daily's: the counts and readings behind `latest` (see core/evidence.ts). */
    evidence: Evidence;
  };
}

/** libwebrtc's bandwidth estimate before it has measured anything (its default start bitrate). */
export const START_UP_ESTIMATE_BPS = 300_000;

interface LossAcc {
  lost: number;
  expected: number;
  /** fractionLost readings, used only when no packet counts are available. */
  fractions: number[];
}

/** What one connection measured in one poll. */
export interface ConnectionSample {
  /** Null on the connection's first poll. */
  bits: { audioSend: number; videoSend: number; audioRecv: number; videoRecv: number } | null;
  recvLoss: Record<Kind, LossAcc> | null;
  sendLoss: Record<Kind, LossAcc> | null;
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

const emptyLoss = (): Record<Kind, LossAcc> => ({
  audio: { lost: 0, expected: 0, fractions: [] },
  video: { lost: 0, expected: 0, fractions: [] },
});

/** Loss fraction 0–1 from accumulated counts, else the mean fractionLost, else null (nothing was sent). */
export function lossOf(...accs: LossAcc[]): number | null {
  let lost = 0;
  let expected = 0;
  const fractions: number[] = [];
  for (const a of accs) {
    lost += a.lost;
    expected += a.expected;
    fractions.push(...a.fractions);
  }
  if (expected > 0) return clamp01(lost / expected);
  const f = mean(fractions);
  return f === null ? null : clamp01(f);
}

export function measureConnection(
  prev: ConnectionMemory | null,
  counters: ConnectionCounters,
  takenAt: number,
): { sample: ConnectionSample; memory: ConnectionMemory } {
  const jitter: ConnectionSample['jitter'] = { audioRecv: [], videoRecv: [], audioSend: [], videoSend: [] };
  for (const s of counters.inbound.values()) if (s.jitter !== null) jitter[`${s.kind}Recv`].push(s.jitter);
  for (const s of counters.remoteInbound.values()) if (s.jitter !== null) jitter[`${s.kind}Send`].push(s.jitter);

  const rtcpRtt = mean([...counters.remoteInbound.values()].flatMap((r) => (r.roundTripTime === null ? [] : [r.roundTripTime])));
  const estimate = counters.availableOutgoingBitrate;
  const estimateMoved = (prev?.estimateMoved ?? false) || (estimate !== null && estimate !== START_UP_ESTIMATE_BPS);
  const anchors = new Map<string, SendAnchor>();
  const sample: ConnectionSample = {
    bits: null,
    recvLoss: null,
    sendLoss: null,
    jitter,
    roundTripTime: counters.roundTripTime ?? rtcpRtt,
    rttSource: counters.roundTripTime !== null ? 'candidate-pair' : rtcpRtt !== null ? 'rtcp' : null,
    availableOutgoingBitrate: estimate,
    uploadLimited: estimate === null ? null : estimateMoved ? encoderLimited(counters) : false,
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

  return { sample, memory: { counters, takenAt, anchors, estimateMoved } };
}

/** Whether a video encoder says bandwidth holds it back; null when none reports a reason (Safari, old browsers). */
function encoderLimited(counters: ConnectionCounters): boolean | null {
  let told = false;
  for (const o of counters.outbound.values()) {
    if (o.kind !== 'video' || o.qualityLimitationReason === null) continue;
    if (o.qualityLimitationReason === 'bandwidth') return true;
    told = true;
  }
  return told ? false : null;
}

/**
 * The counts and readings behind one poll's aggregate. Loss counts are the worst connection's (the one
 * whose ratio is the latest's), so Σ lost ÷ Σ expected over the window agrees with the per-poll worst.
 */
export function evidenceOf(samples: readonly ConnectionSample[]): Evidence {
  const recv = worstCounts(samples.map((s) => (s.recvLoss ? countsOf(s.recvLoss) : null)));
  const send = worstCounts(samples.map((s) => (s.sendLoss ? countsOf(s.sendLoss) : null)));
  const limits = uploading(samples).map((s) => s.uploadLimited);
  const sources = samples.map((s) => s.rttSource);
  return {
    recvLost: recv?.lost ?? null,
    recvExpected: recv?.expected ?? null,
    sendLost: send?.lost ?? null,
    sendExpected: send?.expected ?? null,
    recvPackets: sumOrNull(samples.map((s) => s.recvPackets)),
    sendPackets: sumOrNull(samples.map((s) => s.sendPackets)),
    uploadLimited: limits.includes(true) ? true : limits.includes(false) ? false : null,
    rttSource: sources.includes('candidate-pair') ? 'candidate-pair' : sources.includes('rtcp') ? 'rtcp' : null,
  };
}

/**
 * The connections whose upload estimate matters: all but those known to send no video this poll. A
 * connection that sends nothing (a paused sender in a mesh) may say 'bandwidth' over a low estimate that
 * limits nobody. When none is left, all of them (the catalogue then grades no estimate without video).
 */
function uploading(samples: readonly ConnectionSample[]): readonly ConnectionSample[] {
  const sending = samples.filter((s) => s.bits === null || s.bits.videoSend > 0);
  return sending.length > 0 ? sending : samples;
}

interface Counts {
  lost: number;
  expected: number;
}

/** Packet counts of a poll's loss; null when the ratio came from fractionLost alone (no counts to weigh). */
function countsOf(loss: Record<Kind, LossAcc>): Counts | null {
  const expected = loss.audio.expected + loss.video.expected;
  if (expected === 0 && (loss.audio.fractions.length > 0 || loss.video.fractions.length > 0)) return null;
  const lost = loss.audio.lost + loss.video.lost;
  return { lost: Math.min(expected, Math.max(0, lost)), expected };
}

function worstCounts(list: ReadonlyArray<Counts | null>): Counts | null {
  let w: Counts | null = null;
  for (const c of list) {
    if (!c) continue;
    if (!w || (c.expected > 0 && (w.expected === 0 || c.lost / c.expected > w.lost / w.expected))) w = c;
  }
  return w;
}

function sumOrNull(values: ReadonlyArray<number | null>): number | null {
  let sum: number | null = null;
  for (const v of values) if (v !== null) sum = (sum ?? 0) + v;
  return sum;
}

/** Daily's latest fields from every connection's sample of one poll. */
export function aggregate(samples: readonly ConnectionSample[], timestamp: number): LatestStats {
  const latest = Object.fromEntries(FIELDS.map((f) => [f, null])) as Record<Field, number | null>;
  const withBits = samples.flatMap((s) => (s.bits ? [s.bits] : []));
  if (withBits.length > 0) {
    const sum = (k: keyof NonNullable<ConnectionSample['bits']>) => withBits.reduce((t, b) => t + b[k], 0);
    latest.audioSendBitsPerSecond = sum('audioSend');
    latest.videoSendBitsPerSecond = sum('videoSend');
    latest.audioRecvBitsPerSecond = sum('audioRecv');
    latest.videoRecvBitsPerSecond = sum('videoRecv');
    latest.sendBitsPerSecond = latest.audioSendBitsPerSecond + latest.videoSendBitsPerSecond;
    latest.recvBitsPerSecond = latest.audioRecvBitsPerSecond + latest.videoRecvBitsPerSecond;
  }
  const recv = samples.flatMap((s) => (s.recvLoss ? [s.recvLoss] : []));
  const send = samples.flatMap((s) => (s.sendLoss ? [s.sendLoss] : []));
  latest.audioRecvPacketLoss = worst(recv.map((l) => lossOf(l.audio)));
  latest.videoRecvPacketLoss = worst(recv.map((l) => lossOf(l.video)));
  latest.totalRecvPacketLoss = worst(recv.map((l) => lossOf(l.audio, l.video)));
  latest.audioSendPacketLoss = worst(send.map((l) => lossOf(l.audio)));
  latest.videoSendPacketLoss = worst(send.map((l) => lossOf(l.video)));
  latest.totalSendPacketLoss = worst(send.map((l) => lossOf(l.audio, l.video)));
  latest.audioRecvJitter = mean(samples.flatMap((s) => s.jitter.audioRecv));
  latest.videoRecvJitter = mean(samples.flatMap((s) => s.jitter.videoRecv));
  latest.audioSendJitter = mean(samples.flatMap((s) => s.jitter.audioSend));
  latest.videoSendJitter = mean(samples.flatMap((s) => s.jitter.videoSend));
  latest.networkRoundTripTime = mean(samples.flatMap((s) => (s.roundTripTime === null ? [] : [s.roundTripTime])));
  latest.availableOutgoingBitrate = mean(
    uploading(samples).flatMap((s) => (s.availableOutgoingBitrate === null ? [] : [s.availableOutgoingBitrate])),
  );
  return { ...latest, timestamp };
}

const WORST = {
  worstAudioRecvPacketLoss: 'audioRecvPacketLoss',
  worstAudioSendPacketLoss: 'audioSendPacketLoss',
  worstVideoRecvPacketLoss: 'videoRecvPacketLoss',
  worstVideoSendPacketLoss: 'videoSendPacketLoss',
  worstAudioRecvJitter: 'audioRecvJitter',
  worstAudioSendJitter: 'audioSendJitter',
  worstVideoRecvJitter: 'videoRecvJitter',
  worstVideoSendJitter: 'videoSendJitter',
} as const satisfies Record<string, Field>;

/**
 * The whole computation with its memory: one instance per source. `step` takes one report per connection
 * (null when that connection's getStats() failed this time: it keeps its memory and is skipped).
 */
export class NetworkStatsCalculator<K = unknown> {
  private readonly memory = new Map<K, ConnectionMemory>();
  private readonly worst = Object.fromEntries(Object.keys(WORST).map((k) => [k, null])) as Record<keyof typeof WORST, number | null>;
  private rttSum = 0;
  private rttCount = 0;
  private lastTimestamp = 0;

  step(reports: ReadonlyArray<{ key: K; report: StatsReportLike | null }>, takenAt: number): WebRTCNetworkStats {
    const samples: ConnectionSample[] = [];
    for (const { key, report } of reports) {
      if (!report) continue;
      const { sample, memory } = measureConnection(this.memory.get(key) ?? null, readCounters(report), takenAt);
      this.memory.set(key, memory);
      samples.push(sample);
    }
    // Consumers drop a sample whose timestamp isn't newer than the last; two polls in one ms are still two.
    const timestamp = Math.max(takenAt, this.lastTimestamp + 1);
    this.lastTimestamp = timestamp;
    const latest = aggregate(samples, timestamp);
    const evidence = evidenceOf(samples);
    for (const [k, field] of Object.entries(WORST) as Array<[keyof typeof WORST, Field]>) {
      const v = latest[field];
      const w = this.worst[k];
      if (v !== null && (w === null || v > w)) this.worst[k] = v;
    }
    if (latest.networkRoundTripTime !== null) {
      this.rttSum += latest.networkRoundTripTime;
      this.rttCount++;
    }
    return {
      networkState: 'unknown',
      networkStateReasons: [],
      stats: {
        latest,
        ...this.worst,
        averageNetworkRoundTripTime: this.rttCount > 0 ? this.rttSum / this.rttCount : null,
        evidence,
      },
    };
  }
}

/** Packets carrying new sequence numbers: packetsSent counts retransmissions too (a subset, per spec). */
function originalPacketsSent(sent: number | null, retransmitted: number | null): number | null {
  if (sent === null) return null;
  return retransmitted !== null && retransmitted <= sent ? sent - retransmitted : sent;
}

/** Non-negative delta of a monotonic counter; null when either side is missing or it went backwards. */
function delta(old: number | null, cur: number | null): number | null {
  if (old === null || cur === null || cur < old) return null;
  return cur - old;
}

function rate(oldBytes: number | null, curBytes: number | null, oldTs: number | null, curTs: number | null, fallbackMs: number): number {
  const d = delta(oldBytes, curBytes);
  if (d === null) return 0;
  const ms = oldTs !== null && curTs !== null && curTs > oldTs ? curTs - oldTs : fallbackMs;
  return ms > 0 ? (d * 8 * 1000) / ms : 0;
}

function worst(values: Array<number | null>): number | null {
  let w: number | null = null;
  for (const v of values) if (v !== null && (w === null || v > w)) w = v;
  return w;
}

function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  return values.reduce((a, b) => a + b, 0) / values.length;
}

function clamp01(v: number): number {
  return v < 0 ? 0 : v > 1 ? 1 : v;
}
