import { describe, expect, it } from 'vitest';
import { exportIncident, exportSession } from '../../core/session/export';
import logsFixture from '../../core/fixtures/daily-logs.json';
import { HEALTHY } from '../../core/fixtures/samples';
import { IncidentLog } from '../../core/session/incidents';
import { SessionRecord } from '../../core/session/session-record';
import { readFileSync } from 'node:fs';
import { parseRecording, parseRecordingAsync, RecordingError } from './parse-recording';
import { medianSpacing } from './trace';
import { createReplaySource } from '../replay';

const T0 = 1_750_000_000_000;

/** A closed record: samples at T0 + 1 s + each of `offsets`, Daily's verdict on the odd ones only. */
function session(offsets: number[], bad: number[] = []) {
  const record = new SessionRecord({ startedAt: T0 });
  const incidents = new IncidentLog();
  offsets.forEach((t, i) => {
    record.append(T0 + 1_000 + t, (f) => (f === 'sendBitsPerSecond' ? 1_000_000 + i : HEALTHY[f]), {
      networkState: bad.includes(i) ? 'bad' : 'good',
      networkStateReasons: bad.includes(i) ? ['sendPacketLoss'] : [],
      reportedNetworkState: i % 2 ? 'warning' : null,
    });
    incidents.observe(record);
  });
  record.close(T0 + 1_000 + (offsets[offsets.length - 1] ?? 0) + 2_000);
  return { record, incidents, json: JSON.parse(JSON.stringify(exportSession(record, { incidents }))) as unknown };
}

describe('parseRecording', () => {
  it('a session export becomes frames timed from the call start, Daily’s verdict kept, ours left to recompute', () => {
    const { json } = session([0, 2_000, 4_100, 6_000]);
    const r = parseRecording(json);
    expect(r.format).toBe('session');
    expect(r.lacks).toEqual([]);
    expect(r.trace.intervalMs).toBe(2_000);
    expect(r.trace.samples.map((s) => s.t)).toEqual([1_000, 3_000, 5_100, 7_000]);
    expect(r.trace.samples.map((s) => s.networkState)).toEqual([undefined, 'warning', undefined, 'warning']);
    expect(r.trace.samples[2]?.latest).toEqual({ ...HEALTHY, sendBitsPerSecond: 1_000_002 });
  });

  it('reads JSON text, and an incident export on its own', () => {
    const { incidents } = session([0, 2_000, 4_000, 6_000], [2]);
    const incident = incidents.list()[0];
    if (!incident) throw new Error('no incident');
    const r = parseRecording(JSON.stringify(exportIncident(incident)));
    expect(r.format).toBe('incident');
    expect(r.trace.samples.map((s) => s.t)).toEqual([0, 2_000, 4_000, 6_000]);
  });

  it('a saved /logs response: one frame per interval, only its three fields, and what it lacks', () => {
    const r = parseRecording(JSON.stringify(logsFixture));
    expect(r.format).toBe('daily-logs');
    expect(r.trace.intervalMs).toBe(15_000);
    expect(r.trace.samples).toHaveLength(10);
    expect(r.trace.samples[0]).toEqual({ t: 0, latest: { ...nulls(), sendBitsPerSecond: 568_851, recvBitsPerSecond: 542_362, videoRecvPacketLoss: 0 } });
    expect(r.trace.samples[6]?.t).toBe(91_429);
    expect(r.lacks).toEqual(expect.arrayContaining(['networkRoundTripTime', 'totalSendPacketLoss', 'videoRecvJitter']));
    expect(r.lacks).not.toContain('recvBitsPerSecond');
  });

  it('a trace passes through; a Recording handed back is checked again', () => {
    const trace = { name: 't', intervalMs: 1_000, samples: [{ t: 0, latest: { sendBitsPerSecond: 5 } }] };
    const r = parseRecording(trace);
    expect(r).toEqual({ format: 'trace', trace, lacks: [], warnings: [] });
    expect(parseRecording(JSON.parse(JSON.stringify(r)))).toEqual(r);
    expect(() => parseRecording({ format: 'session', trace: { name: 'x', intervalMs: 2_000, samples: [] } })).toThrow(RecordingError);
  });

  it('says what is wrong with anything else', () => {
    expect(() => parseRecording('not json')).toThrow(/not a recording: expected a chrome:\/\/webrtc-internals or rtcstats dump/);
    expect(() => parseRecording(true)).toThrow(/expected a JSON object/);
    expect(() => parseRecording({ hello: 1 })).toThrow(/not a recording/);
    expect(() => parseRecording({ version: 1, samples: [] })).toThrow(/session: no samples/);
    expect(() => parseRecording({ version: 1, samples: [{ timestamp: 'x' }] })).toThrow(/session.samples\[0\].timestamp/);
    expect(() => parseRecording({ version: 1, samples: [{ timestamp: 2 }, { timestamp: 1 }] })).toThrow(/session: trace.samples\[1\].t/);
    expect(() => parseRecording({ metrics: [{ nothing: true }] })).toThrow(/daily-logs: no metrics intervals/);
  });

  it('medianSpacing ignores a gap or two', () => {
    expect(medianSpacing([0, 2_000, 4_000, 30_000, 32_000])).toBe(2_000);
    expect(medianSpacing([5])).toBe(2_000);
  });
});

