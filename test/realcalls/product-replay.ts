// Replaying a recording with the product. The product is driven only through its public API (src/index.ts),
// the way a page replays a dropped file: createReplaySource + Monitor at speed 1 with the source's own
// timing, the recorded connection states fed to the monitor as context. The clock is Vitest's fake one, so
// a 400 s recording replays in well under a second and the same way every time.

import { vi } from 'vitest';
import {
  createReplaySource, Monitor, parseRecordingAsync, RecordingError, type Recording, type RecordingErrorCode, type ReplayTiming, type Snapshot,
} from '../../src/index';
import type { Levels, Reason } from './levels';

/** What the widget showed right after it took one replayed sample. */
export interface ProductSample {
  /** ms since the replay's first sample (newestTimestamp − the first one's): recording time since its first poll. */
  readonly sinceFirstMs: number;
  readonly levels: Levels;
  readonly networkState: Snapshot['assessment']['networkState'];
  /** The reasons the widget names for a warning or bad verdict. */
  readonly reasons: readonly Reason[];
  readonly outage: Snapshot['outage'];
  /** metrics.roundTripTime in ms (the product keeps seconds), null when it has none. */
  readonly rttMs: number | null;
  readonly rttSource: Snapshot['assessment']['rttSource'];
  readonly packets: Snapshot['assessment']['packets'];
  readonly ungraded: Snapshot['assessment']['ungraded'];
  readonly metrics: Snapshot['assessment']['metrics'];
}

export type ProductReplay =
  | { readonly refused: false; readonly samples: readonly ProductSample[]; readonly timing: ReplayTiming; readonly intervalMs: number }
  | { readonly refused: true; readonly code: RecordingErrorCode; readonly message: string };

const T0 = 1_750_000_000_000;

/**
 * Replays a recording's text through the product and collects the snapshot after every sample the window
 * took. Installs fake timers for the run and restores real ones after; a file the product will not replay
 * comes back as `refused` with the RecordingError's code and message (any other error is thrown).
 */
export async function replayWithProduct(text: string): Promise<ProductReplay> {
  // Read as a page reads a dropped file (parseRecordingAsync loads the dump reader and parses in slices),
  // on real timers; then the fake clock, before the source exists: it takes hold of Date.now when made.
  let recording: Recording;
  try {
    recording = await parseRecordingAsync(text);
  } catch (err) {
    if (err instanceof RecordingError) return { refused: true, code: err.code, message: err.message };
    throw err;
  }
  vi.useFakeTimers();
  vi.setSystemTime(T0);
  const source = createReplaySource(recording, { speed: 1 });
  const monitor = new Monitor({ source, ...source.timing });
  const unbind = source.onContext((patch) => monitor.update(patch));
  const samples: ProductSample[] = [];
  let first: number | null = null;
  let newest: number | null = null;
  const unsubscribe = monitor.subscribe((snap, event) => {
    const ts = snap.assessment.newestTimestamp;
    // Every poll answers with a 'sample' event; only one whose timestamp moved on was taken.
    if (event !== 'sample' || ts === null || ts === newest) return;
    newest = ts;
    first ??= ts;
    const a = snap.assessment;
    samples.push({
      sinceFirstMs: ts - first,
      levels: { ...a.levels },
      networkState: a.networkState,
      reasons: [...a.networkStateReasons],
      outage: snap.outage,
      rttMs: a.metrics.roundTripTime === null ? null : a.metrics.roundTripTime * 1000,
      rttSource: a.rttSource,
      packets: { ...a.packets },
      ungraded: { ...a.ungraded },
      metrics: { ...a.metrics },
    });
  });
  try {
    monitor.start();
    const last = source.trace.samples.at(-1)?.t ?? 0;
    // Past the last sample by a few polls, so the last one is surely taken.
    await vi.advanceTimersByTimeAsync(last + source.trace.intervalMs + 4 * source.timing.intervalMs);
  } finally {
    monitor.stop();
    unsubscribe();
    unbind();
    vi.useRealTimers();
  }
  return { refused: false, samples, timing: source.timing, intervalMs: source.trace.intervalMs };
}
