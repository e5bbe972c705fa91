// The referee's levels, the reasons it grades, and the thresholds between the levels. Part of the
// independent referee (referee.ts): nothing here is imported from src/.

export type Level = 'good' | 'warning' | 'bad';
export const REASONS = ['recvPacketLoss', 'sendPacketLoss', 'roundTripTime', 'availableOutgoingBitrate'] as const;
export type Reason = (typeof REASONS)[number];
export type Levels = { readonly [R in Reason]: Level | null };

export const THRESHOLDS = {
  lossWarning: 0.05,
  lossBad: 0.1,
  rttWarningMs: 300,
  rttBadMs: 600,
  uploadBadBps: 150_000,
  uploadWarningBps: 500_000,
} as const;

/** Chrome's availableOutgoingBitrate before its bandwidth estimator has produced anything of its own. */
export const CHROME_START_BITRATE = 300_000;

export const RANK: Readonly<Record<Level, number>> = { good: 0, warning: 1, bad: 2 };

export function lossLevel(fraction: number): Level {
  if (fraction >= THRESHOLDS.lossBad) return 'bad';
  if (fraction >= THRESHOLDS.lossWarning) return 'warning';
  return 'good';
}

export function rttLevel(ms: number): Level {
  if (ms >= THRESHOLDS.rttBadMs) return 'bad';
  if (ms >= THRESHOLDS.rttWarningMs) return 'warning';
  return 'good';
}

export function uploadLevel(bps: number): Level {
  if (bps < THRESHOLDS.uploadBadBps) return 'bad';
  if (bps < THRESHOLDS.uploadWarningBps) return 'warning';
  return 'good';
}
