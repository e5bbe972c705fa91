/**
 * One poll's connections into one Daily-shaped sample: `stats.latest` and the evidence behind it.
 *
 * - Several connections aggregate as Daily describes: worst loss, summed bitrates, averaged RTT and
 *   available outgoing bitrate ("average latest … reported from all connections"), jitter averaged over
 *   all streams.
 * - Loss is clamped to 0–1: packetsLost may legitimately fall (late or duplicate packets, RFC 3550).
 * - The packet counts behind each ratio travel with the sample as its Evidence, so the window can weigh
 *   a poll of 3 packets as 3 packets (see core/evidence.ts).
 */
import { FIELDS, type Field } from '../core/catalogue';
import type { Evidence } from '../core/live/evidence';
import { clamp01, mean, sumOrNull, worst } from './webrtc-arithmetic';
import type { MediaKind } from './webrtc-counters';
import { uploading } from './webrtc-path';
import type { ConnectionSample, LossAcc } from './webrtc-streams';

export type LatestStats = Record<Field, number | null> & { timestamp: number };

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

interface Counts {
  lost: number;
  expected: number;
}

/** Packet counts of a poll's loss; null when the ratio came from fractionLost alone (no counts to weigh). */
function countsOf(loss: Record<MediaKind, LossAcc>): Counts | null {
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
