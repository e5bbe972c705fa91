import { FIELDS, FIELD_INDEX, METRICS, REASONS, type Field, type MetricId, type NetworkState, type ReasonKey, type SampleReader } from '../catalogue';
import { evidenceOf, NO_EVIDENCE, type RttSource } from './evidence';
import { latestOf, normalizeTimestamp, readField } from './normalize';
import { MIN_LOSS_PACKETS, resolveThresholds, type ThresholdOverrides, type Thresholds } from '../thresholds';
import { POLL_INTERVAL_MS, STALE_AFTER_MS, WINDOW_MS } from '../defaults';

export type { NetworkState } from '../catalogue';
/**
 * Why a verdict is unknown: the window is still filling, nothing measurable is flowing, samples stopped,
 * or (set by the Monitor) the source has answered for a while without one usable sample.
 */
export type UnknownReason = 'measuring' | 'no-media' | 'stale' | 'no-samples';

/** Why a graded metric with a value has no level: too few packets behind a loss ratio, or an upload estimate that is not a network limit. */
export type UngradedWhy = 'few-packets' | 'not-limiting';

/** Which way media stopped: nothing arriving, or nothing leaving, for STALL_SAMPLES samples after it flowed. */
export type Stall = 'recv' | 'send';

export interface Assessment {
  networkState: NetworkState;
  networkStateReasons: ReasonKey[];
  metrics: Record<ReasonKey, number | null>;
  sampleCount: number;
  newestTimestamp: number | null;
  /** Set only when networkState is 'unknown'. */
  unknownReason: UnknownReason | null;
  /** Level of each graded metric (null when the metric is null, or is not graded: see ungraded). */
  levels: Record<ReasonKey, 'good' | 'warning' | 'bad' | null>;
  /** Metrics that have a value but no level, and why. */
  ungraded: Partial<Record<ReasonKey, UngradedWhy>>;
  /** Packets expected over the window behind each loss ratio; null where the source gives no counts (Daily). */
  packets: Record<'sendPacketLoss' | 'recvPacketLoss', number | null>;
  /** Where the newest round-trip time came from; null when the source doesn't say (Daily) or there is none. */
  rttSource: RttSource | null;
  /** Media stopped flowing after it flowed (see Stall); the Monitor decides whether that is an outage. */
  stall: Stall | null;
}

export interface NetworkWindowOptions {
  windowMs?: number;
  minSamples?: number;
  staleAfterMs?: number;
  thresholds?: ThresholdOverrides;
  /** Expected spacing of samples; sizes the ring buffer. Samples arriving faster than this keep fewer than windowMs. */
  intervalMs?: number;
  /** A timestamp further than this ahead of the wall clock is refused, so one bad clock can't block every later sample. */
  maxFutureMs?: number;
  /** Fewest packets expected over the window for a loss ratio to be graded (where the source counts packets). */
  minLossPackets?: number;
}

/** Samples a window needs before it gives a verdict (fewer reads Measuring…). */
export const MIN_SAMPLES = 3;

/** Samples in a row with nothing arriving (or leaving), after media flowed, that make a stall: one may be a blip. */
export const STALL_SAMPLES = 2;

const WIDTH = FIELDS.length;
// Evidence slots per sample (NaN = not reported): the loss counts, the flow counts, uploadLimited as 1/0.
const EV_RECV_LOST = 0;
const EV_RECV_EXPECTED = 1;
const EV_SEND_LOST = 2;
const EV_SEND_EXPECTED = 3;
const EV_UPLOAD_LIMITED = 4;
const EV_WIDTH = 5;
const RTT_SOURCES: ReadonlyArray<RttSource | null> = [null, 'candidate-pair', 'rtcp'];
const RANK = { good: 0, warning: 1, bad: 2 } as const;

/**
 * The rolling window. Samples live in one preallocated Float64Array ring (NaN = null), so memory is fixed
 * however long the call runs and a poll allocates nothing but its assessment.
 */
