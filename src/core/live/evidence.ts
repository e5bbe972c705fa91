import { isRecord, own } from './normalize';

/**
 * What a sample's ratios and estimates rest on, where the source can tell: the WebRTC maths counts packets
 * and reads the encoder; Daily's getNetworkStats() gives only ratios, so its samples carry none. It rides
 * beside Daily's `stats.latest` as `stats.evidence`, so every source and replay hands the window one shape.
 */
export interface Evidence {
  /** Packets lost and expected since the last sample (the counts behind the loss ratios); null without counts. */
  recvLost: number | null;
  recvExpected: number | null;
  sendLost: number | null;
  sendExpected: number | null;
  /** Packets that arrived / left since the last sample on streams present both times; null when none continued. */
  recvPackets: number | null;
  sendPackets: number | null;
  /**
   * Whether availableOutgoingBitrate is a network limit at this sample: false while the video encoder says it
   * is not bandwidth-limited, or while the estimate is still the browser's start-up default; null when the
   * browser can't tell (Safari, Daily), and the estimate is graded as it is.
   */
  uploadLimited: boolean | null;
  /** Where the round-trip time came from: the selected candidate pair (STUN) or the RTCP receiver reports. */
  rttSource: RttSource | null;
}

export type RttSource = 'candidate-pair' | 'rtcp';

export const NO_EVIDENCE: Readonly<Evidence> = Object.freeze({
  recvLost: null,
  recvExpected: null,
  sendLost: null,
  sendExpected: null,
  recvPackets: null,
  sendPackets: null,
  uploadLimited: null,
  rttSource: null,
});

/** The evidence of a getNetworkStats()-shaped result, validated; null when it has none (Daily). */
export function evidenceOf(raw: unknown): Evidence | null {
  if (!isRecord(raw)) return null;
  const stats = own(raw, 'stats');
  const e = isRecord(stats) ? own(stats, 'evidence') : undefined;
  return isRecord(e) ? readEvidence(e) : null;
}

/** Validates evidence read from anywhere (a live source, a trace file): a count is a finite number ≥ 0. */
export function readEvidence(e: Record<string, unknown>): Evidence {
  const count = (k: keyof Evidence) => {
    const v = own(e, k);
    return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : null;
  };
  const limited = own(e, 'uploadLimited');
  const rtt = own(e, 'rttSource');
  return {
    recvLost: count('recvLost'),
    recvExpected: count('recvExpected'),
    sendLost: count('sendLost'),
    sendExpected: count('sendExpected'),
    recvPackets: count('recvPackets'),
    sendPackets: count('sendPackets'),
    uploadLimited: typeof limited === 'boolean' ? limited : null,
    rttSource: rtt === 'candidate-pair' || rtt === 'rtcp' ? rtt : null,
  };
}
