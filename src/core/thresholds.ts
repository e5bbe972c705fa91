import type { ReasonKey } from './catalogue';

/** Level boundaries of one graded metric, in the metric's own unit (fraction, seconds, bits/s). */
export interface Level {
  warning: number;
  bad: number;
}
export type Thresholds = Record<ReasonKey, Level>;
/** Accepts `Partial<Thresholds>` and also a single bound: `{ roundTripTime: { warning: 0.25 } }`. */
export type ThresholdOverrides = { [K in ReasonKey]?: Partial<Level> };

/**
 * Defaults, with where each number comes from. Daily's in-call grading thresholds are not published,
 * so we take the ones it publishes for its pre-call tests (testCallQuality / testPeerToPeerCallQuality):
 * loss < 5 % good, 5–10 % warning, ≥ 10 % bad; RTT < 300 ms good, 300–600 ms warning, ≥ 600 ms bad.
 * Upload floor: Azure Communication Services' bandwidth needs — 360p video needs 500 kbps — and below
 * 150 kbps not even low-resolution video fits beside audio.
 */
export const DEFAULT_THRESHOLDS: Readonly<Thresholds> = Object.freeze({
  sendPacketLoss: { warning: 0.05, bad: 0.1 },
  recvPacketLoss: { warning: 0.05, bad: 0.1 },
  roundTripTime: { warning: 0.3, bad: 0.6 },
  availableOutgoingBitrate: { warning: 500_000, bad: 150_000 },
});

/**
 * Loss is not graded from fewer packets than this expected over the window, where the source counts packets
 * (the WebRTC maths): 6 lost of a new stream's first 53 is 11 % but says little. 100 packets is about 2 s
 * of audio alone, so a live call clears it within one poll; a trickle (a stream ending, a paused sender)
 * does not. Daily's getNetworkStats() has no counts, so its ratios are graded as they come.
 */
export const MIN_LOSS_PACKETS = 100;

export function resolveThresholds(overrides?: ThresholdOverrides): Thresholds {
  const pick = (key: ReasonKey): Level => {
    const o = overrides?.[key];
    const d = DEFAULT_THRESHOLDS[key];
    return {
      warning: typeof o?.warning === 'number' && Number.isFinite(o.warning) ? o.warning : d.warning,
      bad: typeof o?.bad === 'number' && Number.isFinite(o.bad) ? o.bad : d.bad,
    };
  };
  return {
    sendPacketLoss: pick('sendPacketLoss'),
    recvPacketLoss: pick('recvPacketLoss'),
    roundTripTime: pick('roundTripTime'),
    availableOutgoingBitrate: pick('availableOutgoingBitrate'),
  };
}