export class NetworkWindow {
  readonly windowMs: number;
  readonly minSamples: number;
  readonly staleAfterMs: number;
  readonly thresholds: Thresholds;
  readonly capacity: number;
  readonly minLossPackets: number;
  private readonly maxFutureMs: number;
  private readonly evidence: Float64Array;
  private readonly rttSources: Uint8Array;
  /** Flow tracking across samples (not only the window): a stall outlasts the window that saw media flow. */
  private readonly flow = { recv: newFlow(), send: newFlow() };
  private readonly values: Float64Array;
  /** Every catalogue metric of every slot, read once when the sample is pushed (NaN: not reported). */
  private readonly metricValues: Float64Array;
  private readonly times: Float64Array;
  /** Index of the slot the next push writes. */
  private head = 0;
  private stored = 0;
  /** Reads the sample being pushed, in the head slot (push moves the head on only after reading it). */
  private readonly incoming: SampleReader = (field: Field) => this.valueIn(this.head, field);

  constructor(options: NetworkWindowOptions = {}) {
    this.windowMs = positive(options.windowMs, WINDOW_MS);
    this.minSamples = Math.max(1, Math.floor(positive(options.minSamples, MIN_SAMPLES)));
    this.staleAfterMs = positive(options.staleAfterMs, STALE_AFTER_MS);
    this.maxFutureMs = positive(options.maxFutureMs, 60_000);
    this.thresholds = resolveThresholds(options.thresholds);
    this.minLossPackets = typeof options.minLossPackets === 'number' && options.minLossPackets >= 0 ? options.minLossPackets : MIN_LOSS_PACKETS;
    const interval = positive(options.intervalMs, POLL_INTERVAL_MS);
    // Daily's samples come ~2 s apart but jitter; 1.5× plus a few slots keeps a full window in any case.
    this.capacity = Math.ceil((this.windowMs / interval) * 1.5) + 4;
    this.values = new Float64Array(this.capacity * WIDTH);
    this.metricValues = new Float64Array(this.capacity * METRIC_COUNT);
    this.times = new Float64Array(this.capacity);
    this.evidence = new Float64Array(this.capacity * EV_WIDTH);
    this.rttSources = new Uint8Array(this.capacity);
  }

  /** Takes a getNetworkStats() result. False (and no change) for anything without a newer timestamp. */
  push(raw: unknown, nowMs: number = Date.now()): boolean {
    const latest = latestOf(raw);
    if (!latest) return false;
    const ts = normalizeTimestamp(latest['timestamp']);
    if (ts === null) return false;
    const newest = this.newestTimestamp();
    if (newest !== null && ts <= newest) return false;
    if (ts > nowMs + this.maxFutureMs) return false;
    const slot = this.head;
    this.times[slot] = ts;
    const base = slot * WIDTH;
    for (let i = 0; i < WIDTH; i++) {
      this.values[base + i] = readField(latest, FIELDS[i] as Field) ?? Number.NaN;
    }
    // Metrics are derived here, once per sample, not on every read: a chart and the verdict read each of
    // them every poll, and a read through the catalogue's functions boxes every value it returns.
    for (let m = 0; m < METRIC_COUNT; m++) {
      this.metricValues[slot * METRIC_COUNT + m] = METRICS[m]?.read(this.incoming) ?? Number.NaN;
    }
    const ev = evidenceOf(raw);
    const e = ev ?? NO_EVIDENCE;
    const eb = slot * EV_WIDTH;
    this.evidence[eb + EV_RECV_LOST] = e.recvLost ?? Number.NaN;
    this.evidence[eb + EV_RECV_EXPECTED] = e.recvExpected ?? Number.NaN;
    this.evidence[eb + EV_SEND_LOST] = e.sendLost ?? Number.NaN;
    this.evidence[eb + EV_SEND_EXPECTED] = e.sendExpected ?? Number.NaN;
    this.evidence[eb + EV_UPLOAD_LIMITED] = e.uploadLimited === null ? Number.NaN : e.uploadLimited ? 1 : 0;
    this.rttSources[slot] = RTT_SOURCES.indexOf(e.rttSource);
    // Without evidence (Daily) only the receive bitrate tells whether anything arrived; a send bitrate of
    // 0 is as often a muted camera and microphone, so sending is judged only where packets are counted.
    trackFlow(this.flow.recv, ev ? e.recvPackets : readField(latest, 'recvBitsPerSecond'));
    trackFlow(this.flow.send, ev ? e.sendPackets : null);
    this.head = (slot + 1) % this.capacity;
    if (this.stored < this.capacity) this.stored++;
    return true;
  }

  /** Forgets every sample (a new join starts a fresh window). */
  clear(): void {
    this.head = 0;
    this.stored = 0;
    this.flow.recv = newFlow();
    this.flow.send = newFlow();
  }

