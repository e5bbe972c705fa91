/**
 * Our own formats' seeds: session and incident exports and a Daily /logs body made from a real call
 * replayed through the real Monitor and recorder, the saved /logs fixture, the demo's traces, and a
 * Recording handed back in.
 */
import { join } from 'node:path';
import { vi } from 'vitest';
import { Monitor, recordMonitor, type SessionExport } from '../../../index';
import { parseRecording, type Recording } from '../parse-recording';
import { createReplaySource } from '../../replay';
import { cutJitsi, read, REALCALLS, ROOT } from './dump-seeds';
import type { Seed } from './mutate';

const TRACES = join(ROOT, 'public/traces');

// ---------------------------------------------------------------------------------------------------------
// Our own exports and Daily /logs, made from a real call by the project's own functions
// ---------------------------------------------------------------------------------------------------------

/** safari-relay turns Poor near its end: its export has an incident. */
const EXPORTED_CALL = 'safari-relay';

/** A real call replayed through the real Monitor and recorder, as the widget records a dropped file. */
export async function recordedCall(): Promise<SessionExport> {
  const recording = parseRecording(read(join(REALCALLS, 'jitsi-rtcstats-server', EXPORTED_CALL)));
  vi.useFakeTimers();
  try {
    vi.setSystemTime(1_750_000_000_000);
    const source = createReplaySource(recording);
    const monitor = new Monitor({ source, readReported: true, ...source.timing });
    const recorder = recordMonitor(monitor, { browser: recording.userAgent ?? 'unknown', roomUrl: 'https://example.daily.co/room?t=secret' });
    monitor.start();
    const span = (recording.trace.samples.at(-1)?.t ?? 0) + recording.trace.intervalMs * 2;
    await vi.advanceTimersByTimeAsync(span);
    monitor.stop();
    const exported = recorder.exportSession();
    recorder.stop();
    // What a file holds: plain JSON.
    return JSON.parse(JSON.stringify(exported)) as SessionExport;
  } finally {
    vi.useRealTimers();
  }
}

/** Cut to the samples around its first incident, so each mutation stays cheap; the summary stays the whole call's. */
const EXPORT_SAMPLES = 16;

export function sessionSeeds(call: SessionExport): Seed[] {
  const at = call.incidents[0]?.at ?? call.samples[0]?.timestamp ?? 0;
  const turn = Math.max(0, call.samples.findIndex((s) => s.timestamp >= at));
  const from = Math.max(0, turn - EXPORT_SAMPLES / 2);
  const cut: SessionExport = { ...call, samples: call.samples.slice(from, from + EXPORT_SAMPLES), incidents: call.incidents.slice(0, 1) };
  return [{ name: `${EXPORTED_CALL} replayed and exported (${cut.samples.length} samples)`, doc: { kind: 'json', value: cut } }];
}

export function incidentSeeds(call: SessionExport): Seed[] {
  const incident = call.incidents[0];
  if (!incident) throw new Error(`seed: ${EXPORTED_CALL} has no incident any more; pick another call`);
  return [{ name: `${EXPORTED_CALL} incident ${incident.id}`, doc: { kind: 'json', value: incident } }];
}

/** A `/logs` body as Daily answers it (newest first, ISO times) holding the replayed call's figures. */
function logsFrom(call: SessionExport): unknown {
  const metrics = call.samples
    .slice(0, EXPORT_SAMPLES)
    .map((s) => ({
      time: new Date(s.timestamp + 1_429).toISOString(),
      clientTime: new Date(s.timestamp).toISOString(),
      userSessionId: '4fde3659-71f6-4c28-9a90-e4c3f08ca611',
      isSFU: true,
      userSentBitsPerSecAvg: s.sendBitsPerSecond,
      userSentBitsPerSecMin: s.sendBitsPerSecond,
      userSentBitsPerSecMax: s.sendBitsPerSecond,
      userRecvBitsPerSecAvg: s.recvBitsPerSecond,
      userRecvBitsPerSecMin: s.recvBitsPerSecond,
      userRecvBitsPerSecMax: s.recvBitsPerSecond,
      VideoRecPacketLoss: s.videoRecvPacketLoss,
    }))
    .reverse();
  return { logs: [], metrics };
}

export function logsSeeds(call: SessionExport): Seed[] {
  return [
    { name: 'src/core/fixtures/daily-logs.json', doc: { kind: 'json', value: JSON.parse(read(join(ROOT, 'src/core/fixtures/daily-logs.json'))) } },
    { name: `/logs body of ${EXPORTED_CALL}`, doc: { kind: 'json', value: logsFrom(call) } },
  ];
}

// ---------------------------------------------------------------------------------------------------------
// Traces, and a Recording handed back in
// ---------------------------------------------------------------------------------------------------------

const TRACE_SAMPLES = 18;

export function traceSeeds(): Seed[] {
  const seeds: Seed[] = ['good.json', 'firefox.json', 'reconnect.json', 'congested-upload.json'].map((file) => {
    const trace = JSON.parse(read(join(TRACES, file))) as Record<string, unknown>;
    const samples = Array.isArray(trace['samples']) ? trace['samples'].slice(0, TRACE_SAMPLES) : [];
    return { name: `public/traces/${file}`, doc: { kind: 'json', value: { ...trace, samples } } };
  });
  const text = cutJitsi(read(join(REALCALLS, 'jitsi-rtcstats-server', 'chrome-relay')), 6).map((l) => JSON.stringify(l)).join('\n');
  const recording: Recording = parseRecording(text);
  seeds.push({ name: 'a Recording of chrome-relay handed back in', doc: { kind: 'json', value: JSON.parse(JSON.stringify(recording)) } });
  return seeds;
}
