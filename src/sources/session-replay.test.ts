import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseDailyLogs } from './formats/daily-logs';
import type { SessionExport } from '../core/session/export';
import logsFixture from '../core/fixtures/daily-logs.json';
import { FIREFOX_NULLS, HEALTHY } from '../core/fixtures/samples';
import { Monitor } from '../core/live/monitor';
import { recordMonitor } from '../core/session/record-monitor';
import { createReplaySource } from './replay';
import type { ReplayInput } from './formats/parse-recording';

// Export → replay → the same summary, through the real Monitor and recorder on fake timers: what the widget
// does with a dropped file, minus the DOM.

const T0 = 1_750_000_000_000;

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(T0);
});
afterEach(() => vi.useRealTimers());

/** A 100 s call: healthy, then 30 s of heavy upload loss (Daily's verdict lagging ours), then healthy. */
function scriptedCall() {
  const start = Date.now();
  return {
    getNetworkStats() {
      const t = Date.now() - start;
      const lossy = t >= 40_000 && t < 70_000;
      const latest = { ...HEALTHY, ...(t >= 80_000 ? FIREFOX_NULLS : {}), totalSendPacketLoss: lossy ? 0.3 : 0.002, timestamp: Date.now() };
      const networkState = lossy && t >= 46_000 ? 'bad' : 'good';
      return Promise.resolve({ networkState, networkStateReasons: [], stats: { latest } });
    },
  };
}

async function recordLive(ms: number): Promise<SessionExport> {
  const monitor = new Monitor({ source: scriptedCall(), readReported: true });
  const rec = recordMonitor(monitor, { browser: 'test' });
  monitor.start();
  await vi.advanceTimersByTimeAsync(ms);
  monitor.stop(); // left-meeting
  const out = rec.exportSession();
  rec.stop();
  // What a file holds: plain JSON.
  return JSON.parse(JSON.stringify(out)) as SessionExport;
}

async function replay(input: ReplayInput, speed: number, ms: number) {
  const source = createReplaySource(input, { speed });
  const monitor = new Monitor({ source, readReported: true, ...source.timing });
  const rec = recordMonitor(monitor, { browser: 'test', intervalMs: source.timing.intervalMs });
  monitor.start();
  await vi.advanceTimersByTimeAsync(ms);
  monitor.stop();
  const out = rec.exportSession();
  rec.stop();
  return { source, out };
}

const TIME_KEYS = new Set(['startedAt', 'endedAt', 'from', 'to', 'at', 'timestamp']);

/** The same export with every absolute time moved by `delta` (a replay happens later than the call). */
function shifted<T>(value: T, delta: number): T {
  return JSON.parse(JSON.stringify(value), (key, v: unknown) => (TIME_KEYS.has(key) && typeof v === 'number' ? v - delta : v)) as T;
}

describe('export → replay', () => {
  it('at 1× reproduces the whole export: samples, verdicts, summary and incidents', async () => {
    const original = await recordLive(100_000);
    expect(original.incidents).toHaveLength(1);
    expect(original.summary.timeInStateMs.bad).toBeGreaterThan(0);
    const T1 = Date.now();
    const { out } = await replay(original, 1, 100_000);
    expect(shifted(out, T1 - T0)).toEqual(original);
  });

  it('faster: same figures, verdicts and incident reasons, times compressed by the speed', async () => {
    const original = await recordLive(100_000);
    const { out } = await replay(original, 4, 25_000);
    const a = original.summary;
    const b = out.summary;
    expect(b.sampleCount).toBe(a.sampleCount);
    expect(b.transitions).toBe(a.transitions);
    expect(b.send).toEqual(a.send);
    expect(b.recv).toEqual(a.recv);
    expect(b.unavailableMetrics).toEqual(a.unavailableMetrics);
    for (const s of ['good', 'warning', 'bad', 'unknown'] as const) expect(b.timeInStateMs[s]).toBe(a.timeInStateMs[s] / 4);
    expect(b.timeline.local.map((r) => r.state)).toEqual(a.timeline.local.map((r) => r.state));
    expect(b.timeline.reported.map((r) => r.state)).toEqual(a.timeline.reported.map((r) => r.state));
    expect(out.incidents.map((i) => i.reasons)).toEqual(original.incidents.map((i) => i.reasons));
  });

  it('an exported incident replays alone: its 30 s before and after the turn', async () => {
    const original = await recordLive(100_000);
    const incident = original.incidents[0];
    if (!incident) throw new Error('no incident');
    const { source, out } = await replay(incident, 1, 62_000);
    expect(source.format).toBe('incident');
    expect(out.samples.map((s) => s.sendBitsPerSecond)).toEqual(incident.samples.map((s) => s.sendBitsPerSecond));
    expect(out.summary.timeInStateMs.bad).toBeGreaterThan(0);
  });

  it('does not loop a session by default: the record ends with the call', async () => {
    const original = await recordLive(20_000);
    const { out } = await replay(original, 1, 60_000);
    expect(out.samples).toHaveLength(original.samples.length);
  });
});

describe('Daily /logs → replay', () => {
  it('plays one sample per interval on the same timeline, with only the fields /logs carries', async () => {
    const timeline = parseDailyLogs(logsFixture);
    const { source, out } = await replay(parseDailyLogs(logsFixture), 1, 150_000);
    expect(source.format).toBe('daily-logs');
    expect(source.lacks).toEqual(timeline.lacks);
    // 15 s intervals: a window of three of them, stale after two missed, polled every 2 s.
    expect(source.timing).toEqual({ intervalMs: 2_000, windowMs: 45_000, staleAfterMs: 30_000, minSamples: 3 });
    const first = timeline.intervals[0]?.timestamp ?? 0;
    expect(out.samples.map((s) => s.timestamp - out.samples[0]!.timestamp)).toEqual(timeline.intervals.map((iv) => iv.timestamp - first));
    expect(out.samples.map((s) => s.recvBitsPerSecond)).toEqual(timeline.intervals.map((iv) => iv.values.recvBitsPerSecond));
    expect(out.samples.map((s) => s.videoRecvPacketLoss)).toEqual(timeline.intervals.map((iv) => iv.values.videoRecvPacketLoss));
    expect(out.samples.every((s) => s.networkRoundTripTime === null && s.totalSendPacketLoss === null)).toBe(true);
    // Graded on download loss alone: 45 s means of 8.0 %, 8.7 %, 5.9 % are Fair; never Poor.
    expect(out.samples.map((s) => s.networkState)).toEqual(['unknown', 'unknown', 'good', 'good', 'good', 'warning', 'warning', 'warning', 'good', 'good']);
    expect(out.summary.unavailableMetrics).toEqual(expect.arrayContaining(['networkRoundTripTime', 'audioRecvJitter']));
  });
});
