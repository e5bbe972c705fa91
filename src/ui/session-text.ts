import { metricDef, NETWORK_STATES, type MetricId, type Unit } from '../core/catalogue';
import type { SessionSummary } from '../core/session/summary';
import type { NetworkState } from '../core/live/window';
import { formatDuration } from './duration';
import { fill, type Labels } from './labels';
import { formatMetric, metricLabel, stateText } from './status';

// Pure text for the panel's Session section, kept apart from the components so it can be tested in Node.

/** An offset into the call as m:ss or h:mm:ss — what a tester compares against a recording of the call. */
export function formatOffset(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const pad = (n: number) => String(n).padStart(2, '0');
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h > 0 ? `${h}:${pad(m)}:${pad(s % 60)}` : `${m}:${pad(s % 60)}`;
}

/** Local wall-clock HH:MM:SS, built by hand so it reads the same in every locale. */
export function clockTime(ts: number): string {
  const d = new Date(ts);
  if (!Number.isFinite(d.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** A filename-safe UTC stamp: 2026-03-26T17-40-15Z. */
export function fileStamp(ts: number | null): string {
  const d = new Date(ts ?? Date.now());
  return (Number.isFinite(d.getTime()) ? d : new Date()).toISOString().replace(/\.\d+Z$/, 'Z').replace(/:/g, '-');
}

export interface FigureRow {
  id: MetricId;
  label: string;
  avg: string;
  max: string;
}

type Pick2 = (s: SessionSummary) => [avg: number | null, max: number | null];

// The figures a support ticket asks for first, named as the panel's metric rows so both read alike.
const FIGURES: readonly (readonly [MetricId, Pick2])[] = [
  ['sendBitsPerSecond', (s) => [s.send.total.userSentBitsPerSecAvg, s.send.total.userSentBitsPerSecMax]],
  ['recvBitsPerSecond', (s) => [s.recv.total.userRecvBitsPerSecAvg, s.recv.total.userRecvBitsPerSecMax]],
  ['sendPacketLoss', (s) => [s.send.total.packetLossRateAvg, s.send.total.packetLossRateMax]],
  ['recvPacketLoss', (s) => [s.recv.total.packetLossRateAvg, s.recv.total.packetLossRateMax]],
  ['roundTripTime', (s) => [s.send.total.roundTripTimeAvg, s.send.total.roundTripTimeMax]],
  ['videoRecvJitter', (s) => [s.recv.video.jitterAvg, s.recv.video.jitterMax]],
  ['audioRecvJitter', (s) => [s.recv.audio.jitterAvg, s.recv.audio.jitterMax]],
];

export function summaryFigures(summary: SessionSummary, labels: Labels): FigureRow[] {
  return FIGURES.map(([id, pick]) => {
    const unit: Unit = metricDef(id).unit;
    const [avg, max] = pick(summary);
    return { id, label: metricLabel(id, labels), avg: formatMetric(avg, unit, labels), max: formatMetric(max, unit, labels) };
  });
}


/** Time in each state that had any to show (≥ 0.5 s), in display order: [state, "Good 1 min 5 s"]. */
export function timeInStates(summary: SessionSummary, labels: Labels): [NetworkState, string][] {
  return NETWORK_STATES.filter((s) => summary.timeInStateMs[s] >= 500).map((s) => [
    s,
    `${s === 'unknown' ? labels.sessionUnknown : stateText(s, labels)} ${formatDuration(summary.timeInStateMs[s])}`,
  ]);
}

/** "0:40–1:10: Download packet loss 14 %", offsets from the start of the record. */
export function worstText(summary: SessionSummary, labels: Labels): string | null {
  const w = summary.worst30s;
  if (!w) return null;
  const origin = summary.startedAt ?? w.from;
  return fill(labels.sessionWorstValue, {
    from: formatOffset(w.from - origin),
    to: formatOffset(w.to - origin),
    metric: metricLabel(w.cause, labels),
    value: formatMetric(w[w.cause], metricDef(w.cause).unit, labels),
  });
}
