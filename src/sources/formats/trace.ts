import { FIELDS, NETWORK_STATES, REASONS, type Field, type ReasonKey } from '../../core/catalogue';
import { readEvidence, type Evidence } from '../../core/live/evidence';
import type { CpuLoad, PeerQuality } from '../../core/live/monitor';
import { isRecord, own } from '../../core/live/normalize';
import type { NetworkState } from '../../core/live/window';
import type { ContextPatch } from '../context';
import { POLL_INTERVAL_MS } from '../../core/defaults';
import { runToEnd, turnAfter, type Reading } from './dumps/pacing';

// The recorded-trace format the replay source plays (public/traces/*.json, written by scripts/make-traces.mjs).

/** One recorded poll. `t` is ms since the trace began, in trace time. */
export interface TraceSample {
  t: number;
  /** Daily's `stats.latest` without its timestamp; null = no new sample (Daily repeats its last one). */
  latest: Partial<Record<Field, number | null>> | null;
  /** The packet counts and readings behind `latest`, where the recording had them (a replayed stats dump). */
  evidence?: Evidence;
  /** Daily's own verdict at that poll, when it was recorded. */
  networkState?: NetworkState;
  networkStateReasons?: ReasonKey[];
  /** Context changes that happened just before this poll (a reconnect, CPU load, the peers). */
  context?: ContextPatch;
}

export interface Trace {
  name: string;
  description?: string;
  /** Spacing of the recorded polls (ms); the last sample lasts this long before a loop starts over. */
  intervalMs: number;
  samples: TraceSample[];
}


/**
 * The longest poll spacing a recording may have. The replay's window and staleness are a few spacings long
 * and end up in setTimeout, which fires at once for anything past ~24.8 days; no call is polled this rarely.
 */
export const MAX_INTERVAL_MS = 3_600_000;

/** Validates a trace read from JSON. Throws with the path of the first thing wrong. */
export function parseTrace(json: unknown): Trace {
  return runToEnd(traceReading(json));
}

/** As parseTrace, offering turns as it goes (a file's trace may hold 200 000 samples). */
export function* traceReading(json: unknown): Reading<Trace> {
  if (!isRecord(json)) throw new Error('trace: not an object');
  const name = own(json, 'name');
  const intervalMs = own(json, 'intervalMs');
  const samples = own(json, 'samples');
  const description = own(json, 'description');
  if (typeof name !== 'string') throw new Error('trace.name: not a string');
  if (typeof intervalMs !== 'number' || !(intervalMs > 0) || !(intervalMs <= MAX_INTERVAL_MS)) {
    throw new Error('trace.intervalMs: not a positive number of ms up to an hour');
  }
  if (!Array.isArray(samples) || samples.length === 0) throw new Error('trace.samples: not a non-empty array');
  let prev = -Infinity;
  const out: TraceSample[] = [];
  for (let i = 0; i < samples.length; i++) {
    yield* turnAfter(i);
    const raw: unknown = samples[i];
    const where = `trace.samples[${i}]`;
    if (!isRecord(raw)) throw new Error(`${where}: not an object`);
    const t = own(raw, 't');
    if (typeof t !== 'number' || !Number.isFinite(t) || t < 0 || t <= prev) throw new Error(`${where}.t: not increasing`);
    prev = t;
    const sample: TraceSample = { t, latest: parseLatest(own(raw, 'latest'), where) };
    const evidence = own(raw, 'evidence');
    if (isRecord(evidence)) sample.evidence = readEvidence(evidence);
    const state = NETWORK_STATES.find((s) => s === own(raw, 'networkState'));
    if (state) {
      const reasons = own(raw, 'networkStateReasons');
      sample.networkState = state;
      sample.networkStateReasons = REASONS.filter((r) => Array.isArray(reasons) && reasons.includes(r));
    }
    const context = own(raw, 'context');
    if (context !== undefined) sample.context = parseContext(context, `${where}.context`);
    out.push(sample);
  }
  return { name, intervalMs, samples: out, ...(typeof description === 'string' ? { description } : {}) };
}

function parseLatest(v: unknown, where: string): TraceSample['latest'] {
  if (v === null) return null;
  if (!isRecord(v)) throw new Error(`${where}.latest: not an object or null`);
  const latest: Partial<Record<Field, number | null>> = {};
  for (const f of FIELDS) {
    const x = own(v, f);
    // Values are kept as recorded (the window normalises); only the JSON types are checked. A number that is
    // not finite (1e999 in the text, NaN in memory) is missing, as the window would read it anyway.
    if (typeof x === 'number') latest[f] = Number.isFinite(x) ? x : null;
    else if (x === null) latest[f] = x;
  }
  return latest;
}

function parseContext(v: unknown, where: string): ContextPatch {
  if (!isRecord(v)) throw new Error(`${where}: not an object`);
  const patch: ContextPatch = {};
  const connection = own(v, 'connection');
  if (connection === 'connected' || connection === 'interrupted' || connection === 'failed' || connection === null) patch.connection = connection;
  else if (connection !== undefined) throw new Error(`${where}.connection: not connected/interrupted/failed/null`);
  const cpu = own(v, 'cpuLoad');
  if (cpu === null) patch.cpuLoad = null;
  else if (cpu !== undefined) patch.cpuLoad = parseCpu(cpu, `${where}.cpuLoad`);
  const peers = own(v, 'peers');
  if (peers !== undefined) {
    if (!Array.isArray(peers)) throw new Error(`${where}.peers: not an array`);
    patch.peers = peers.map((p: unknown, i) => parsePeer(p, `${where}.peers[${i}]`));
  }
  return patch;
}

function parseCpu(v: unknown, where: string): CpuLoad {
  const state = isRecord(v) ? own(v, 'state') : undefined;
  const reason = isRecord(v) ? own(v, 'reason') : undefined;
  if ((state !== 'low' && state !== 'high') || typeof reason !== 'string') throw new Error(`${where}: not {state, reason}`);
  return { state, reason };
}

function parsePeer(v: unknown, where: string): PeerQuality {
  const id = isRecord(v) ? own(v, 'id') : undefined;
  const name = isRecord(v) ? own(v, 'name') : undefined;
  const q = NETWORK_STATES.find((s) => isRecord(v) && s === own(v, 'networkQualityState'));
  if (typeof id !== 'string' || typeof name !== 'string' || !q) throw new Error(`${where}: not {id, name, networkQualityState}`);
  return { id, name, networkQualityState: q };
}

/**
 * The recording's own cadence: the median gap between samples (robust to a gap or two), 2 s when unknown, an
 * hour at most (a file whose times jump by ages must still give the widget timers it can arm).
 */
export function medianSpacing(times: readonly number[]): number {
  const gaps = times.slice(1).map((t, i) => t - (times[i] ?? t)).filter((g) => g > 0).sort((a, b) => a - b);
  const mid = gaps[Math.floor(gaps.length / 2)];
  return mid !== undefined && Number.isFinite(mid) ? Math.min(mid, MAX_INTERVAL_MS) : POLL_INTERVAL_MS;
}
