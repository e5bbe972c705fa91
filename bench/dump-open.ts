// Opening a 5 MB stats dump the way the demo does (parseRecordingAsync on the file's text), with the longest
// main-thread task measured. The dumps are real recordings grown to the size of the largest real
// webrtc-internals dumps found publicly (4–5 MB): a real rtcstats call repeated as one longer call, and the
// real webrtc-internals dump made here with its connections repeated.
import rtcstatsCall from '../src/sources/fixtures/realcalls/jitsi-rtcstats-server/safari-standard-stats?raw';
import internalsDump from '../src/sources/fixtures/dumps/webrtc-internals-chromium.json?raw';
import { parseRecording, parseRecordingAsync } from '../src/index';

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

/**
 * Longest task: the largest gap between the ticks of a MessageChannel loop running beside the open — a
 * gap is a stretch in which the page could not run anything else. (PerformanceObserver's longtask only
 * reports tasks over 50 ms, so it can't tell 20 ms from 49 ms.)
 */
export async function openDump(kind: 'rtcstats' | 'webrtc-internals'): Promise<DumpOpenFigures> {
  const text = kind === 'rtcstats' ? bigRtcstats() : bigInternals();
  let running = true;
  let last = performance.now();
  let longest = 0;
  const channel = new MessageChannel();
  channel.port1.onmessage = () => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
    if (running) channel.port2.postMessage(null);
  };
  channel.port2.postMessage(null);
  const t0 = performance.now();
  await parseRecordingAsync(text);
  const totalMs = performance.now() - t0;
  running = false;
  await new Promise((r) => setTimeout(r, 20));
  channel.port1.close();
  const s0 = performance.now();
  parseRecording(text);
  const syncMs = performance.now() - s0;
  return { bytes: text.length, longestTaskMs: longest, totalMs, syncMs };
}
