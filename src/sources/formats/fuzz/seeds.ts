/**
 * The fuzzer's seeds: real recordings, cut small so ten thousand mutations of each stay quick, and kept
 * structurally valid so a mutation starts from a file the readers fully understand (a mutated seed that is
 * already broken everywhere only ever reaches the first check).
 *  - webrtc-internals: this project's Chromium dumps (current and legacy), only the stats the maths reads.
 *  - rtcstats: Jitsi's real rtcstats-server files; rtcstats v3: Chromium's own rtcstats dump.
 *  - getStats() snapshots: skyway's real `Array.from(report)` files.
 *  - session and incident exports: a real Jitsi call replayed through the real Monitor and recorder.
 *  - Daily /logs: the saved fixture, and a body built from the same replayed call.
 *  - traces: the demo's traces, and a parse result handed back in.
 * The dumps' seeds are cut in dump-seeds.ts, our own formats' in own-format-seeds.ts; seedsFor picks
 * one format's.
 */
import type { SessionExport } from '../../../index';
import { loadDumpReader } from '../dump-reader';
import { internalsSeeds, jitsiSeeds, snapshotSeeds, v3Seeds } from './dump-seeds';
import type { Seed } from './mutate';
import { incidentSeeds, logsSeeds, recordedCall, sessionSeeds, traceSeeds } from './own-format-seeds';

export type FuzzFormat =
  | 'webrtc-internals'
  | 'webrtc-internals-legacy'
  | 'rtcstats'
  | 'rtcstats-v3'
  | 'getstats-snapshot'
  | 'session'
  | 'incident'
  | 'daily-logs'
  | 'trace';

let call: Promise<SessionExport> | null = null;

/** One format's seeds. The exports are made once, through the real Monitor on fake timers. */
export async function seedsFor(format: FuzzFormat): Promise<Seed[]> {
  await loadDumpReader();
  switch (format) {
    case 'webrtc-internals':
      return internalsSeeds().slice(0, 1);
    case 'webrtc-internals-legacy':
      return internalsSeeds().slice(1);
    case 'rtcstats':
      return jitsiSeeds();
    case 'rtcstats-v3':
      return v3Seeds();
    case 'getstats-snapshot':
      return snapshotSeeds();
    case 'trace':
      return traceSeeds();
  }
  call ??= recordedCall();
  const recorded = await call;
  if (format === 'session') return sessionSeeds(recorded);
  if (format === 'incident') return incidentSeeds(recorded);
  return logsSeeds(recorded);
}