  newestTimestamp(): number | null {
    if (this.stored === 0) return null;
    return this.times[(this.head - 1 + this.capacity) % this.capacity] ?? null;
  }

  /** Number of samples with timestamp > newest − windowMs. */
  count(): number {
    const newest = this.newestTimestamp();
    if (newest === null) return 0;
    const from = newest - this.windowMs;
    let n = 0;
    while (n < this.stored && (this.times[this.slotOf(n)] ?? -Infinity) > from) n++;
    return n;
  }

  /** Timestamp of the i-th window sample, oldest first (0 ≤ i < count()). */
  time(i: number, count: number = this.count()): number {
    return this.times[this.slotOf(count - 1 - i)] ?? Number.NaN;
  }

  /** A metric's value at the i-th window sample, oldest first. */
  metricAt(id: MetricId, i: number, count: number = this.count()): number | null {
    const v = this.metricValue(id, i, count);
    return Number.isNaN(v) ? null : v;
  }

  /** As metricAt, with NaN for not reported: a plain number, so a chart's refill boxes nothing. */
  metricValue(id: MetricId, i: number, count: number = this.count()): number {
    return this.metricIn(this.slotOf(count - 1 - i), METRIC_INDEX[id]);
  }

  /** A raw field's value at the i-th window sample, oldest first. */
  fieldAt(field: Field, i: number, count: number = this.count()): number | null {
    return this.valueIn(this.slotOf(count - 1 - i), field);
  }

  /** Mean of a metric's non-null values in the window; null when there are none. */
  mean(id: MetricId, count: number = this.count()): number | null {
    const index = METRIC_INDEX[id];
    let sum = 0;
    let n = 0;
    for (let k = 0; k < count; k++) {
      const v = this.metricIn(this.slotOf(k), index);
      if (!Number.isNaN(v)) {
        sum += v;
        n++;
      }
    }
    return n === 0 ? null : sum / n;
  }

  assess(nowMs: number = Date.now()): Assessment {
    const count = this.count();
    const newest = this.newestTimestamp();
    const metrics = {} as Record<ReasonKey, number | null>;
    const levels = {} as Record<ReasonKey, 'good' | 'warning' | 'bad' | null>;
    let worst: 'good' | 'warning' | 'bad' | null = null;
    const reasons: ReasonKey[] = [];
    const ungraded: Assessment['ungraded'] = {};
    const packets: Assessment['packets'] = { sendPacketLoss: null, recvPacketLoss: null };
    for (const key of REASONS) {
      let value = this.mean(key, count);
      let gradable = value !== null;
      if (key === 'recvPacketLoss' || key === 'sendPacketLoss') {
        const counted = this.countedLoss(key === 'recvPacketLoss' ? EV_RECV_LOST : EV_SEND_LOST, count);
        if (counted) {
          value = counted.ratio;
          packets[key] = counted.expected;
          gradable = value !== null && counted.expected >= this.minLossPackets;
          if (value !== null && !gradable) ungraded[key] = 'few-packets';
        }
      } else if (key === 'availableOutgoingBitrate' && value !== null) {
        const limiting = this.limitingUploadMean(count);
        if (limiting === null) ungraded[key] = 'not-limiting';
        value = limiting ?? value;
        gradable = limiting !== null;
      }
      metrics[key] = value;
      const level = value === null || !gradable ? null : grade(key, value, this.thresholds);
      levels[key] = level;
      if (level === null) continue;
      if (level !== 'good') reasons.push(key);
      if (worst === null || RANK[level] > RANK[worst]) worst = level;
    }
    let unknownReason: UnknownReason | null = null;
    if (newest !== null && nowMs - newest > this.staleAfterMs) unknownReason = 'stale';
    else if (count < this.minSamples) unknownReason = 'measuring';
    else if (worst === null) unknownReason = 'no-media';
    const state: NetworkState = unknownReason ? 'unknown' : (worst ?? 'unknown');
    return {
      networkState: state,
      networkStateReasons: state === 'warning' || state === 'bad' ? reasons : [],
      metrics,
      sampleCount: count,
      newestTimestamp: newest,
      unknownReason,
      levels,
      ungraded,
      packets,
      rttSource: count > 0 ? (RTT_SOURCES[this.rttSources[this.slotOf(0)] ?? 0] ?? null) : null,
      stall: stalled(this.flow.recv) ? 'recv' : stalled(this.flow.send) ? 'send' : null,
    };
  }

