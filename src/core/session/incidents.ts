import type { ReasonKey } from '../catalogue';
import { SessionRecord, type SampleCursor } from './session-record';
import { POLL_INTERVAL_MS, WINDOW_MS } from '../defaults';

/** The samples around one turn to bad: [at − beforeMs, at + afterMs], both ends included. */
export interface Incident {
  /** 1, 2, 3… in order of the turns, kept when older incidents are dropped. */
  readonly id: number;
  /** Timestamp of the first bad sample. */
  readonly at: number;
  readonly reasons: readonly ReasonKey[];
  /** All of the after-period has been recorded, or the session closed before it could be. */
  readonly complete: boolean;
  /** Its own small record, so an incident outlives the session record's cap and can be exported alone. */
  readonly record: SessionRecord;
}

export interface IncidentLogOptions {
  beforeMs?: number;
  afterMs?: number;
  /** Incidents kept; beyond it the oldest is dropped (counted in `dropped`). Default 50. */
  maxIncidents?: number;
  /** Expected sample spacing; sizes each incident's store. */
  intervalMs?: number;
}

type Mutable = { -readonly [K in keyof Incident]: Incident[K] };

/**
 * Watches a SessionRecord as it grows and cuts an incident at every turn to bad (a bad sample whose
 * predecessor wasn't bad). Each turn is its own incident, even when it falls inside the previous one's
 * after-period: a flapping call gives overlapping incidents, and the cap bounds how many.
 */
export class IncidentLog {
  readonly beforeMs: number;
  readonly afterMs: number;
  readonly maxIncidents: number;
  private readonly slots: number;
  private readonly kept: Mutable[] = [];
  private nextId = 1;
  private droppedCount = 0;
  private lastSeen = -Infinity;
  private lastBad = false;
  /** A cursor over the record being observed, kept so copying a sample allocates no reader. */
  private source: { record: SessionRecord; cursor: SampleCursor } | null = null;

  constructor(options: IncidentLogOptions = {}) {
    this.beforeMs = nonNegative(options.beforeMs, WINDOW_MS);
    this.afterMs = nonNegative(options.afterMs, WINDOW_MS);
    this.maxIncidents = Math.max(1, Math.floor(nonNegative(options.maxIncidents, 50)));
    const interval = nonNegative(options.intervalMs, POLL_INTERVAL_MS) || POLL_INTERVAL_MS;
    // Same margin as the live window: samples jitter around the interval.
    this.slots = Math.ceil(((this.beforeMs + this.afterMs) / interval) * 1.5) + 4;
  }

  get dropped(): number {
    return this.droppedCount;
  }

  /** Incidents kept, oldest first. */
  list(): readonly Incident[] {
    return this.kept;
  }

  /** Call after every sample appended to `record`; looks at its newest sample only. */
  observe(record: SessionRecord): void {
    const i = record.length - 1;
    if (i < 0) return;
    const t = record.time(i);
    if (t <= this.lastSeen) return;
    this.lastSeen = t;
    for (const incident of this.kept) {
      if (incident.complete) continue;
      const end = incident.at + this.afterMs;
      if (t <= end) copy(record, this.cursorOf(record), i, incident.record);
      if (t >= end) incident.complete = true;
    }
    const bad = record.networkState(i) === 'bad';
    if (bad && !this.lastBad) this.open(record, i, t);
    this.lastBad = bad;
  }

  /** The session ended: incidents still waiting for their after-period are as complete as they will get. */
  close(): void {
    for (const incident of this.kept) incident.complete = true;
  }

  bytes(): number {
    return this.kept.reduce((n, incident) => n + incident.record.bytes(), 0);
  }

  private cursorOf(record: SessionRecord): SampleCursor {
    if (this.source?.record !== record) this.source = { record, cursor: record.cursor() };
    return this.source.cursor;
  }

  private open(record: SessionRecord, i: number, at: number): void {
    let from = i;
    while (from > 0 && record.time(from - 1) >= at - this.beforeMs) from--;
    const own = new SessionRecord({ maxSamples: this.slots, chunkSize: this.slots, startedAt: record.time(from) });
    const cursor = this.cursorOf(record);
    for (let k = from; k <= i; k++) copy(record, cursor, k, own);
    this.kept.push({ id: this.nextId++, at, reasons: record.networkStateReasons(i), complete: this.afterMs === 0, record: own });
    if (this.kept.length > this.maxIncidents) {
      this.kept.shift();
      this.droppedCount++;
    }
  }
}

/** `cursor` is one of `from`'s. */
function copy(from: SessionRecord, cursor: SampleCursor, i: number, to: SessionRecord): void {
  to.append(from.time(i), cursor.at(i), {
    networkState: from.networkState(i),
    networkStateReasons: from.networkStateReasons(i),
    reportedNetworkState: from.reportedNetworkState(i),
  });
}

function nonNegative(v: number | undefined, fallback: number): number {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : fallback;
}
