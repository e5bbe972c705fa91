import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { NO_EVIDENCE, type Evidence } from './evidence';
import { HEALTHY, stats, type Latest } from '../fixtures/samples';
import { Monitor } from './monitor';
import { NetworkWindow } from './window';

// The rules that hold where a source counts packets and reads the encoder (the WebRTC maths), fed here as
// the evidence it sends beside Daily's `latest`. Expected values are worked out from the counts in each test.

const T0 = 1_750_000_000_000;

function withEvidence(ts: number, latest: Latest, evidence: Partial<Evidence>): unknown {
  return { stats: { latest: { ...latest, timestamp: ts }, evidence: { ...NO_EVIDENCE, ...evidence } } };
}

/** Pushes one sample per entry, 2 s apart; returns the newest timestamp. */
function feed(w: NetworkWindow, rows: Array<{ latest?: Latest; evidence?: Partial<Evidence> | null }>, start = T0): number {
  let ts = start;
  rows.forEach((r, i) => {
    ts = start + i * 2_000;
    const raw = r.evidence === null ? stats(ts, r.latest ?? HEALTHY) : withEvidence(ts, r.latest ?? HEALTHY, r.evidence ?? {});
    expect(w.push(raw, ts)).toBe(true);
  });
  return ts;
}

const lossy = (ratio: number, lost: number, expected: number): { latest: Latest; evidence: Partial<Evidence> } => ({
  latest: { ...HEALTHY, totalRecvPacketLoss: ratio },
  evidence: { recvLost: lost, recvExpected: expected, recvPackets: expected - lost },
});

describe('loss over the window from packet counts', () => {
  it('weighs each poll by its packets: a 3-packet poll with 2 lost does not outweigh 300 clean ones', () => {
    const w = new NetworkWindow();
    const ts = feed(w, [lossy(0, 0, 300), lossy(0, 0, 300), lossy(2 / 3, 2, 3), lossy(0, 0, 300)]);
    const a = w.assess(ts);
    // Σ lost ÷ Σ expected = 2 / 903; the mean of ratios would have been 16.7 % (bad).
    expect(a.metrics.recvPacketLoss).toBeCloseTo(2 / 903, 12);
    expect(a.packets.recvPacketLoss).toBe(903);
    expect(a.networkState).toBe('good');
  });

  it('an outage whose lost packets arrive in one poll counts them against everything expected in the window', () => {
    const w = new NetworkWindow();
    // Five clean polls of 250 packets, then the poll after a switch of network: 500 lost of 520 expected.
    const ts = feed(w, [lossy(0, 0, 250), lossy(0, 0, 250), lossy(0, 0, 250), lossy(0, 0, 250), lossy(0, 0, 250), lossy(500 / 520, 500, 520)]);
    const a = w.assess(ts);
    expect(a.metrics.recvPacketLoss).toBeCloseTo(500 / 1770, 12);
    expect(a.levels.recvPacketLoss).toBe('bad');
  });

  it('does not grade loss from fewer than 100 packets in the window: no Poor from a new stream\'s first 53', () => {
    const w = new NetworkWindow();
    const ts = feed(w, [lossy(0, 0, 0), lossy(0, 0, 0), lossy(6 / 53, 6, 53)]);
    const a = w.assess(ts);
    expect(a.metrics.recvPacketLoss).toBeCloseTo(6 / 53, 12);
    expect(a.levels.recvPacketLoss).toBeNull();
    expect(a.ungraded.recvPacketLoss).toBe('few-packets');
    expect(a.networkStateReasons).not.toContain('recvPacketLoss');
    expect(a.networkState).toBe('good');
  });

  it('the packet floor is overridable', () => {
    const w = new NetworkWindow({ minLossPackets: 50 });
    const ts = feed(w, [lossy(0, 0, 0), lossy(0, 0, 0), lossy(6 / 53, 6, 53)]);
    expect(w.assess(ts).levels.recvPacketLoss).toBe('bad');
  });

  it('without counts (Daily) the window keeps the mean of the samples\' ratios', () => {
    const w = new NetworkWindow();
    const ts = feed(w, [0.02, 0.04, 0.12].map((r) => ({ latest: { ...HEALTHY, totalRecvPacketLoss: r }, evidence: null })));
    const a = w.assess(ts);
    expect(a.metrics.recvPacketLoss).toBeCloseTo(0.06, 12);
    expect(a.packets.recvPacketLoss).toBeNull();
    expect(a.levels.recvPacketLoss).toBe('warning');
  });
});

