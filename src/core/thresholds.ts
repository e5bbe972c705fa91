import { GRADED_METRICS, REASONS, recordOf, type Bounds, type ReasonKey } from './catalogue';

export type { Bounds, Level } from './catalogue';
export type Thresholds = Record<ReasonKey, Bounds>;
/** Accepts `Partial<Thresholds>` and also a single bound: `{ roundTripTime: { warning: 0.25 } }`. */
export type ThresholdOverrides = { [K in ReasonKey]?: Partial<Bounds> };

/** The default bounds, as each graded metric declares them in the catalogue (where their sources are cited). */
export const DEFAULT_THRESHOLDS: Readonly<Thresholds> = Object.freeze(
  // Object.fromEntries can't know the keys are exactly ReasonKey.
  Object.fromEntries(GRADED_METRICS.map((m) => [m.id, { ...m.grade }])) as Thresholds,
);

/**
 * Loss is not graded from fewer packets than this expected over the window, where the source counts packets
 * (the WebRTC maths): 6 lost of a new stream's first 53 is 11 % but says little. 100 packets is about 2 s
 * of audio alone, so a live call clears it within one poll; a trickle (a stream ending, a paused sender)
 * does not. Daily's getNetworkStats() has no counts, so its ratios are graded as they come.
 */
export const MIN_LOSS_PACKETS = 100;

export function resolveThresholds(overrides?: ThresholdOverrides): Thresholds {
  return recordOf(REASONS, (key) => {
    const o = overrides?.[key];
    const d = DEFAULT_THRESHOLDS[key];
    return {
      warning: typeof o?.warning === 'number' && Number.isFinite(o.warning) ? o.warning : d.warning,
      bad: typeof o?.bad === 'number' && Number.isFinite(o.bad) ? o.bad : d.bad,
    };
  });
}
