import { METRICS, REASONS, type Field, type MetricId, type NetworkState, type ReasonKey } from '../catalogue';
import { evidenceOf, NO_EVIDENCE, type RttSource } from './evidence';
import { latestOf, normalizeTimestamp, readField } from './normalize';
import { MIN_LOSS_PACKETS, resolveThresholds, type ThresholdOverrides, type Thresholds } from '../thresholds';
import { POLL_INTERVAL_MS, STALE_AFTER_MS, WINDOW_MS } from '../defaults';
import { EV_RECV_LOST, EV_SEND_LOST, METRIC_INDEX, SampleRing } from './sample-ring';
import { countedLoss, countWithin, limitingUploadMean, metricMean } from './window-stats';
import { newFlow, stalled, trackFlow } from './media-flow';

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

const RANK = { good: 0, warning: 1, bad: 2 } as const;

/**
 * The rolling window: takes each poll's sample into its ring (sample-ring.ts) and grades the last windowMs
 * of them. A poll allocates nothing but its assessment.
 */
export class NetworkWindow {
  readonly windowMs: number;
  readonly minSamples: number;
  readonly staleAfterMs: number;
  readonly thresholds: Thresholds;
  readonly capacity: number;
  readonly minLossPackets: number;
  private readonly maxFutureMs: number;
  private readonly ring: SampleRing;
  /** Flow tracking across samples (not only the window): a stall outlasts the window that saw media flow. */
  private readonly flow = { recv: newFlow(), send: newFlow() };

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
    this.ring = new SampleRing(this.capacity);
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
    const ev = evidenceOf(raw);
    const e = ev ?? NO_EVIDENCE;
    this.ring.add(ts, latest, e);
    // Without evidence (Daily) only the receive bitrate tells whether anything arrived; a send bitrate of
    // 0 is as often a muted camera and microphone, so sending is judged only where packets are counted.
    trackFlow(this.flow.recv, ev ? e.recvPackets : readField(latest, 'recvBitsPerSecond'));
    trackFlow(this.flow.send, ev ? e.sendPackets : null);
    return true;
  }

  /** Forgets every sample (a new join starts a fresh window). */
  clear(): void {
    this.ring.clear();
    this.flow.recv = newFlow();
    this.flow.send = newFlow();
  }

  newestTimestamp(): number | null {
    if (this.ring.size === 0) return null;
    return this.ring.time(this.ring.slotOf(0)) ?? null;
  }

  /** Something arrived in the interval the newest sample covers (packets, or Daily's receive bitrate). */
  get arriving(): boolean {
    return this.flow.recv.flowing > 0;
  }

  /** Number of samples with timestamp > newest − windowMs. */
  count(): number {
    return countWithin(this.ring, this.windowMs, this.newestTimestamp());
  }

  /** Timestamp of the i-th window sample, oldest first (0 ≤ i < count()). */
  time(i: number, count: number = this.count()): number {
    return this.ring.time(this.ring.slotOf(count - 1 - i)) ?? Number.NaN;
  }

  /** A metric's value at the i-th window sample, oldest first. */
  metricAt(id: MetricId, i: number, count: number = this.count()): number | null {
    const v = this.metricValue(id, i, count);
    return Number.isNaN(v) ? null : v;
  }

  /** As metricAt, with NaN for not reported: a plain number, so a chart's refill boxes nothing. */
  metricValue(id: MetricId, i: number, count: number = this.count()): number {
    return this.ring.metric(this.ring.slotOf(count - 1 - i), METRIC_INDEX[id]);
  }

  /** A raw field's value at the i-th window sample, oldest first. */
  fieldAt(field: Field, i: number, count: number = this.count()): number | null {
    return this.ring.value(this.ring.slotOf(count - 1 - i), field);
  }

  /** Mean of a metric's non-null values in the window; null when there are none. */
  mean(id: MetricId, count: number = this.count()): number | null {
    return metricMean(this.ring, METRIC_INDEX[id], count);
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
        const counted = countedLoss(this.ring, key === 'recvPacketLoss' ? EV_RECV_LOST : EV_SEND_LOST, count);
        if (counted) {
          value = counted.ratio;
          packets[key] = counted.expected;
          gradable = value !== null && counted.expected >= this.minLossPackets;
          if (value !== null && !gradable) ungraded[key] = 'few-packets';
        }
      } else if (key === 'availableOutgoingBitrate' && value !== null) {
        const limiting = limitingUploadMean(this.ring, count);
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
      rttSource: count > 0 ? this.ring.rttSource(this.ring.slotOf(0)) : null,
      stall: stalled(this.flow.recv) ? 'recv' : stalled(this.flow.send) ? 'send' : null,
    };
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

function positive(v: number | undefined, fallback: number): number {
  return typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : fallback;
}