describe('createReplaySource with a recording', () => {
  it('loses no sample when two fall between polls, and jumps ahead when far behind', async () => {
    // Jittered recording, 1 s after the call start: samples at 1, 2.9, 4.1, 5.9, 8 s; the poll at 6 s finds two due.
    const { json } = session([0, 1_900, 3_100, 4_900, 7_000]);
    let now = 0;
    const src = createReplaySource(parseRecording(json), { now: () => now });
    const seen: number[] = [];
    for (now = 1_000; now <= 11_000; now += 2_000) {
      const r = (await src.getNetworkStats()) as { stats: { latest?: { timestamp: number } } };
      seen.push((r.stats.latest?.timestamp ?? NaN) - 1_000);
    }
    // Nothing due at the first poll; then each poll a new sample (5.9 s came one poll late) — none was skipped.
    expect(seen).toEqual([NaN, 1_000, 2_900, 4_100, 5_900, 8_000]);
    src.restart();
    now = 100_000;
    await src.getNetworkStats();
    now = 109_000;
    const far = (await src.getNetworkStats()) as { stats: { latest?: { timestamp: number } } };
    expect(far.stats.latest?.timestamp).toBe(100_000 + 8_000);
  });

  it('defaults: sessions and /logs play once, traces loop; timing follows the recording’s cadence and speed', () => {
    const { json } = session([0, 2_000]);
    // A two-sample recording is graded from its two samples, not left Measuring… for want of a third.
    expect(createReplaySource(parseRecording(json), { speed: 10 }).timing).toEqual({ intervalMs: 200, windowMs: 3_000, staleAfterMs: 1_000, minSamples: 2 });
    expect(createReplaySource(parseRecording(logsFixture)).timing).toEqual({ intervalMs: 2_000, windowMs: 45_000, staleAfterMs: 30_000, minSamples: 3 });
  });
});

function nulls() {
  return Object.fromEntries(Object.keys(HEALTHY).map((k) => [k, null]));
}

describe('dumps: the reader is a chunk loaded on demand', () => {
  const text = readFileSync('src/sources/fixtures/realcalls/jitsi-rtcstats-server/firefox-relay', 'utf8');

  it('the synchronous parser says how to open a dump before the reader is loaded; async loads it, then both read it', async () => {
    let caught: unknown;
    try {
      parseRecording(text);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(RecordingError);
    expect((caught as RecordingError).code).toBe('dump-reader-not-loaded');
    expect((caught as RecordingError).message).toMatch(/parseRecordingAsync/);
    const recording = await parseRecordingAsync(text);
    expect(recording.format).toBe('rtcstats');
    expect(recording.userAgent).toMatch(/Firefox\/118/);
    expect(parseRecording(text).trace.samples).toEqual(recording.trace.samples);
    expect(createReplaySource(text).format).toBe('rtcstats');
  });

  it('something that is neither ours nor a dump says so, naming what it expected', async () => {
    await expect(parseRecordingAsync('hello')).rejects.toThrow(/^not a recording: expected a chrome:\/\/webrtc-internals or rtcstats dump, .*: the file is not JSON\.$/);
    await expect(parseRecordingAsync('')).rejects.toThrow(/^The file is empty\.$/);
    await expect(parseRecordingAsync({ version: 1, samples: [] })).rejects.toThrow(/session: no samples/);
  });
});
