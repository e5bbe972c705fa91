/**
 * What a connection's path says, as opposed to its streams: the round-trip time and the upload estimate, and
 * whether that estimate is a network limit. Both are instantaneous readings, so they are reported from the
 * connection's first poll.
 *
 * - RTT is the selected candidate pair's currentRoundTripTime; where the pair has none (Firefox before
 *   ~120), the mean of remote-inbound-rtp roundTripTime (RTCP receiver reports). Evidence says which.
 * - availableOutgoingBitrate is the selected pair's. It counts as a network limit only where it is one:
 *   not while it is still the browser's start-up default (300 kbps in libwebrtc) before the estimator has
 *   ever moved, and, where the browser reports qualityLimitationReason, only while a video encoder reports
 *   'bandwidth' — the estimate can't rise much above what the application sends, so a sender that sends
 *   little (simulcast low layers, a small window) reads low on a clean path.
 */
import type { RttSource } from '../core/live/evidence';
import { mean } from './webrtc-arithmetic';
import type { ConnectionCounters } from './webrtc-counters';

/** libwebrtc's bandwidth estimate before it has measured anything (its default start bitrate). */
export const START_UP_ESTIMATE_BPS = 300_000;

export interface PathReadings {
  roundTripTime: number | null;
  rttSource: RttSource | null;
  availableOutgoingBitrate: number | null;
  uploadLimited: boolean | null;
  /** The bandwidth estimate has been something other than the start-up default, this poll or before. */
  estimateMoved: boolean;
}

/** `estimateMovedBefore`: carried over from the connection's earlier polls, since one moved estimate is enough. */
export function readPath(counters: ConnectionCounters, estimateMovedBefore: boolean): PathReadings {
  const rtcpRtt = mean([...counters.remoteInbound.values()].flatMap((r) => (r.roundTripTime === null ? [] : [r.roundTripTime])));
  const estimate = counters.availableOutgoingBitrate;
  const estimateMoved = estimateMovedBefore || (estimate !== null && estimate !== START_UP_ESTIMATE_BPS);
  return {
    roundTripTime: counters.roundTripTime ?? rtcpRtt,
    rttSource: counters.roundTripTime !== null ? 'candidate-pair' : rtcpRtt !== null ? 'rtcp' : null,
    availableOutgoingBitrate: estimate,
    uploadLimited: estimate === null ? null : estimateMoved ? encoderLimited(counters) : false,
    estimateMoved,
  };
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
 * The connections whose upload estimate matters: all but those known to send no video this poll. A
 * connection that sends nothing (a paused sender in a mesh) may say 'bandwidth' over a low estimate that
 * limits nobody. When none is left, all of them (the catalogue then grades no estimate without video).
 */
export function uploading<S extends { bits: { videoSend: number } | null }>(samples: readonly S[]): readonly S[] {
  const sending = samples.filter((s) => s.bits === null || s.bits.videoSend > 0);
  return sending.length > 0 ? sending : samples;
}