describe('available upload counts only where it is a network limit', () => {
  const upload = (bps: number, uploadLimited: boolean | null) => ({ latest: { ...HEALTHY, availableOutgoingBitrate: bps }, evidence: { uploadLimited } });

  it('470 kbps while the encoder says it is not bandwidth-limited: shown, not graded', () => {
    const w = new NetworkWindow();
    const ts = feed(w, [upload(470_000, false), upload(470_000, false), upload(470_000, false)]);
    const a = w.assess(ts);
    expect(a.metrics.availableOutgoingBitrate).toBe(470_000);
    expect(a.levels.availableOutgoingBitrate).toBeNull();
    expect(a.ungraded.availableOutgoingBitrate).toBe('not-limiting');
    expect(a.networkState).toBe('good');
  });

  it('210 kbps while the encoder reports bandwidth: graded from those samples', () => {
    const w = new NetworkWindow();
    const ts = feed(w, [upload(600_000, false), upload(210_000, true), upload(230_000, true)]);
    const a = w.assess(ts);
    expect(a.metrics.availableOutgoingBitrate).toBe(220_000);
    expect(a.levels.availableOutgoingBitrate).toBe('warning');
    expect(a.networkStateReasons).toEqual(['availableOutgoingBitrate']);
  });

  it('a browser that can\'t tell (null) is graded as before', () => {
    const w = new NetworkWindow();
    const ts = feed(w, [upload(100_000, null), upload(100_000, null), upload(100_000, null)]);
    expect(w.assess(ts).levels.availableOutgoingBitrate).toBe('bad');
  });
});

