import type { ContextPatch, ContextSource } from './context';
import type { Trace, TraceSample } from './trace';

export interface ReplayOptions {
  /** 2 plays twice as fast: timestamps are compressed too, so scale the monitor's intervalMs/windowMs alike. */
  speed?: number;
  /** Start over after the last sample (default true); otherwise the last sample repeats and the data goes stale. */
  loop?: boolean;
  now?: () => number;
}

export interface ReplaySource extends ContextSource {
  readonly trace: Trace;
  readonly speed: number;
  /** Plays from the first sample again at the next poll. */
  restart(): void;
}

/**
 * Plays a recorded trace back as a `getNetworkStats()` source. It has no timers: each poll returns the
 * sample due at that moment (the clock starts at the first poll), with its timestamp re-based to now, so
 * a replay behaves like a live call to everything downstream and leaves nothing running when dropped.
 */
export function createReplaySource(trace: Trace, options: ReplayOptions = {}): ReplaySource {
  const speed = options.speed && options.speed > 0 && Number.isFinite(options.speed) ? options.speed : 1;
  const loop = options.loop ?? true;
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
    speed,
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
      const index = lastAtOrBefore(samples, within);
      if (index < 0) return Promise.resolve(last);
      const at = cycle * n + index;
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
          stats: { latest: { ...s.latest, timestamp } },
        };
      }
      return Promise.resolve(last);
    },
  };
}

function lastAtOrBefore(samples: TraceSample[], t: number): number {
  let i = -1;
  while (i + 1 < samples.length && (samples[i + 1]?.t ?? Infinity) <= t) i++;
  return i;
}

