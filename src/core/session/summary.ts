import { FIELDS, metricDef, type Field, type SampleReader, type Unit } from '../catalogue';
import type { SessionRecord } from './session-record';
import { DEFAULT_THRESHOLDS, type Thresholds } from '../thresholds';
import type { NetworkState } from '../live/window';
import { POLL_INTERVAL_MS, STALE_AFTER_MS, WINDOW_MS } from '../defaults';
import { runs, statesOverTime, type StateRun } from './state-runs';
import { worstWindow, type WorstWindow } from './worst-window';

export type { StateRun } from './state-runs';
export { worstWindow } from './worst-window';
export type { WorstCause, WorstWindow } from './worst-window';

export type Direction = 'send' | 'recv';
/** The summary's per-media rows: audio, video, and both together. */
export type SummaryMedia = 'audio' | 'video' | 'total';
/** @deprecated Renamed SummaryMedia (three unions were called Kind). */
export type Kind = SummaryMedia;

/** Azure's per-stream names (roundTripTime, jitter, packetLossRate), in the catalogue's units — see SUMMARY_UNITS. */
export interface StreamStats {
  roundTripTimeAvg: number | null;
  roundTripTimeMax: number | null;
  jitterAvg: number | null;
  jitterMax: number | null;
  packetLossRateAvg: number | null;
  packetLossRateMax: number | null;
}
/** Daily's `/logs` names for the send bitrate. */
export interface SendStats extends StreamStats {
  userSentBitsPerSecMin: number | null;
  userSentBitsPerSecAvg: number | null;
  userSentBitsPerSecMax: number | null;
}
export interface RecvStats extends StreamStats {
  userRecvBitsPerSecMin: number | null;
  userRecvBitsPerSecAvg: number | null;
  userRecvBitsPerSecMax: number | null;
}
export type StatKey = keyof SendStats | keyof RecvStats;

/**
 * Units of every stat, stated in the output too. They are the catalogue's (seconds, 0–1 fraction, bits/s),
 * not Azure's milliseconds: one unit per quantity across the project, and formatValue() takes them as is.
 */
export const SUMMARY_UNITS: Readonly<Record<StatKey, Unit>> = Object.freeze({
  roundTripTimeAvg: 's', roundTripTimeMax: 's', jitterAvg: 's', jitterMax: 's',
  packetLossRateAvg: 'fraction', packetLossRateMax: 'fraction',
  userSentBitsPerSecMin: 'bps', userSentBitsPerSecAvg: 'bps', userSentBitsPerSecMax: 'bps',
  userRecvBitsPerSecMin: 'bps', userRecvBitsPerSecAvg: 'bps', userRecvBitsPerSecMax: 'bps',
});

export interface BrowserInfo {
  name: string | null;
  userAgent: string | null;
}

export interface SessionSummary {
  startedAt: number | null;
  endedAt: number | null;
  closed: boolean;
  durationMs: number;
  sampleCount: number;
  droppedSamples: number;
  truncated: boolean;
  units: Readonly<Record<StatKey, Unit>>;
  send: Record<SummaryMedia, SendStats>;
  recv: Record<SummaryMedia, RecvStats>;
  timeInStateMs: Record<NetworkState, number>;
  /** Changes of the local state between consecutive samples. */
  transitions: number;
  /** Outages (media not getting through: stalled, reconnecting, lost) and the time they held, counted in bad too. */
  outages: number;
  outageMs: number;
  worst30s: WorstWindow | null;
  timeline: { local: StateRun<NetworkState>[]; reported: StateRun<NetworkState | null>[] };
  browser: BrowserInfo;
  /** Catalogue fields that had no value in any sample: the browser couldn't (or nothing flowed to) report them. */
  unavailableMetrics: Field[];
  /** Stats that no source measures, so always null whatever the browser: e.g. 'send.audio.roundTripTime'. */
  notMeasured: string[];
}

export interface SummaryOptions {
  browser?: string | { name?: string; userAgent?: string };
  thresholds?: Thresholds;
  windowMs?: number;
  intervalMs?: number;
  /** How long one sample's state is believed; the rest of a longer gap counts as unknown. Default 10 s (the window's staleAfterMs). */
  maxHoldMs?: number;
}

type Read = (get: SampleReader) => number | null;
interface Sources {
  bitrate: Read;
  loss: Read;
  jitter: Read | null;
  rtt: Read | null;
}
const field = (f: Field): Read => (get) => get(f);

// Daily gives jitter only per kind and RTT only per transport (it is a round trip, so both directions'
// totals carry it). Those holes are by design and listed in `notMeasured`, never filled with a guess.
const SOURCES: Record<Direction, Record<SummaryMedia, Sources>> = {
  send: {
    audio: { bitrate: field('audioSendBitsPerSecond'), loss: field('audioSendPacketLoss'), jitter: field('audioSendJitter'), rtt: null },
    video: { bitrate: field('videoSendBitsPerSecond'), loss: field('videoSendPacketLoss'), jitter: field('videoSendJitter'), rtt: null },
    total: { bitrate: field('sendBitsPerSecond'), loss: metricDef('sendPacketLoss').read, jitter: null, rtt: metricDef('roundTripTime').read },
  },
  recv: {
    audio: { bitrate: field('audioRecvBitsPerSecond'), loss: field('audioRecvPacketLoss'), jitter: field('audioRecvJitter'), rtt: null },
    video: { bitrate: field('videoRecvBitsPerSecond'), loss: field('videoRecvPacketLoss'), jitter: field('videoRecvJitter'), rtt: null },
    total: { bitrate: field('recvBitsPerSecond'), loss: metricDef('recvPacketLoss').read, jitter: null, rtt: metricDef('roundTripTime').read },
  },
};
const DIRECTIONS: readonly Direction[] = ['send', 'recv'];
const KINDS: readonly SummaryMedia[] = ['audio', 'video', 'total'];