describe('stalls and outages', () => {
  const flowing = { evidence: { recvPackets: 250, sendPackets: 240 } };
  const nothingIn = { evidence: { recvPackets: 0, sendPackets: 240 } };
  const nothingOut = { evidence: { recvPackets: 250, sendPackets: 0 } };

  it('two samples with no packet in, after media flowed steadily, are a receive stall; one is not', () => {
    const w = new NetworkWindow();
    let ts = feed(w, [flowing, flowing, flowing, nothingIn]);
    expect(w.assess(ts).stall).toBeNull();
    ts = feed(w, [nothingIn], ts + 2_000);
    expect(w.assess(ts).stall).toBe('recv');
    ts = feed(w, [flowing], ts + 2_000);
    expect(w.assess(ts).stall).toBeNull();
  });

  it('a stall outlasts the window that saw media flow', () => {
    const w = new NetworkWindow();
    const ts = feed(w, [flowing, flowing, ...Array.from({ length: 25 }, () => nothingIn)]);
    expect(w.assess(ts).stall).toBe('recv');
  });

  it('a stream that sent a handful once and went quiet never carried media: its silence is no stall', () => {
    // Jitsi's bridge connection while the call runs peer-to-peer: 19 packets in one interval, then none.
    const w = new NetworkWindow();
    const trickle = { evidence: { recvPackets: 250, sendPackets: 19 } };
    const ts = feed(w, [{ evidence: { recvPackets: 250, sendPackets: 0 } }, trickle, nothingOut, nothingOut, nothingOut]);
    expect(w.assess(ts).stall).toBeNull();
  });

  it('nothing leaving is a send stall; a stream that went away (no continuing stream) is not a stall', () => {
    const w = new NetworkWindow();
    let ts = feed(w, [flowing, flowing, nothingOut, nothingOut]);
    expect(w.assess(ts).stall).toBe('send');
    ts = feed(w, [flowing, flowing, { evidence: { recvPackets: null, sendPackets: 240 } }, { evidence: { recvPackets: null, sendPackets: 240 } }], ts + 2_000);
    expect(w.assess(ts).stall).toBeNull();
  });

  it('without evidence (Daily), a receive bitrate falling to 0 is a receive stall; a send bitrate of 0 is not', () => {
    const w = new NetworkWindow();
    const silentIn = { latest: { ...HEALTHY, recvBitsPerSecond: 0 }, evidence: null };
    const silentOut = { latest: { ...HEALTHY, sendBitsPerSecond: 0 }, evidence: null };
    let ts = feed(w, [{ evidence: null }, silentOut, silentOut, silentOut]);
    expect(w.assess(ts).stall).toBeNull();
    ts = feed(w, [silentIn, silentIn], ts + 2_000);
    expect(w.assess(ts).stall).toBe('recv');
  });

  it('the Monitor turns a stall into an outage that is never Good, unless nobody is sending to us', async () => {
    let rows = 0;
    const source = {
      getNetworkStats: () => {
        rows++;
        const ev = rows <= 4 ? flowing.evidence : nothingIn.evidence;
        return Promise.resolve(withEvidence(T0 + rows * 2_000, HEALTHY, ev));
      },
    };
    const m = new Monitor({ source, now: () => T0 + rows * 2_000 });
    for (let i = 0; i < 6; i++) m.window.push(await source.getNetworkStats(), T0 + rows * 2_000);
    m.start(); // active, as when joined; its first poll is a timer away and never runs before stop()
    expect(m.snapshot()).toMatchObject({ outage: 'stalled', assessment: { networkState: 'bad', stall: 'recv' } });
    m.update({ remoteSending: false });
    expect(m.snapshot()).toMatchObject({ outage: null, assessment: { networkState: 'good' } });
    m.update({ remoteSending: true, connection: 'failed' });
    expect(m.snapshot()).toMatchObject({ outage: 'lost', assessment: { networkState: 'bad' } });
    m.update({ connection: 'interrupted' });
    expect(m.snapshot().outage).toBe('reconnecting');
    m.stop();
    expect(m.snapshot().outage).toBeNull();
  });
});

