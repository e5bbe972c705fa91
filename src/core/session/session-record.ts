import { FIELDS, FIELD_INDEX, type Field, type NetworkState, type ReasonKey, type SampleReader } from '../catalogue';
import { latestOf, normalizeTimestamp, readField } from '../live/normalize';
import type { Outage } from '../live/monitor';
import { POLL_INTERVAL_MS } from '../defaults';
import { localStateOf, outageOf, packFlags, reasonsOf, reportedStateOf, type SampleState } from './sample-flags';

/**
 * One recorded sample as plain data. The metric keys are Daily's `stats.latest` names and units, so an
 * exported sample can be fed back as `{ stats: { latest: sample } }` by a replay source.
 */
export type SessionSample = {
  timestamp: number;
  networkState: NetworkState;
  networkStateReasons: ReasonKey[];
  reportedNetworkState: NetworkState | null;
  outage: Outage | null;
} & { [F in Field]: number | null };

export interface SessionRecordOptions {
  /** Expected spacing of samples; with maxDurationMs it sets the cap. */
  intervalMs?: number;
  /** How much call the record keeps before dropping the oldest samples. Default 12 h. */
  maxDurationMs?: number;
  /** The cap in samples; overrides maxDurationMs / intervalMs. */
  maxSamples?: number;
  /** Samples per allocation. Default 256 (≈ 8.5 min at 2 s). */
  chunkSize?: number;
  /** When the call began (ms); defaults to the first sample's timestamp. */
  startedAt?: number;
}

/** See `SessionRecord.cursor()`. */
export interface SampleCursor {
  /** Points this cursor at the i-th retained sample (oldest first); its reader reads that sample until the next `at`. */
  at(i: number): SampleReader;
}

interface Chunk {
  values: Float32Array;
  times: Uint32Array;
  flags: Uint16Array;
}

const WIDTH = FIELDS.length;
/** Times are stored as ms offsets from the first sample in a Uint32: a record spans at most ~49.7 days. */
const MAX_OFFSET = 0xffff_ffff;

/**
 * Every sample of one call, in chunked typed arrays: values as Float32 (NaN = null; 7 significant digits is
 * far finer than any of these measurements), time as a Uint32 ms offset, both verdicts and the reasons
 * packed in a Uint16 (sample-flags.ts) — 78 bytes a sample, so an hour of 2 s samples costs ≈ 140 kB. Chunks are allocated
 * as the call grows; at the cap the store becomes a ring and the oldest samples are overwritten (counted
 * in `droppedSamples`).
 */
export class SessionRecord {
  readonly capacity: number;
  readonly chunkSize: number;
  private readonly chunks: Chunk[] = [];
  private started: number | null;
  private ended: number | null = null;
  private isClosed = false;
  /** Physical slot of the oldest retained sample. */
  private first = 0;
  private count = 0;
  private dropped = 0;
  private base: number | null = null;
  private newest = -Infinity;

  constructor(options: SessionRecordOptions = {}) {
    const interval = positive(options.intervalMs, POLL_INTERVAL_MS);
    const duration = positive(options.maxDurationMs, 12 * 3_600_000);
    this.capacity = Math.max(1, Math.floor(positive(options.maxSamples, Math.ceil(duration / interval))));
    this.chunkSize = Math.max(1, Math.floor(positive(options.chunkSize, 256)));
    this.started = finiteOrNull(options.startedAt);
  }

  /** Number of retained samples. */
  get length(): number {
    return this.count;
  }
  get droppedSamples(): number {
    return this.dropped;
  }
  /** True once the cap made the record forget its oldest samples. */
  get truncated(): boolean {
    return this.dropped > 0;
  }
  get closed(): boolean {
    return this.isClosed;
  }
  get startedAt(): number | null {
    return this.started ?? (this.count > 0 || this.dropped > 0 ? this.base : null);
  }
  get endedAt(): number | null {
    return this.ended;
  }

  /** Takes a getNetworkStats() result, normalised exactly as the window does. False when not taken. */
  push(raw: unknown, state: SampleState): boolean {
    const latest = latestOf(raw);
    if (!latest) return false;
    const ts = normalizeTimestamp(latest['timestamp']);
    if (ts === null) return false;
    return this.append(ts, (field) => readField(latest, field), state);
  }

  /**
   * Takes one already-normalised sample. False (and no change) once closed, and for a timestamp that is not
   * newer than the newest (to the ms) or beyond the record's time span.
   */
  append(timestamp: number, get: SampleReader, state: SampleState): boolean {
    if (this.isClosed || !Number.isFinite(timestamp)) return false;
    const ts = Math.round(timestamp);
    if (ts <= this.newest) return false;
    const base = this.base ?? ts;
    const offset = ts - base;
    if (offset > MAX_OFFSET) return false;
    this.base = base;
    this.newest = ts;
    let slot: number;
    if (this.count < this.capacity) {
      slot = (this.first + this.count) % this.capacity;
      this.count++;
    } else {
      slot = this.first;
      this.first = (this.first + 1) % this.capacity;
      this.dropped++;
    }
    const chunk = this.chunkFor(slot);
    const row = slot % this.chunkSize;
    chunk.times[row] = offset;
    chunk.flags[row] = packFlags(state);
    const at = row * WIDTH;
    for (let i = 0; i < WIDTH; i++) chunk.values[at + i] = get(FIELDS[i] as Field) ?? Number.NaN;
    return true;
  }

