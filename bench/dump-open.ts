// Opening a 5 MB stats dump the way the demo does (parseRecordingAsync on the file's text), with the longest
// main-thread task measured. The dumps are real recordings grown to the size of the largest real
// webrtc-internals dumps found publicly (4–5 MB): a real rtcstats call repeated as one longer call, and the
// real webrtc-internals dump made here with its connections repeated.
import rtcstatsCall from '../src/sources/fixtures/realcalls/jitsi-rtcstats-server/safari-standard-stats?raw';
import internalsDump from '../src/sources/fixtures/dumps/webrtc-internals-chromium.json?raw';
import { parseRecording, parseRecordingAsync } from '../src/index';
import { withLongestTask } from './longest-task';

const TARGET_BYTES = 5_000_000;

/** The rtcstats call played again and again, later each time, as one connection's longer call. */
function bigRtcstats(): string {
  const lines = rtcstatsCall.split('\n').filter((l) => l.trim() !== '');
  const times = lines.map((l) => {
    const row: unknown = JSON.parse(l);
    return Array.isArray(row) && typeof row[3] === 'number' ? row[3] : 0;
  });
  const span = Math.max(...times) - Math.min(...times) + 1_000;
  const out: string[] = [];
  for (let copy = 0, bytes = 0; bytes < TARGET_BYTES; copy++) {
    for (const l of lines) {
      const row: unknown = JSON.parse(l);
      if (!Array.isArray(row)) continue;
      if (typeof row[3] === 'number') row[3] += copy * span;
      const text = JSON.stringify(row);
      out.push(text);
      bytes += text.length + 1;
    }
  }
  return out.join('\n');
}

/** The webrtc-internals dump with its peer connections repeated under new ids, as a page with many would be. */
function bigInternals(): string {
  const dump = JSON.parse(internalsDump) as { PeerConnections: Record<string, unknown> };
  const original = Object.entries(dump.PeerConnections);
  const grown: Record<string, unknown> = {};
  for (let copy = 0; JSON.stringify(grown).length < TARGET_BYTES; copy++) {
    for (const [id, pc] of original) grown[`${id}-${copy}`] = pc;
  }
  dump.PeerConnections = grown;
  return JSON.stringify(dump);
}

export interface DumpOpenFigures {
  bytes: number;
  /** Longest main-thread task while opening it as the demo does (ms). */
  longestTaskMs: number;
  /** Wall time to open it (ms), while the page stays responsive. */
  totalMs: number;
  /** Opening it in one go (parseRecording), for scale: the task a synchronous reader would block for (ms). */
  syncMs: number;
}

/** The longest task while the dump opens (see longest-task.ts), the time it takes, and the same in one go. */
export async function openDump(kind: 'rtcstats' | 'webrtc-internals'): Promise<DumpOpenFigures> {
  const text = kind === 'rtcstats' ? bigRtcstats() : bigInternals();
  const t0 = performance.now();
  let totalMs = 0;
  const { longestTaskMs } = await withLongestTask(async () => {
    await parseRecordingAsync(text);
    totalMs = performance.now() - t0;
  });
  const s0 = performance.now();
  parseRecording(text);
  const syncMs = performance.now() - s0;
  return { bytes: text.length, longestTaskMs, totalMs, syncMs };
}
