import type * as DumpReplay from './reader-chunk';

// The file readers (webrtc-internals, rtcstats and snapshot readers, the WebRTC maths they replay through, the
// sliced JSON reader) are a chunk loaded on demand: most pages show a badge and never open a file.

let reader: typeof DumpReplay | null = null;
let loading: Promise<typeof DumpReplay> | null = null;

/**
 * Loads the dump reader; once it resolves, parseRecording and createReplaySource read dumps synchronously
 * too. parseRecordingAsync calls it itself. A chunk that fails to load rejects, and the next call tries again.
 */
export function loadDumpReader(): Promise<typeof DumpReplay> {
  loading ??= import('./reader-chunk').then(
    (m) => (reader = m),
    (err: unknown) => {
      loading = null;
      throw err;
    },
  );
  return loading;
}

/** The dump reader when it has been loaded; null before. */
export function loadedDumpReader(): typeof DumpReplay | null {
  return reader;
}
