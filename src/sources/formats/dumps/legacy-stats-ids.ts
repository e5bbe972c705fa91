/**
 * Stats types from the ids old Chrome gave them. webrtc-internals dumps of Chrome ≤ ~90 have no `statsType`, but
 * libwebrtc's stats collector named every stat `<prefix><details>` (rtc_stats_collector.cc before the short ids of
 * ~M107), and the legacy getStats() API had its own fixed names. Matched case-insensitively, since the spelling of
 * "RTP"/"Rtp" moved between versions.
 */

export interface LegacyIdType {
  /** The stats type, or `candidate` for RTCIceCandidate_… (local or remote is decided by the caller). */
  type: string;
  kind?: 'audio' | 'video';
}

export const CANDIDATE = 'candidate';

const PREFIXES: ReadonlyArray<readonly [prefix: string, found: LegacyIdType]> = [
  ['RTCIceCandidatePair_', { type: 'candidate-pair' }],
  ['RTCIceCandidate_', { type: CANDIDATE }],
  ['RTCInboundRTPAudioStream_', { type: 'inbound-rtp', kind: 'audio' }],
  ['RTCInboundRTPVideoStream_', { type: 'inbound-rtp', kind: 'video' }],
  ['RTCOutboundRTPAudioStream_', { type: 'outbound-rtp', kind: 'audio' }],
  ['RTCOutboundRTPVideoStream_', { type: 'outbound-rtp', kind: 'video' }],
  ['RTCRemoteInboundRtpAudioStream_', { type: 'remote-inbound-rtp', kind: 'audio' }],
  ['RTCRemoteInboundRtpVideoStream_', { type: 'remote-inbound-rtp', kind: 'video' }],
  ['RTCRemoteOutboundRTPAudioStream_', { type: 'remote-outbound-rtp', kind: 'audio' }],
  ['RTCRemoteOutboundRTPVideoStream_', { type: 'remote-outbound-rtp', kind: 'video' }],
  ['RTCMediaStreamTrack_', { type: 'track' }],
  ['RTCMediaStream_', { type: 'stream' }],
  ['RTCAudioSource_', { type: 'media-source', kind: 'audio' }],
  ['RTCVideoSource_', { type: 'media-source', kind: 'video' }],
  ['RTCTransport_', { type: 'transport' }],
  ['RTCPeerConnection', { type: 'peer-connection' }],
  ['RTCDataChannel_', { type: 'data-channel' }],
  ['RTCCodec_', { type: 'codec' }],
  ['RTCCertificate_', { type: 'certificate' }],
  // The legacy (callback) getStats() of old Chrome, which old webrtc-internals graphed as well.
  ['bweforvideo', { type: 'VideoBwe' }],
  ['Conn-', { type: 'googCandidatePair' }],
  ['Channel-', { type: 'googComponent' }],
  ['googTrack_', { type: 'googTrack' }],
  ['googCertificate_', { type: 'googCertificate' }],
  ['googLibjingleSession_', { type: 'googLibjingleSession' }],
];
const LOWERCASE_PREFIXES = PREFIXES.map(([prefix, found]) => [prefix.toLowerCase(), found] as const);

const LEGACY_SSRC = /^ssrc_\d+_(send|recv)$/i;

export function typeFromLegacyId(id: string): LegacyIdType | null {
  if (LEGACY_SSRC.test(id)) return { type: 'ssrc' };
  const lower = id.toLowerCase();
  for (const [prefix, found] of LOWERCASE_PREFIXES) if (lower.startsWith(prefix)) return found;
  return null;
}