export const NOT_MEASURED: readonly string[] = DIRECTIONS.flatMap((d) =>
  KINDS.flatMap((k) => [
    ...(SOURCES[d][k].rtt ? [] : [`${d}.${k}.roundTripTime`]),
    ...(SOURCES[d][k].jitter ? [] : [`${d}.${k}.jitter`]),
  ]),
);

class Acc {
  n = 0;
  sum = 0;
  min = Infinity;
  max = -Infinity;
  add(v: number | null): void {
    if (v === null) return;
    this.n++;
    this.sum += v;
    if (v < this.min) this.min = v;
    if (v > this.max) this.max = v;
  }
  get avg(): number | null {
    return this.n === 0 ? null : this.sum / this.n;
  }
  get lo(): number | null {
    return this.n === 0 ? null : this.min;
  }
  get hi(): number | null {
    return this.n === 0 ? null : this.max;
  }
}

/** Summarises a record the way post-call logs do. Averages are per sample (each ~2 s interval counts once). */
export function summarize(record: SessionRecord, options: SummaryOptions = {}): SessionSummary {
  const n = record.length;
  const accs = DIRECTIONS.map(() => KINDS.map(() => ({ bitrate: new Acc(), loss: new Acc(), jitter: new Acc(), rtt: new Acc() })));
  const seen = new Set<Field>();
  // One cursor for the whole walk: nothing is allocated per sample.
  const cursor = record.cursor();
  for (let i = 0; i < n; i++) {
    const get = cursor.at(i);
    for (const f of FIELDS) if (get(f) !== null) seen.add(f);
    DIRECTIONS.forEach((d, di) =>
      KINDS.forEach((k, ki) => {
        const src = SOURCES[d][k];
        const acc = accs[di]?.[ki];
        if (!acc) return;
        acc.bitrate.add(src.bitrate(get));
        acc.loss.add(src.loss(get));
        if (src.jitter) acc.jitter.add(src.jitter(get));
        if (src.rtt) acc.rtt.add(src.rtt(get));
      }),
    );
  }
  const send = {} as Record<SummaryMedia, SendStats>;
  const recv = {} as Record<SummaryMedia, RecvStats>;
  KINDS.forEach((k, ki) => {
    const s = accs[0]?.[ki];
    const r = accs[1]?.[ki];
    if (!s || !r) return;
    send[k] = { userSentBitsPerSecMin: s.bitrate.lo, userSentBitsPerSecAvg: s.bitrate.avg, userSentBitsPerSecMax: s.bitrate.hi, ...streamStats(s) };
    recv[k] = { userRecvBitsPerSecMin: r.bitrate.lo, userRecvBitsPerSecAvg: r.bitrate.avg, userRecvBitsPerSecMax: r.bitrate.hi, ...streamStats(r) };
  });

  const end = record.closed && record.endedAt !== null ? record.endedAt : n > 0 ? record.time(n - 1) : null;
  const start = record.startedAt;
  const { timeInStateMs, transitions, outages, outageMs } = statesOverTime(record, end, positive(options.maxHoldMs, STALE_AFTER_MS));
  return {
    startedAt: start,
    endedAt: record.closed ? record.endedAt : null,
    closed: record.closed,
    durationMs: start !== null && end !== null ? Math.max(0, end - start) : 0,
    sampleCount: n,
    droppedSamples: record.droppedSamples,
    truncated: record.truncated,
    units: SUMMARY_UNITS,
    send,
    recv,
    timeInStateMs,
    transitions,
    outages,
    outageMs,
    worst30s: worstWindow(record, options.thresholds ?? DEFAULT_THRESHOLDS, positive(options.windowMs, WINDOW_MS), positive(options.intervalMs, POLL_INTERVAL_MS)),
    timeline: {
      local: runs(record, (i) => record.networkState(i), end),
      reported: runs(record, (i) => record.reportedNetworkState(i), end),
    },
    browser: browserInfo(options.browser),
    unavailableMetrics: FIELDS.filter((f) => !seen.has(f)),
    notMeasured: [...NOT_MEASURED],
  };
}

function streamStats(a: { loss: Acc; jitter: Acc; rtt: Acc }): StreamStats {
  return {
    roundTripTimeAvg: a.rtt.avg, roundTripTimeMax: a.rtt.hi,
    jitterAvg: a.jitter.avg, jitterMax: a.jitter.hi,
    packetLossRateAvg: a.loss.avg, packetLossRateMax: a.loss.hi,
  };
}

const MAX_BROWSER_TEXT = 512;

function browserInfo(b: SummaryOptions['browser']): BrowserInfo {
  const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim().slice(0, MAX_BROWSER_TEXT) : null);
  if (typeof b === 'string') return { name: null, userAgent: text(b) };
  return { name: text(b?.name), userAgent: text(b?.userAgent) };
}

function positive(v: number | undefined, fallback: number): number {
  return typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : fallback;
}