  /** Ends the record (left-meeting). Later samples are refused. `endedAt` is never before the newest sample. */
  close(at: number = Date.now()): void {
    if (this.isClosed) return;
    this.isClosed = true;
    const newest = this.count > 0 ? this.newest : null;
    const end = Number.isFinite(at) ? at : newest;
    this.ended = end === null ? null : Math.max(end, newest ?? end);
  }

  /** Timestamp (ms) of the i-th retained sample, oldest first. */
  time(i: number): number {
    const [chunk, row] = this.locate(i);
    return (this.base ?? 0) + (chunk.times[row] ?? 0);
  }

  networkState(i: number): NetworkState {
    const [chunk, row] = this.locate(i);
    return localStateOf(chunk.flags[row] ?? 3);
  }

  reportedNetworkState(i: number): NetworkState | null {
    const [chunk, row] = this.locate(i);
    return reportedStateOf(chunk.flags[row] ?? 0);
  }

  outage(i: number): Outage | null {
    const [chunk, row] = this.locate(i);
    return outageOf(chunk.flags[row] ?? 0);
  }

  networkStateReasons(i: number): ReasonKey[] {
    const [chunk, row] = this.locate(i);
    return reasonsOf(chunk.flags[row] ?? 0);
  }

  value(i: number, field: Field): number | null {
    const [chunk, row] = this.locate(i);
    return valueIn(chunk.values, row * WIDTH, field);
  }

  /**
   * A reader of the i-th sample, for catalogue `read` functions. Each reader is its own: it reads sample i
   * whatever other readers or cursors are made later (until the cap drops that sample). It is one small
   * object per call; a loop over many samples should move one `cursor()` instead.
   */
  readerAt(i: number): SampleReader {
    const [chunk, row] = this.locate(i);
    const values = chunk.values;
    const base = row * WIDTH;
    return (field) => valueIn(values, base, field);
  }

  /**
   * A reader its owner moves from sample to sample: `at(i)` points it at the i-th sample and returns its
   * reader (the same function every time). Moving allocates nothing, so a walk over the whole record costs
   * one cursor; each cursor has its own position, so two never read each other's sample.
   */
  cursor(): SampleCursor {
    let values: Float32Array | null = null;
    let base = 0;
    const read: SampleReader = (field) => (values === null ? null : valueIn(values, base, field));
    return {
      at: (i) => {
        const [chunk, row] = this.locate(i);
        values = chunk.values;
        base = row * WIDTH;
        return read;
      },
    };
  }

  /** The i-th sample as plain data. Values are the shortest decimals that read back as the stored Float32. */
  sample(i: number): SessionSample {
    const [chunk, row] = this.locate(i);
    const values = chunk.values;
    const base = row * WIDTH;
    const out = {
      timestamp: this.time(i),
      networkState: this.networkState(i),
      networkStateReasons: this.networkStateReasons(i),
      reportedNetworkState: this.reportedNetworkState(i),
      outage: this.outage(i),
    } as SessionSample;
    for (const field of FIELDS) {
      const v = valueIn(values, base, field);
      out[field] = v === null ? null : shortestFloat32(v);
    }
    return out;
  }

  samples(from = 0, to: number = this.count): SessionSample[] {
    const out: SessionSample[] = [];
    for (let i = Math.max(0, from); i < Math.min(to, this.count); i++) out.push(this.sample(i));
    return out;
  }

  /** Bytes held by the record's typed arrays (what grows with call length; fixed overhead is < 1 kB). */
  bytes(): number {
    let n = 0;
    for (const c of this.chunks) n += c.values.byteLength + c.times.byteLength + c.flags.byteLength;
    return n;
  }

  private locate(i: number): [Chunk, number] {
    if (!(i >= 0 && i < this.count)) throw new RangeError(`sample ${i} out of range (0..${this.count - 1})`);
    const slot = (this.first + i) % this.capacity;
    return [this.chunks[Math.floor(slot / this.chunkSize)] as Chunk, slot % this.chunkSize];
  }

  private chunkFor(slot: number): Chunk {
    const k = Math.floor(slot / this.chunkSize);
    // Slots are first written in order, so the chunk needed is either allocated or the next one.
    while (this.chunks.length <= k) {
      const size = Math.min(this.chunkSize, this.capacity - this.chunks.length * this.chunkSize);
      this.chunks.push({ values: new Float32Array(size * WIDTH), times: new Uint32Array(size), flags: new Uint16Array(size) });
    }
    return this.chunks[k] as Chunk;
  }
}

/** A stored value (NaN: not reported) read back as the reader contract wants it. */
function valueIn(values: Float32Array, base: number, field: Field): number | null {
  const v = values[base + FIELD_INDEX[field]];
  return v === undefined || Number.isNaN(v) ? null : v;
}

/** Shortest decimal that is the same Float32 (9 significant digits always are), so exports read 0.05, not 0.0500000007. */
export function shortestFloat32(v: number): number {
  for (let p = 1; p < 9; p++) {
    const c = Number(v.toPrecision(p));
    if (Math.fround(c) === v) return c;
  }
  return Number(v.toPrecision(9));
}

function positive(v: number | undefined, fallback: number): number {
  return typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : fallback;
}

function finiteOrNull(v: number | undefined): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}
