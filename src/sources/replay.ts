import type { Field } from '../core/catalogue';
import { MIN_SAMPLES } from '../core/live/window';
import type { ContextPatch, ContextSource } from './context';
import { parseRecording, type Recording, type RecordingFormat, type RecordingOptions, type ReplayInput } from './formats/parse-recording';
import type { Trace, TraceSample } from './formats/trace';
import { POLL_INTERVAL_MS, STALE_AFTER_MS, WINDOW_MS } from '../core/defaults';

export interface ReplayOptions extends RecordingOptions {
  /** 2 plays twice as fast: timestamps are compressed too, so scale the monitor's intervalMs/windowMs alike. */
  speed?: number;
  /**
   * Start over after the last sample; otherwise the last sample repeats and the data goes stale. Default true
   * for a trace, false for a session, an incident or /logs — a lap more would be recorded as more call.
   */
  loop?: boolean;
  now?: () => number;
}

/** Monitor options that make a replay at its speed behave like the recorded call: spread them into the widget's options. */
export interface ReplayTiming {
  intervalMs: number;
  windowMs: number;
  staleAfterMs: number;
  /** A recording of fewer samples than the widget's usual three (a single getStats() snapshot) is graded from what it has. */
  minSamples: number;
}

export interface ReplaySource extends ContextSource {
  readonly trace: Trace;
  readonly format: RecordingFormat;
  /** Catalogue fields the recording's format can't carry (Daily's /logs has no RTT, jitter, send loss…). */
  readonly lacks: readonly Field[];
  /** The recording browser's user agent, where the file says (stats dumps). */
  readonly userAgent: string | null;
  /** A stats dump's peer connections, and which were replayed. */
  readonly connections: Recording['connections'] | null;
  /** What was skipped while reading the file. */
  readonly warnings: readonly string[];
  readonly speed: number;
  readonly timing: ReplayTiming;
  /** Plays from the first sample again at the next poll. */
  restart(): void;
}

/**
 * Plays a recording back as a `getNetworkStats()` source: a trace, an `exportSession()` / `exportIncident()`
 * result, a Daily `/logs` response or a getStats() dump — webrtc-internals, rtcstats, a snapshot — as the
 * file's text or parsed JSON (see parseRecording; a dump is replayed through the live WebRTC maths). It has no timers: each poll returns the sample
 * due at that moment (the clock starts at the first poll), with its timestamp re-based to now, so a replay
 * behaves like a live call to everything downstream and leaves nothing running when dropped.
 */
export function createReplaySource(input: ReplayInput, options: ReplayOptions = {}): ReplaySource {
  const recording = parseRecording(input, options);
  const trace = recording.trace;
  const speed = options.speed && options.speed > 0 && Number.isFinite(options.speed) ? options.speed : 1;
  const loop = options.loop ?? recording.format === 'trace';
  const clock = options.now ?? Date.now;
  const samples = trace.samples;
  const n = samples.length;
  const duration = (samples[n - 1]?.t ?? 0) + trace.intervalMs;
  const listeners = new Set<(patch: ContextPatch) => void>();
  let start: number | null = null;
  let passed = -1;
  let last: unknown = { stats: {} };

  const emit = (patch: ContextPatch) => {
    for (const l of listeners) l(patch);
  };

  return {
    trace,
    format: recording.format,
    lacks: recording.lacks,
    userAgent: recording.userAgent ?? null,
    connections: recording.connections ?? null,
    warnings: recording.warnings,
    speed,
    timing: replayTiming(trace.intervalMs, speed, samples.filter((s) => s.latest).length),
    restart() {
      start = null;
      passed = -1;
      last = { stats: {} };
    },
    onContext(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getNetworkStats() {
      const now = clock();
      if (start === null) start = now;
      const elapsed = (now - start) * speed;
      let cycle = Math.floor(elapsed / duration);
      let within = elapsed - cycle * duration;
      if (!loop && cycle > 0) {
        cycle = 0;
        within = duration;
      }
      const due = lastAtOrBefore(samples, within);
      if (due < 0) return Promise.resolve(last);
      // Recorded samples jitter around the poll cadence, so two can fall between polls: play the older now
      // and the newer at the next poll, rather than lose one. Further behind (a sleeping tab), jump ahead.
      const at = passed >= 0 && cycle * n + due - passed === 2 ? passed + 1 : cycle * n + due;
      cycle = Math.floor(at / n);
      const index = at - cycle * n;
      // After a long pause (a sleeping tab) only the last lap's context matters.
      for (let g = Math.max(passed + 1, at - n + 1); g <= at; g++) {
        const ctx = samples[g % n]?.context;
        if (ctx) emit(ctx);
      }
      passed = Math.max(passed, at);
      const s = samples[index];
      if (s?.latest) {
        const timestamp = start + (cycle * duration + s.t) / speed;
        last = {
          ...(s.networkState ? { networkState: s.networkState, networkStateReasons: s.networkStateReasons ?? [] } : {}),
          stats: { latest: { ...s.latest, timestamp }, ...(s.evidence ? { evidence: s.evidence } : {}) },
        };
      }
      return Promise.resolve(last);
    },
  };
}

/**
 * The widget's timing for a recording sampled every `intervalMs`: poll at least every 2 s, a window of at
 * least three samples (so it leaves Measuring…), stale after two missed samples — all compressed by the speed.
 */
export function replayTiming(intervalMs: number, speed = 1, sampleCount = Infinity): ReplayTiming {
  return {
    intervalMs: Math.min(POLL_INTERVAL_MS, intervalMs) / speed,
    windowMs: Math.max(WINDOW_MS, intervalMs * 3) / speed,
    staleAfterMs: Math.max(STALE_AFTER_MS, intervalMs * 2) / speed,
    minSamples: Math.max(1, Math.min(MIN_SAMPLES, sampleCount)),
  };
}

function lastAtOrBefore(samples: TraceSample[], t: number): number {
  let i = -1;
  while (i + 1 < samples.length && (samples[i + 1]?.t ?? Infinity) <= t) i++;
  return i;
}

