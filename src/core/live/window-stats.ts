/** The rolling statistics over a ring's newest `count` samples, the ones inside the window. */

import { EV_UPLOAD_LIMITED, METRIC_INDEX, type SampleRing } from './sample-ring';

/** Number of samples with timestamp > newest − windowMs. */
export function countWithin(ring: SampleRing, windowMs: number, newest: number | null): number {
  if (newest === null) return 0;
  const from = newest - windowMs;
  let n = 0;
  while (n < ring.size && (ring.time(ring.slotOf(n)) ?? -Infinity) > from) n++;
  return n;
}

/** Mean of a metric's reported values; null when there are none. */
export function metricMean(ring: SampleRing, index: number, count: number): number | null {
  let sum = 0;
  let n = 0;
  for (let k = 0; k < count; k++) {
    const v = ring.metric(ring.slotOf(k), index);
    if (!Number.isNaN(v)) {
      sum += v;
      n++;
    }
  }
  return n === 0 ? null : sum / n;
}

/**
 * Loss as Σ lost ÷ Σ expected of the samples that carry counts, so a poll of 3 packets weighs what 3
 * packets weigh, not what a poll of 300 does; null when no sample carries counts (Daily).
 */
export function countedLoss(ring: SampleRing, lostSlot: number, count: number): { ratio: number | null; expected: number } | null {
  let lost = 0;
  let expected = 0;
  let counted = false;
  for (let k = 0; k < count; k++) {
    const slot = ring.slotOf(k);
    const l = ring.evidenceAt(slot, lostSlot);
    const x = ring.evidenceAt(slot, lostSlot + 1);
    if (Number.isNaN(l) || Number.isNaN(x)) continue;
    counted = true;
    lost += l;
    expected += x;
  }
  if (!counted) return null;
  return { ratio: expected > 0 ? Math.min(1, Math.max(0, lost / expected)) : null, expected };
}

/** Mean available upload over the samples where it is a network limit (or can't be told); null when none is. */
export function limitingUploadMean(ring: SampleRing, count: number): number | null {
  const index = METRIC_INDEX.availableOutgoingBitrate;
  let sum = 0;
  let n = 0;
  for (let k = 0; k < count; k++) {
    const slot = ring.slotOf(k);
    const v = ring.metric(slot, index);
    if (Number.isNaN(v) || ring.evidenceAt(slot, EV_UPLOAD_LIMITED) === 0) continue;
    sum += v;
    n++;
  }
  return n === 0 ? null : sum / n;
}
