import { FIELDS, FIELD_INDEX, METRICS, REASONS, type Field, type MetricId, type ReasonKey, type SampleReader } from './catalogue';
import { latestOf, normalizeTimestamp, readField } from './normalize';
import { resolveThresholds, type ThresholdOverrides, type Thresholds } from './thresholds';

export type NetworkState = 'good' | 'warning' | 'bad' | 'unknown';
/**
 * Why a verdict is unknown: the window is still filling, nothing measurable is flowing, samples stopped,
 * or (set by the Monitor) the source has answered for a while without one usable sample.
 */
export type UnknownReason = 'measuring' | 'no-media' | 'stale' | 'no-samples';

export interface Assessment {
  networkState: NetworkState;
  networkStateReasons: ReasonKey[];
  metrics: Record<ReasonKey, number | null>;
  sampleCount: number;
  newestTimestamp: number | null;
  /** Set only when networkState is 'unknown'. */
  unknownReason: UnknownReason | null;
  /** Level of each graded metric (null when the metric is null). */
  levels: Record<ReasonKey, 'good' | 'warning' | 'bad' | null>;
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
}

const WIDTH = FIELDS.length;
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
  private readonly maxFutureMs: number;
  private readonly values: Float64Array;
  /** Every catalogue metric of every slot, read once when the sample is pushed (NaN: not reported). */
  private readonly metricValues: Float64Array;
  private readonly times: Float64Array;
  /** Index of the slot the next push writes. */
  private head = 0;
  private stored = 0;
  private row = 0;
  private readonly reader: SampleReader = (field: Field) => {
    const v = this.values[this.row * WIDTH + FIELD_INDEX[field]];
    return v === undefined || Number.isNaN(v) ? null : v;
  };

  constructor(options: NetworkWindowOptions = {}) {
    this.windowMs = positive(options.windowMs, 30_000);
    this.minSamples = Math.max(1, Math.floor(positive(options.minSamples, 3)));
    this.staleAfterMs = positive(options.staleAfterMs, 10_000);
    this.maxFutureMs = positive(options.maxFutureMs, 60_000);
    this.thresholds = resolveThresholds(options.thresholds);
    const interval = positive(options.intervalMs, 2_000);
    // Daily's samples come ~2 s apart but jitter; 1.5× plus a few slots keeps a full window in any case.
    this.capacity = Math.ceil((this.windowMs / interval) * 1.5) + 4;
    this.values = new Float64Array(this.capacity * WIDTH);
    this.metricValues = new Float64Array(this.capacity * METRIC_COUNT);
    this.times = new Float64Array(this.capacity);
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
    this.row = slot;
    for (let m = 0; m < METRIC_COUNT; m++) {
      this.metricValues[slot * METRIC_COUNT + m] = METRICS[m]?.read(this.reader) ?? Number.NaN;
    }
    this.head = (slot + 1) % this.capacity;
    if (this.stored < this.capacity) this.stored++;
    return true;
  }

  /** Forgets every sample (a new join starts a fresh window). */
  clear(): void {
    this.head = 0;
    this.stored = 0;
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
    this.row = this.slotOf(count - 1 - i);
    return this.reader(field);
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
    for (const key of REASONS) {
      const value = this.mean(key, count);
      metrics[key] = value;
      const level = value === null ? null : grade(key, value, this.thresholds);
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
    };
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

function positive(v: number | undefined, fallback: number): number {
  return typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : fallback;
}