describe('an interruption that media outlives', () => {
  // Firefox calls the connection disconnected when ICE consent checks go unanswered, yet media flows on
  // (measured in e2e/netns/consent-check.ts); Chromium stops sending at once. The packets decide.
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(T0);
  });
  afterEach(() => {
    vi.useRealTimers();
  });
  let inflow = true;
  let failing = false;
  const source = {
    getNetworkStats: () =>
      failing
        ? Promise.reject(new Error('getStats failed'))
        : Promise.resolve(withEvidence(Date.now(), HEALTHY, { recvPackets: inflow ? 250 : 0, sendPackets: 240 })),
  };
  /** Polls at 0, 2, 4 and 6 s, then the connection drops at 7 s. */
  async function droppedAt7s(): Promise<Monitor> {
    inflow = true;
    failing = false;
    const m = new Monitor({ source });
    m.start();
    await vi.advanceTimersByTimeAsync(7_000);
    expect(m.snapshot()).toMatchObject({ outage: null, assessment: { networkState: 'good' } });
    m.update({ connection: 'interrupted' });
    expect(m.snapshot().outage).toBe('reconnecting');
    return m;
  }
  const nextPoll = () => vi.advanceTimersByTimeAsync(2_000);

  it('reads reconnecting until a whole poll after the drop shows packets arriving, then the graded verdict', async () => {
    const m = await droppedAt7s();
    await nextPoll(); // at 8 s: its packets came partly before the drop, so they prove nothing
    expect(m.snapshot().outage).toBe('reconnecting');
    await nextPoll(); // at 10 s: 250 packets, all after the drop
    expect(m.snapshot()).toMatchObject({ connection: 'interrupted', outage: null, assessment: { networkState: 'good' } });
    inflow = false;
    await nextPoll(); // still interrupted, and now nothing arrives: the outage is back at once
    expect(m.snapshot().outage).toBe('reconnecting');
    m.stop();
  });

  it('a drop with nothing arriving after it stays reconnecting; a new drop needs new proof', async () => {
    const m = await droppedAt7s();
    inflow = false;
    await nextPoll();
    await nextPoll();
    await nextPoll();
    expect(m.snapshot().outage).toBe('reconnecting');
    inflow = true;
    m.update({ connection: 'connected' });
    await nextPoll();
    await nextPoll();
    expect(m.snapshot().outage).toBeNull();
    m.update({ connection: 'interrupted' });
    expect(m.snapshot().outage).toBe('reconnecting');
    m.stop();
  });

  it('a failed connection stays Connection lost, whatever arrives', async () => {
    const m = await droppedAt7s();
    m.update({ connection: 'failed' });
    await nextPoll();
    await nextPoll();
    await nextPoll();
    expect(m.snapshot().outage).toBe('lost');
    m.stop();
  });

  it('other context (peers, tracks) between polls does not restart the proof; a failed poll does', async () => {
    const m = await droppedAt7s();
    await nextPoll();
    m.update({ peers: [], remoteSending: true });
    await nextPoll();
    expect(m.snapshot().outage).toBeNull();
    failing = true;
    await nextPoll();
    expect(m.snapshot().outage).toBe('reconnecting');
    failing = false;
    await nextPoll();
    expect(m.snapshot().outage).toBe('reconnecting');
    await nextPoll();
    expect(m.snapshot().outage).toBeNull();
    m.stop();
  });

  it('a poll in flight at the drop read its counters before it, so it is not the start of the proof', async () => {
    // getStats() reads the counters when asked and answers 1 s later: asked at 0, 3, 6, 9, 12 s.
    const slow = {
      getNetworkStats: () => {
        const readAt = Date.now();
        return new Promise((resolve) => setTimeout(() => resolve(withEvidence(readAt, HEALTHY, { recvPackets: 250, sendPackets: 240 })), 1_000));
      },
    };
    const m = new Monitor({ source: slow });
    m.start();
    await vi.advanceTimersByTimeAsync(6_500);
    m.update({ connection: 'interrupted' }); // the poll asked at 6 s is still out
    await vi.advanceTimersByTimeAsync(4_000); // 10.5 s: answers asked at 6 and 9 s; 6 → 9 straddles the drop
    expect(m.snapshot().outage).toBe('reconnecting');
    await vi.advanceTimersByTimeAsync(3_000); // 13.5 s: 9 → 12 lies wholly after it
    expect(m.snapshot().outage).toBeNull();
    m.stop();
  });

  it('Daily hands out figures computed before the drop: they are not the start of the proof either', async () => {
    // No packet counts, only Daily's receive bitrate, computed 1.5 s before each poll asks for it.
    const daily = { getNetworkStats: () => Promise.resolve(stats(Date.now() - 1_500, HEALTHY)) };
    const m = new Monitor({ source: daily });
    m.start();
    await vi.advanceTimersByTimeAsync(7_000);
    m.update({ connection: 'interrupted' });
    await vi.advanceTimersByTimeAsync(3_500); // 10.5 s: figures of 6.5 and 8.5 s; 6.5 → 8.5 straddles the drop
    expect(m.snapshot().outage).toBe('reconnecting');
    await vi.advanceTimersByTimeAsync(2_000); // 12.5 s: 8.5 → 10.5 lies wholly after it
    expect(m.snapshot().outage).toBeNull();
    m.stop();
  });
});