  /**
   * Loss over the window as Σ lost ÷ Σ expected of the samples that carry counts, so a poll of 3 packets
   * weighs what 3 packets weigh, not what a poll of 300 does; null when no sample carries counts (Daily).
   */
  private countedLoss(lostSlot: number, count: number): { ratio: number | null; expected: number } | null {
    let lost = 0;
    let expected = 0;
    let counted = false;
    for (let k = 0; k < count; k++) {
      const base = this.slotOf(k) * EV_WIDTH;
      const l = this.evidence[base + lostSlot] ?? Number.NaN;
      const x = this.evidence[base + lostSlot + 1] ?? Number.NaN;
      if (Number.isNaN(l) || Number.isNaN(x)) continue;
      counted = true;
      lost += l;
      expected += x;
    }
    if (!counted) return null;
    return { ratio: expected > 0 ? Math.min(1, Math.max(0, lost / expected)) : null, expected };
  }

  /** Mean available upload over the samples where it is a network limit (or can't be told); null when none is. */
  private limitingUploadMean(count: number): number | null {
    const index = METRIC_INDEX.availableOutgoingBitrate;
    let sum = 0;
    let n = 0;
    for (let k = 0; k < count; k++) {
      const slot = this.slotOf(k);
      const v = this.metricIn(slot, index);
      if (Number.isNaN(v) || this.evidence[slot * EV_WIDTH + EV_UPLOAD_LIMITED] === 0) continue;
      sum += v;
      n++;
    }
    return n === 0 ? null : sum / n;
  }

  /** A raw field of the sample in `slot`; null where it was not reported. No position is kept between reads. */
  private valueIn(slot: number, field: Field): number | null {
    const v = this.values[slot * WIDTH + FIELD_INDEX[field]];
    return v === undefined || Number.isNaN(v) ? null : v;
  }

  private metricIn(slot: number, index: number): number {
    return this.metricValues[slot * METRIC_COUNT + index] ?? Number.NaN;
  }

  /** Slot of the k-th newest stored sample (k = 0 is the newest). */
  private slotOf(k: number): number {
    return (this.head - 1 - k + this.capacity * 2) % this.capacity;
  }
}

/** Level of one graded metric's value against its thresholds. */
export function grade(key: ReasonKey, value: number, thresholds: Thresholds): 'good' | 'warning' | 'bad' {
  const t = thresholds[key];
  const worseUp = METRIC_READ_WORSE[key] === 'up';
  if (worseUp ? value >= t.bad : value < t.bad) return 'bad';
  if (worseUp ? value >= t.warning : value < t.warning) return 'warning';
  return 'good';
}

const METRIC_READ_WORSE = Object.fromEntries(METRICS.map((m) => [m.id, m.worse])) as Record<MetricId, 'up' | 'down'>;
const METRIC_COUNT = METRICS.length;
const METRIC_INDEX = Object.fromEntries(METRICS.map((m, i) => [m.id, i])) as Record<MetricId, number>;

interface Flow {
  /** Samples in a row in which something flowed. */
  flowing: number;
  /** Media has flowed steadily (FLOW_SAMPLES in a row) since a stream last went away or the window was cleared. */
  flowed: boolean;
  /** Samples in a row with nothing flowing, after it flowed. */
  still: number;
}

/**
 * Samples in a row with something flowing before a stop counts as a stall: a stream that sent a handful of
 * packets and went quiet (a sender set up and then paused, as Jitsi's bridge connection is while the call
 * runs peer-to-peer) never carried media, so its silence is no outage.
 */
const FLOW_SAMPLES = 2;

function newFlow(): Flow {
  return { flowing: 0, flowed: false, still: 0 };
}

/** `amount`: packets (or, for Daily, bits/s) since the last sample; null when nothing can be told (no stream continued). */
function trackFlow(f: Flow, amount: number | null): void {
  if (amount === null) {
    f.flowing = 0;
    f.flowed = false;
    f.still = 0;
  } else if (amount > 0) {
    f.flowing++;
    if (f.flowing >= FLOW_SAMPLES) f.flowed = true;
    f.still = 0;
  } else {
    f.flowing = 0;
    if (f.flowed) f.still++;
  }
}

function stalled(f: Flow): boolean {
  return f.flowed && f.still >= STALL_SAMPLES;
}

function positive(v: number | undefined, fallback: number): number {
  return typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : fallback;
}
