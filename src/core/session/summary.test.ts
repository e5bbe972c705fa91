import { describe, expect, it } from 'vitest';
import type { Field, ReasonKey } from '../catalogue';
import { SessionRecord } from './session-record';
import { summarize } from './summary';
import type { Outage } from '../live/monitor';
import type { NetworkState } from '../live/window';

const T = 1_743_011_906_000;

type Row = Partial<Record<Field, number | null>> & { state?: NetworkState; reported?: NetworkState | null; reasons?: ReasonKey[]; outage?: Outage | null };

function recordOf(rows: Row[], options: { step?: number; startedAt?: number; closeAt?: number } = {}): SessionRecord {
  const r = new SessionRecord({ startedAt: options.startedAt });
  rows.forEach((row, i) => {
    r.append(T + i * (options.step ?? 2000), (f) => row[f] ?? null, {
      networkState: row.state ?? 'good',
      networkStateReasons: row.reasons ?? [],
      reportedNetworkState: row.reported ?? null,
      outage: row.outage ?? null,
    });
  });
  if (options.closeAt !== undefined) r.close(options.closeAt);
  return r;
}

// Five samples, 2 s apart, chosen so every figure can be worked out by hand. Values are stored as Float32,
// so comparisons allow ~7 significant digits.
const FIVE: Row[] = [
  { sendBitsPerSecond: 100, totalSendPacketLoss: 0.01, networkRoundTripTime: 0.1, audioRecvJitter: 0.01, state: 'good', reported: null },
  { sendBitsPerSecond: 200, totalSendPacketLoss: 0.03, networkRoundTripTime: 0.2, audioRecvJitter: 0.03, state: 'good', reported: 'good' },
  // No total: the catalogue falls back to the larger of video and audio send loss (0.2).
  { sendBitsPerSecond: 300, videoSendPacketLoss: 0.2, audioSendPacketLoss: 0.1, networkRoundTripTime: 0.3, state: 'warning', reported: 'good' },
  { totalSendPacketLoss: 0.02, state: 'bad', reported: 'warning' },
  { sendBitsPerSecond: 400, networkRoundTripTime: 0.4, state: 'bad', reported: 'warning' },
];

