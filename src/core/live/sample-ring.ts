import { FIELDS, FIELD_INDEX, METRICS, type Field, type MetricId, type SampleReader } from '../catalogue';
import type { Evidence, RttSource } from './evidence';
import { readField } from './normalize';

const WIDTH = FIELDS.length;
const METRIC_COUNT = METRICS.length;
/** Where each catalogue metric sits among a sample's derived metrics. */
export const METRIC_INDEX = Object.fromEntries(METRICS.map((m, i) => [m.id, i])) as Record<MetricId, number>;

/** A sample's evidence slots (NaN = not reported): each loss count with its expected right after it, then uploadLimited as 1/0. */
export const EV_RECV_LOST = 0;
export const EV_SEND_LOST = 2;
export const EV_UPLOAD_LIMITED = 4;
const EV_RECV_EXPECTED = 1;
const EV_SEND_EXPECTED = 3;
const EV_WIDTH = 5;
const RTT_SOURCES: ReadonlyArray<RttSource | null> = [null, 'candidate-pair', 'rtcp'];

/**
 * The window's storage. Samples live in one preallocated Float64Array ring (NaN = null), so memory is fixed
 * however long the call runs and a push allocates nothing. Reads go by slot: `slotOf(k)` is where the k-th
 * newest sample is.
 */
export class SampleRing {
  readonly capacity: number;
  private readonly values: Float64Array;
  /** Every catalogue metric of every slot, read once when the sample is added (NaN: not reported). */
  private readonly metricValues: Float64Array;
  private readonly times: Float64Array;
  private readonly evidence: Float64Array;
  private readonly rttSources: Uint8Array;
  /** Index of the slot the next add writes. */
  private head = 0;
  private stored = 0;
  /** Reads the sample being added, in the head slot (add moves the head on only after reading it). */
  private readonly incoming: SampleReader = (field: Field) => this.value(this.head, field);

  constructor(capacity: number) {
    this.capacity = capacity;
    this.values = new Float64Array(capacity * WIDTH);
    this.metricValues = new Float64Array(capacity * METRIC_COUNT);
    this.times = new Float64Array(capacity);
    this.evidence = new Float64Array(capacity * EV_WIDTH);
    this.rttSources = new Uint8Array(capacity);
  }

  /** Samples held: at most the capacity, after which each add overwrites the oldest. */
  get size(): number {
    return this.stored;
  }

  /** Stores a sample: its timestamp, its `stats.latest` (normalised here) and its evidence. */
  add(timestamp: number, latest: Record<string, unknown>, e: Evidence): void {
    const slot = this.head;
    this.times[slot] = timestamp;
    const base = slot * WIDTH;
    for (let i = 0; i < WIDTH; i++) {
      this.values[base + i] = readField(latest, FIELDS[i] as Field) ?? Number.NaN;
    }
    // Metrics are derived here, once per sample, not on every read: a chart and the verdict read each of
    // them every poll, and a read through the catalogue's functions boxes every value it returns.
    for (let m = 0; m < METRIC_COUNT; m++) {
      this.metricValues[slot * METRIC_COUNT + m] = METRICS[m]?.read(this.incoming) ?? Number.NaN;
    }
    const eb = slot * EV_WIDTH;
    this.evidence[eb + EV_RECV_LOST] = e.recvLost ?? Number.NaN;
    this.evidence[eb + EV_RECV_EXPECTED] = e.recvExpected ?? Number.NaN;
    this.evidence[eb + EV_SEND_LOST] = e.sendLost ?? Number.NaN;
    this.evidence[eb + EV_SEND_EXPECTED] = e.sendExpected ?? Number.NaN;
    this.evidence[eb + EV_UPLOAD_LIMITED] = e.uploadLimited === null ? Number.NaN : e.uploadLimited ? 1 : 0;
    this.rttSources[slot] = RTT_SOURCES.indexOf(e.rttSource);
    this.head = (slot + 1) % this.capacity;
    if (this.stored < this.capacity) this.stored++;
  }

  clear(): void {
    this.head = 0;
    this.stored = 0;
  }

  /** Slot of the k-th newest stored sample (k = 0 is the newest). */
  slotOf(k: number): number {
    return (this.head - 1 - k + this.capacity * 2) % this.capacity;
  }

  /** Undefined only for a slot outside the ring. */
  time(slot: number): number | undefined {
    return this.times[slot];
  }

  /** A raw field of the sample in `slot`; null where it was not reported. No position is kept between reads. */
  value(slot: number, field: Field): number | null {
    const v = this.values[slot * WIDTH + FIELD_INDEX[field]];
    return v === undefined || Number.isNaN(v) ? null : v;
  }

  /** A derived metric by its METRIC_INDEX; NaN where it was not reported, so a read boxes nothing. */
  metric(slot: number, index: number): number {
    return this.metricValues[slot * METRIC_COUNT + index] ?? Number.NaN;
  }

  /** An evidence slot (EV_*, or a loss count's slot + 1 for its expected); NaN where not reported. */
  evidenceAt(slot: number, ev: number): number {
    return this.evidence[slot * EV_WIDTH + ev] ?? Number.NaN;
  }

  rttSource(slot: number): RttSource | null {
    return RTT_SOURCES[this.rttSources[slot] ?? 0] ?? null;
  }
}
