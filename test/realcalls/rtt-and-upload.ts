// One connection's round trip and available upload over a window of its reports, as the referee grades
// them. Part of the independent referee (referee.ts): nothing here is imported from src/.

import type { Analysed } from './counter-deltas';
import type { SeriesPoint } from './counter-series';
import { CHROME_START_BITRATE } from './levels';

export type RttSource = 'candidate-pair' | 'remote-inbound-rtp';
export interface RttWindow {
  readonly meanMs: number;
  readonly source: RttSource;
  readonly samples: number;
}

export interface UploadWindow {
  readonly meanBps: number;
  readonly samples: number;
}

function mean(values: readonly number[]): number | null {
  return values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length;
}

/**
 * RTT: the selected pair's currentRoundTripTime; a browser whose pair has none (Firefox) is measured by
 * its receiver reports instead.
 */
export function rttWindow(points: readonly SeriesPoint[], indices: readonly number[]): RttWindow | null {
  const pairRtts = indices.flatMap((i) => {
    const v = points[i]?.pair?.currentRoundTripTime;
    return v === null || v === undefined ? [] : [v * 1000];
  });
  const reportRtts = indices.flatMap((i) =>
    (points[i]?.remoteInbound ?? []).flatMap((r) => (r.roundTripTime === null ? [] : [r.roundTripTime * 1000])),
  );
  const pairMean = mean(pairRtts);
  const reportMean = mean(reportRtts);
  return pairMean !== null
    ? { meanMs: pairMean, source: 'candidate-pair', samples: pairRtts.length }
    : reportMean !== null
      ? { meanMs: reportMean, source: 'remote-inbound-rtp', samples: reportRtts.length }
      : null;
}

/**
 * Available upload: only where it can be the network's limit. Not while no video is sent (the estimate
 * then only probes), not at Chrome's start value before the estimator has moved, and, where the encoder
 * says why it is limited, only when it says 'bandwidth' (otherwise the sender is application-limited and
 * the estimate merely follows what it is asked to carry).
 */
export function uploadWindow(a: Analysed, indices: readonly number[]): UploadWindow | null {
  const { points } = a.series;
  const uploads = indices.flatMap((i) => {
    const point = points[i];
    const bitrate = point?.pair?.availableOutgoingBitrate ?? null;
    if (!point || bitrate === null || !a.intervals[i]?.sendingVideo) return [];
    if (bitrate === CHROME_START_BITRATE && !a.estimateMoved[i]) return [];
    const reasons = point.outbound.filter((o) => o.kind === 'video' && o.qualityLimitationReason !== null);
    if (reasons.length > 0 && !reasons.some((o) => o.qualityLimitationReason === 'bandwidth')) return [];
    return [bitrate];
  });
  const uploadMean = mean(uploads);
  return uploadMean === null ? null : { meanBps: uploadMean, samples: uploads.length };
}