describe('summarize', () => {
  it('bitrate min/avg/max, loss and RTT avg/max match hand-computed values, skipping nulls', () => {
    const s = summarize(recordOf(FIVE, { closeAt: T + 12_000 }));
    expect(s.send.total.userSentBitsPerSecMin).toBe(100);
    expect(s.send.total.userSentBitsPerSecAvg).toBe(250); // (100+200+300+400)/4
    expect(s.send.total.userSentBitsPerSecMax).toBe(400);
    expect(s.send.total.packetLossRateAvg).toBeCloseTo(0.065, 6); // (0.01+0.03+0.2+0.02)/4
    expect(s.send.total.packetLossRateMax).toBeCloseTo(0.2, 6);
    expect(s.send.video.packetLossRateAvg).toBeCloseTo(0.2, 6);
    expect(s.send.audio.packetLossRateMax).toBeCloseTo(0.1, 6);
    // One transport RTT: a round trip, so both totals carry it.
    expect(s.send.total.roundTripTimeAvg).toBeCloseTo(0.25, 6); // (0.1+0.2+0.3+0.4)/4
    expect(s.recv.total.roundTripTimeMax).toBeCloseTo(0.4, 6);
    expect(s.recv.audio.jitterAvg).toBeCloseTo(0.02, 6);
    expect(s.recv.audio.jitterMax).toBeCloseTo(0.03, 6);
  });

  it('a metric never reported is null and listed in unavailableMetrics, never 0', () => {
    const s = summarize(recordOf(FIVE));
    expect(s.recv.total.userRecvBitsPerSecAvg).toBeNull();
    expect(s.recv.total.userRecvBitsPerSecMin).toBeNull();
    expect(s.send.audio.jitterAvg).toBeNull();
    expect(s.unavailableMetrics).toContain('recvBitsPerSecond');
    expect(s.unavailableMetrics).toContain('availableOutgoingBitrate');
    expect(s.unavailableMetrics).toContain('audioSendJitter');
    expect(s.unavailableMetrics).not.toContain('sendBitsPerSecond');
    expect(s.unavailableMetrics).not.toContain('networkRoundTripTime');
  });

  it('a Firefox-like call (no RTT) reports RTT as null and unavailable', () => {
    const s = summarize(recordOf([{ recvBitsPerSecond: 1e6 }, { recvBitsPerSecond: 2e6 }]));
    expect(s.send.total.roundTripTimeAvg).toBeNull();
    expect(s.recv.total.roundTripTimeMax).toBeNull();
    expect(s.unavailableMetrics).toContain('networkRoundTripTime');
    expect(s.recv.total.userRecvBitsPerSecAvg).toBe(1.5e6);
  });

  it('states units, and names the stats no source measures', () => {
    const s = summarize(recordOf(FIVE));
    // The README's table: RTT and jitter in seconds, loss a 0–1 fraction, bitrates in bits/s — one unit per key.
    expect(s.units).toEqual({
      roundTripTimeAvg: 's', roundTripTimeMax: 's',
      jitterAvg: 's', jitterMax: 's',
      packetLossRateAvg: 'fraction', packetLossRateMax: 'fraction',
      userSentBitsPerSecMin: 'bps', userSentBitsPerSecAvg: 'bps', userSentBitsPerSecMax: 'bps',
      userRecvBitsPerSecMin: 'bps', userRecvBitsPerSecAvg: 'bps', userRecvBitsPerSecMax: 'bps',
    });
    // Daily's RTT is one transport figure (in the totals only); its jitter exists per kind only (not in the totals).
    expect([...s.notMeasured].sort()).toEqual([
      'recv.audio.roundTripTime', 'recv.total.jitter', 'recv.video.roundTripTime',
      'send.audio.roundTripTime', 'send.total.jitter', 'send.video.roundTripTime',
    ]);
    expect(s.send.audio.roundTripTimeAvg).toBeNull();
  });

  it('time in each state, transitions, and both timelines run-length encoded', () => {
    const s = summarize(recordOf(FIVE, { startedAt: T - 1000, closeAt: T + 12_000 }));
    // good 0→4 s, warning 4→6 s, bad 6→8 s and 8→12 s (the last sample holds until the close).
    expect(s.timeInStateMs).toEqual({ good: 4000, warning: 2000, bad: 6000, unknown: 0 });
    expect(s.transitions).toBe(2);
    expect(s.durationMs).toBe(13_000);
    expect(s.closed).toBe(true);
    expect(s.endedAt).toBe(T + 12_000);
    expect(s.timeline.local).toEqual([
      { state: 'good', from: T, to: T + 4000, samples: 2 },
      { state: 'warning', from: T + 4000, to: T + 6000, samples: 1 },
      { state: 'bad', from: T + 6000, to: T + 12_000, samples: 2 },
    ]);
    expect(s.timeline.reported).toEqual([
      { state: null, from: T, to: T + 2000, samples: 1 },
      { state: 'good', from: T + 2000, to: T + 6000, samples: 2 },
      { state: 'warning', from: T + 6000, to: T + 12_000, samples: 2 },
    ]);
  });

  it('counts outages and the time they held, inside the bad time; each sample keeps which kind it was', () => {
    const r = recordOf([
      { state: 'good' }, { state: 'bad', outage: 'stalled' }, { state: 'bad', outage: 'reconnecting' }, { state: 'good' },
      { state: 'bad', outage: 'lost' }, { state: 'good' },
    ]);
    const s = summarize(r);
    // Two outages: samples 1–2 (2 s each, 4 s) and sample 4 (2 s); the last sample holds 0 s in an open record.
    expect(s.outages).toBe(2);
    expect(s.outageMs).toBe(6_000);
    expect(s.timeInStateMs.bad).toBe(6_000);
    expect(r.samples().map((x) => x.outage)).toEqual([null, 'stalled', 'reconnecting', null, 'lost', null]);
  });

  it('a gap longer than maxHoldMs counts its remainder as unknown', () => {
    const r = recordOf([{ state: 'good' }, { state: 'bad' }], { step: 25_000, closeAt: T + 27_000 });
    const s = summarize(r, { maxHoldMs: 10_000 });
    expect(s.timeInStateMs).toEqual({ good: 10_000, warning: 0, bad: 2000, unknown: 15_000 });
  });

  it('an open record ends at its newest sample and has no endedAt', () => {
    const s = summarize(recordOf(FIVE));
    expect(s.endedAt).toBeNull();
    expect(s.closed).toBe(false);
    expect(s.durationMs).toBe(8000);
    expect(s.timeInStateMs.bad).toBe(2000);
  });

  it('the worst 30 s is the full window with the highest mean loss or RTT relative to its bad threshold', () => {
    // 31 samples over 60 s; 20 % receive loss at 40–46 s, RTT 100 ms throughout.
    const rows: Row[] = Array.from({ length: 31 }, (_, i) => ({
      networkRoundTripTime: 0.1,
      totalRecvPacketLoss: i >= 20 && i <= 23 ? 0.2 : 0,
    }));
    const w = summarize(recordOf(rows)).worst30s;
    // First window holding all four lossy samples ends at 46 s: (16 s, 46 s] = samples 18 s…46 s.
    expect(w).not.toBeNull();
    expect(w?.from).toBe(T + 18_000);
    expect(w?.to).toBe(T + 46_000);
    expect(w?.sampleCount).toBe(15);
    expect(w?.recvPacketLoss).toBeCloseTo(0.8 / 15, 6);
    expect(w?.roundTripTime).toBeCloseTo(0.1, 6);
    expect(w?.sendPacketLoss).toBeNull();
    expect(w?.cause).toBe('recvPacketLoss');
    expect(w?.score).toBeCloseTo(0.8 / 15 / 0.1, 5);
  });

  it('a lone bad first sample does not make a window of one; a short call is one window', () => {
    const rows: Row[] = Array.from({ length: 31 }, (_, i) => ({ networkRoundTripTime: i === 0 ? 3 : 0.1 }));
    const w = summarize(recordOf(rows)).worst30s;
    expect(w?.sampleCount).toBe(15);
    expect(w?.from).toBe(T);
    expect(w?.roundTripTime).toBeCloseTo((3 + 14 * 0.1) / 15, 6);
    const short = summarize(recordOf([{ networkRoundTripTime: 0.2 }, { networkRoundTripTime: 0.4 }])).worst30s;
    expect(short).toMatchObject({ from: T, to: T + 2000, sampleCount: 2, cause: 'roundTripTime' });
    expect(short?.roundTripTime).toBeCloseTo(0.3, 6);
  });

  it('no loss or RTT at all gives no worst window; an empty record summarises to nulls and zeros', () => {
    expect(summarize(recordOf([{ sendBitsPerSecond: 1 }])).worst30s).toBeNull();
    const s = summarize(new SessionRecord());
    expect(s.sampleCount).toBe(0);
    expect(s.startedAt).toBeNull();
    expect(s.durationMs).toBe(0);
    expect(s.timeline.local).toEqual([]);
    expect(s.send.total.userSentBitsPerSecAvg).toBeNull();
  });

  it('keeps the browser passed in, as a user agent string or a name', () => {
    expect(summarize(recordOf(FIVE), { browser: 'Mozilla/5.0 Firefox/140.0' }).browser).toEqual({ name: null, userAgent: 'Mozilla/5.0 Firefox/140.0' });
    expect(summarize(recordOf(FIVE), { browser: { name: 'Chrome 141' } }).browser).toEqual({ name: 'Chrome 141', userAgent: null });
  });

  it('reports a truncated record as such', () => {
    const r = new SessionRecord({ maxSamples: 3 });
    for (let i = 0; i < 5; i++) r.append(T + i * 2000, () => null, { networkState: 'good' });
    const s = summarize(r);
    expect(s).toMatchObject({ sampleCount: 3, droppedSamples: 2, truncated: true, startedAt: T });
  });
});
