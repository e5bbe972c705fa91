import { describe, expect, it, vi } from 'vitest';
import { Monitor } from '../core/live/monitor';
import { createWebRTCStatsSource } from './webrtc';
import { chromiumPolls, type RecordedPoll } from './fixtures/reports';

/** Just enough of an RTCPeerConnection: replays recorded reports, one per getStats() call. */
function fakePc(polls: RecordedPoll[], state: RTCPeerConnectionState = 'connected') {
  let i = 0;
  const pc = {
    connectionState: state,
    getStats: vi.fn(async () => {
      const p = polls[Math.min(i++, polls.length - 1)];
      if (!p) throw new Error('no report');
      return p.report;
    }),
  };
  return pc as typeof pc & RTCPeerConnection;
}

describe('createWebRTCStatsSource', () => {
  it('makes one getStats() per open connection per poll, and skips closed ones', async () => {
    const a = fakePc(chromiumPolls());
    const b = fakePc(chromiumPolls());
    const closed = fakePc(chromiumPolls(), 'closed');
    const src = createWebRTCStatsSource([a, b, closed]);
    await src.getNetworkStats();
    await src.getNetworkStats();
    expect(a.getStats).toHaveBeenCalledTimes(2);
    expect(b.getStats).toHaveBeenCalledTimes(2);
    expect(closed.getStats).not.toHaveBeenCalled();
  });

  it('accepts a single connection; its first poll has null loss and bitrate, the second has numbers', async () => {
    const src = createWebRTCStatsSource(fakePc(chromiumPolls()));
    const first = await src.getNetworkStats();
    expect(first.stats.latest.totalRecvPacketLoss).toBeNull();
    expect(first.stats.latest.recvBitsPerSecond).toBeNull();
    const second = await src.getNetworkStats();
    expect(second.stats.latest.totalRecvPacketLoss).toBe(0);
    expect(second.stats.latest.recvBitsPerSecond).toBeGreaterThan(200_000);
    expect(second.stats.latest.timestamp).toBeGreaterThan(first.stats.latest.timestamp);
  });

  it('rejects when every connection is closed or every getStats() fails; one failure alone is skipped', async () => {
    await expect(createWebRTCStatsSource([fakePc([], 'closed')]).getNetworkStats()).rejects.toThrow(/closed/);
    const broken = fakePc([]);
    await expect(createWebRTCStatsSource(broken).getNetworkStats()).rejects.toThrow('no report');
    const ok = await createWebRTCStatsSource([broken, fakePc(chromiumPolls())]).getNetworkStats();
    expect(ok.stats.latest.availableOutgoingBitrate).toBe(3_500_000);
  });

  it('serialises overlapping calls so deltas are taken in order', async () => {
    const pc = fakePc(chromiumPolls());
    const src = createWebRTCStatsSource(pc);
    const [r0, r1] = await Promise.all([src.getNetworkStats(), src.getNetworkStats()]);
    expect(r0.stats.latest.recvBitsPerSecond).toBeNull();
    expect(r1.stats.latest.recvBitsPerSecond).toBeGreaterThan(200_000);
  });

  it('feeds a Monitor: the window takes every poll and grades the recorded lossy call', async () => {
    const polls = chromiumPolls().slice(3);
    const src = createWebRTCStatsSource(fakePc(polls));
    const monitor = new Monitor({ source: src });
    for (let i = 0; i < polls.length; i++) expect(monitor.window.push(await src.getNetworkStats())).toBe(true);
    const a = monitor.window.assess();
    expect(a.sampleCount).toBe(3);
    // Loss over the window is Σ lost ÷ Σ expected of the two polls with deltas: recv (13 + 23) / (175 + 256)
    // ≈ 8.4 %, from 431 packets; send (14 + 47) / (66 + 364) ≈ 14 %, from 430.
    expect(a.networkState).toBe('bad');
    expect(a.networkStateReasons).toEqual(['sendPacketLoss', 'recvPacketLoss']);
    expect(a.metrics.recvPacketLoss).toBeCloseTo(36 / 431, 10);
    expect(a.packets.recvPacketLoss).toBe(431);
    expect(a.metrics.sendPacketLoss).toBeCloseTo(61 / 430, 10);
  });
});
