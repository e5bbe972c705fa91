import { metricDef } from '../catalogue';
import { POLL_INTERVAL_MS, WINDOW_MS } from '../defaults';
import type { Thresholds } from '../thresholds';
import type { SessionRecord } from './session-record';

// The summary's "worst 30 s": the stretch of the call a tester should look at first.

export type WorstCause = 'sendPacketLoss' | 'recvPacketLoss' | 'roundTripTime';
/** The 30 s window (as the live widget held it) with the highest mean loss or RTT relative to its bad threshold. */
export interface WorstWindow {
  from: number;
  to: number;
  sampleCount: number;
  sendPacketLoss: number | null;
  recvPacketLoss: number | null;
  roundTripTime: number | null;
  /** max(mean / bad threshold) over the three: 1 means a mean right at its bad threshold. */
  score: number;
  cause: WorstCause;
}

/**
 * Slides the widget's own window — samples with timestamp in (end − windowMs, end] — over the record and
 * keeps the worst. Only full windows count (end at least windowMs − one interval after the first sample),
 * so a lone bad sample at the start isn't a "worst 30 s" of one; a call shorter than that has one window,
 * the whole call. Each mean is divided by its bad threshold so loss and RTT share one scale; ties keep the earliest.
 */
export function worstWindow(record: SessionRecord, thresholds: Thresholds, windowMs = WINDOW_MS, intervalMs = POLL_INTERVAL_MS): WorstWindow | null {
  const n = record.length;
  if (n === 0) return null;
  const reads = [metricDef('sendPacketLoss').read, metricDef('recvPacketLoss').read, metricDef('roundTripTime').read];
  const bads = [thresholds.sendPacketLoss.bad, thresholds.recvPacketLoss.bad, thresholds.roundTripTime.bad];
  const causes: WorstCause[] = ['sendPacketLoss', 'recvPacketLoss', 'roundTripTime'];
  const sums = [0, 0, 0];
  const counts = [0, 0, 0];
  const cursor = record.cursor();
  const shift = (i: number, sign: 1 | -1) => {
    const get = cursor.at(i);
    reads.forEach((read, m) => {
      const v = read(get);
      if (v === null) return;
      sums[m] = (sums[m] ?? 0) + sign * v;
      counts[m] = (counts[m] ?? 0) + sign;
    });
  };
  const t0 = record.time(0);
  const full = record.time(n - 1) - t0 >= windowMs - intervalMs;
  let best: WorstWindow | null = null;
  let s = 0;
  for (let e = 0; e < n; e++) {
    shift(e, 1);
    const te = record.time(e);
    while (record.time(s) <= te - windowMs) shift(s++, -1);
    if (full ? te - t0 < windowMs - intervalMs : e !== n - 1) continue;
    const means = counts.map((c, m) => (c > 0 ? (sums[m] ?? 0) / c : null));
    let score = -1;
    let cause: WorstCause = 'sendPacketLoss';
    means.forEach((mean, m) => {
      const bad = bads[m] ?? 1;
      if (mean !== null && mean / bad > score) {
        score = mean / bad;
        cause = causes[m] ?? cause;
      }
    });
    if (score < 0 || (best && score <= best.score)) continue;
    best = {
      from: record.time(s), to: te, sampleCount: e - s + 1,
      sendPacketLoss: means[0] ?? null, recvPacketLoss: means[1] ?? null, roundTripTime: means[2] ?? null,
      score, cause,
    };
  }
  return best;
}
