import { describe, expect, it } from 'vitest';
import { FIELDS } from '../core/catalogue';
import { NetworkWindow } from '../core/live/window';
import { NetworkStatsCalculator, type WebRTCNetworkStats } from './webrtc-calculator';
import { chromiumPolls, edit, firefoxPolls, rename, type RecordedPoll, type StatsEntry } from './fixtures/reports';

// Expected values are worked out by hand from the recorded counters (see the comments), not by the code.
const IN_A = 'IT01A1547792772';
const IN_V = 'IT01V4115079173';
const OUT_V = 'OT01V1611779333';
const RI_A = 'RIA862757418';
const RI_V = 'RIV1611779333';

function run(polls: RecordedPoll[]): WebRTCNetworkStats[] {
  const calc = new NetworkStatsCalculator<string>();
  return polls.map((p) => calc.step([{ key: 'pc', report: p.report }], p.takenAt));
}

function latestOf(r: WebRTCNetworkStats | undefined) {
  if (!r) throw new Error('no result');
  return r.stats.latest;
}

describe('NetworkStatsCalculator on a recorded Chromium loopback call', () => {
  const [p0, p1, p2, p3, p4, p5] = chromiumPolls() as [RecordedPoll, RecordedPoll, RecordedPoll, RecordedPoll, RecordedPoll, RecordedPoll];

  it('gives Daily’s shape: every catalogue field, a ms timestamp, worst*, averageNetworkRoundTripTime, no verdict', () => {
    const [r] = run([p0]);
    expect(r?.networkState).toBe('unknown');
    expect(r?.networkStateReasons).toEqual([]);
    const latest = latestOf(r);
    // Daily's stats.latest keys, written out (the calculator builds its result from the catalogue's FIELDS).
    expect(Object.keys(latest).sort()).toEqual([
      'audioRecvBitsPerSecond', 'audioRecvJitter', 'audioRecvPacketLoss', 'audioSendBitsPerSecond', 'audioSendJitter',
      'audioSendPacketLoss', 'availableOutgoingBitrate', 'networkRoundTripTime', 'recvBitsPerSecond', 'sendBitsPerSecond',
      'timestamp', 'totalRecvPacketLoss', 'totalSendPacketLoss', 'videoRecvBitsPerSecond', 'videoRecvJitter',
      'videoRecvPacketLoss', 'videoSendBitsPerSecond', 'videoSendJitter', 'videoSendPacketLoss',
    ]);
    expect(latest.timestamp).toBe(p0.takenAt);
    expect(Object.keys(r?.stats ?? {}).sort()).toEqual([
      'averageNetworkRoundTripTime', 'evidence', 'latest',
      'worstAudioRecvJitter', 'worstAudioRecvPacketLoss', 'worstAudioSendJitter', 'worstAudioSendPacketLoss',
      'worstVideoRecvJitter', 'worstVideoRecvPacketLoss', 'worstVideoSendJitter', 'worstVideoSendPacketLoss',
    ]);
  });

  it('first poll: no deltas, so bitrates and loss are null (not 0); instantaneous readings are there', () => {
    const latest = latestOf(run([p0])[0]);
    for (const f of FIELDS) {
      if (f.endsWith('BitsPerSecond') || f.endsWith('PacketLoss')) expect(latest[f], f).toBeNull();
    }
    expect(latest.networkRoundTripTime).toBe(0.001); // selected pair's currentRoundTripTime
    expect(latest.availableOutgoingBitrate).toBe(3_500_000);
    expect(latest.audioRecvJitter).toBe(0.001);
    expect(latest.videoRecvJitter).toBe(0.002);
    expect(latest.audioSendJitter).toBe(0.006083); // remote-inbound-rtp jitter, seconds
    expect(latest.videoSendJitter).toBe(0.001077);
  });

  it('bitrates are byte deltas over the stats’ own elapsed time', () => {
    const latest = latestOf(run([p0, p1])[1]);
    // inbound audio: (bytes1 − bytes0) × 8 / (ts1 − ts0) in s, and so on for each stream.
    expect(latest.audioRecvBitsPerSecond).toBeCloseTo(25384.429, 2);
    expect(latest.videoRecvBitsPerSecond).toBeCloseTo(202694.297, 2);
    expect(latest.audioSendBitsPerSecond).toBeCloseTo(25119.967, 2);
    expect(latest.videoSendBitsPerSecond).toBeCloseTo(201123.084, 2);
    expect(latest.recvBitsPerSecond).toBeCloseTo(25384.429 + 202694.297, 2);
    expect(latest.sendBitsPerSecond).toBeCloseTo(25119.967 + 201123.084, 2);
  });

  it('a clean network reads 0 loss; a stream without a new receiver report adds nothing to send loss', () => {
    const [, r1, r2] = run([p0, p1, p2]);
    const l1 = latestOf(r1);
    expect(l1.totalRecvPacketLoss).toBe(0);
    expect(l1.videoRecvPacketLoss).toBe(0);
    expect(l1.audioRecvPacketLoss).toBe(0);
    // The audio RR hasn't changed (roundTripTimeMeasurements 0 → 0): unknown, not 0.
    expect(l1.audioSendPacketLoss).toBeNull();
    expect(l1.videoSendPacketLoss).toBe(0);
    expect(l1.totalSendPacketLoss).toBe(0);
    // At poll 2 the audio RR arrived (0 → 1): compared with the packets sent since poll 0.
    expect(latestOf(r2).audioSendPacketLoss).toBe(0);
  });

  it('under 15 % UDP drop: receive loss from inbound-rtp deltas, send loss between receiver reports', () => {
    const [, r4, r5] = run([p3, p4, p5]);
    const l4 = latestOf(r4);
    expect(l4.audioRecvPacketLoss).toBeCloseTo(8 / (8 + 93), 10);
    expect(l4.videoRecvPacketLoss).toBeCloseTo(5 / (5 + 69), 10);
    expect(l4.totalRecvPacketLoss).toBeCloseTo(13 / (13 + 162), 10);
    // video RR 15 → 17: lost 28 → 42 while original packets sent (sent − retransmitted) went 630 → 696.
    expect(l4.videoSendPacketLoss).toBeCloseTo(14 / 66, 10);
    expect(l4.audioSendPacketLoss).toBeNull();
    expect(l4.totalSendPacketLoss).toBeCloseTo(14 / 66, 10);
    const l5 = latestOf(r5);
    expect(l5.audioRecvPacketLoss).toBeCloseTo(16 / 100, 10);
    expect(l5.videoRecvPacketLoss).toBeCloseTo(7 / 156, 10);
    expect(l5.totalRecvPacketLoss).toBeCloseTo(23 / 256, 10);
    // audio RR 3 → 4: lost 32 → 71, against the packets sent since poll 3 (the RR seen then): 911 → 1113.
    expect(l5.audioSendPacketLoss).toBeCloseTo(39 / 202, 10);
    expect(l5.videoSendPacketLoss).toBeCloseTo(8 / 162, 10);
    expect(l5.totalSendPacketLoss).toBeCloseTo(47 / 364, 10);
    expect(l5.availableOutgoingBitrate).toBe(789_584);
    expect(l5.networkRoundTripTime).toBe(0); // a real loopback reading (ms resolution), not a missing one
  });

  it('keeps worst* over the call and averages RTT over every poll', () => {
    const results = run([p0, p1, p2, p3, p4, p5]);
    const stats = results[5]?.stats;
    expect(stats?.worstVideoSendPacketLoss).toBeCloseTo(14 / 66, 10);
    expect(stats?.worstAudioRecvPacketLoss).toBeCloseTo(0.16, 10);
    expect(stats?.worstAudioSendPacketLoss).toBeCloseTo(39 / 202, 10);
    expect(stats?.worstVideoRecvJitter).toBe(0.002);
    // currentRoundTripTime per poll: 0.001, 0.001, 0.001, 0, 0.001, 0
    expect(stats?.averageNetworkRoundTripTime).toBeCloseTo(0.004 / 6, 12);
  });

  it('a monotonic counter going backwards (same id and SSRC) gives no delta, then counts again from there', () => {
    const reset = edit(edit(p1.report, IN_V, { packetsReceived: 12, packetsLost: 0, bytesReceived: 9_000 }), OUT_V, {
      packetsSent: 10, retransmittedPacketsSent: 0, bytesSent: 8_000,
    });
    const after = edit(edit(p2.report, IN_V, { packetsReceived: 112, packetsLost: 5, bytesReceived: 109_000 }), OUT_V, {
      packetsSent: 110, retransmittedPacketsSent: 0, bytesSent: 108_000,
    });
    const [, r1, r2] = run([p0, { ...p1, report: reset }, { ...p2, report: after }]);
    const l1 = latestOf(r1);
    expect(l1.videoRecvBitsPerSecond).toBe(0);
    expect(l1.videoSendBitsPerSecond).toBe(0);
    expect(l1.videoRecvPacketLoss).toBeNull();
    expect(l1.audioRecvBitsPerSecond).toBeGreaterThan(20_000); // the other stream is unaffected
    for (const f of FIELDS) {
      const v = l1[f];
      if (v !== null) expect(v, f).toBeGreaterThanOrEqual(0);
    }
    // The RR for video says 0 lost while our sent counter restarted: no send-loss delta either.
    expect(l1.videoSendPacketLoss).toBeNull();
    const l2 = latestOf(r2);
    expect(l2.videoRecvPacketLoss).toBeCloseTo(5 / 105, 10);
    expect(l2.videoRecvBitsPerSecond).toBeGreaterThan(300_000);
    expect(l2.videoRecvBitsPerSecond).toBeLessThan(500_000);
  });

  it('a new SSRC (track replaced) starts a fresh stream: no negative or huge values', () => {
    const replaced = rename(p1.report, IN_V, 'IT01V999', { ssrc: 999, packetsReceived: 3, packetsLost: 0, bytesReceived: 2_000 });
    const sameIdNewSsrc = edit(p1.report, RI_V, { ssrc: 12345, packetsLost: 0, roundTripTimeMeasurements: 1 });
    for (const report of [replaced, sameIdNewSsrc]) {
      const l = latestOf(run([p0, { ...p1, report }])[1]);
      for (const f of FIELDS) {
        const v = l[f];
        if (v === null) continue;
        expect(v, f).toBeGreaterThanOrEqual(0);
        if (f.endsWith('PacketLoss')) expect(v, f).toBeLessThanOrEqual(1);
        if (f.endsWith('BitsPerSecond')) expect(v, f).toBeLessThan(10_000_000);
      }
    }
    // The new stream was born since poll 0: its 3 packets, none lost, count from zero.
    expect(latestOf(run([p0, { ...p1, report: replaced }])[1]).videoRecvPacketLoss).toBe(0);
  });

  it('packetsLost falling (late or duplicate packets, RFC 3550) is clamped at 0, not negative loss', () => {
    const lostAt3 = (id: string) => Number(p3.report.get(id)?.['packetsLost']);
    const report = edit(edit(p4.report, IN_A, { packetsLost: lostAt3(IN_A) - 5 }), IN_V, { packetsLost: lostAt3(IN_V) });
    const l = latestOf(run([p3, { ...p4, report }])[1]);
    expect(l.audioRecvPacketLoss).toBe(0);
    expect(l.totalRecvPacketLoss).toBe(0);
  });

  it('falls back to fractionLost when packet counts are missing', () => {
    const strip = (r: RecordedPoll['report']) => edit(r, OUT_V, { packetsSent: undefined });
    const [, r4] = run([{ ...p3, report: strip(p3.report) }, { ...p4, report: strip(p4.report) }]);
    expect(latestOf(r4).videoSendPacketLoss).toBe(0.203125); // the RR's own fractionLost
  });

  it('ignores an audio RR whose marker is absent by using its timestamp', () => {
    const noMark = (r: RecordedPoll) => ({ ...r, report: edit(r.report, RI_A, { roundTripTimeMeasurements: undefined }) });
    const [, r4, r5] = run([noMark(p3), noMark(p4), noMark(p5)]);
    // The audio RR's timestamp is the same at polls 3 and 4, and changes at 5.
    expect(latestOf(r4).audioSendPacketLoss).toBeNull();
    expect(latestOf(r5).audioSendPacketLoss).toBeCloseTo(39 / 202, 10);
  });
});

describe('NetworkStatsCalculator on Firefox-shaped reports', () => {
  const polls = firefoxPolls();

  it('reports available bitrate as null (never 0) and audio send loss/jitter as null', () => {
    const results = run(polls);
    for (const r of results) {
      const l = latestOf(r);
      expect(l.availableOutgoingBitrate).toBeNull();
      expect(r.stats.evidence.uploadLimited).toBeNull();
      expect(l.audioSendPacketLoss).toBeNull();
      expect(l.audioSendJitter).toBeNull();
      expect(r.stats.worstAudioSendJitter).toBeNull();
    }
  });

  it('takes the round trip from the RTCP receiver report when the candidate pair has none', () => {
    const rtts = run(polls).map((r) => [r.stats.latest.networkRoundTripTime, r.stats.evidence.rttSource]);
    // remote-inbound-rtp roundTripTime in the three recorded polls: 0.021, 0.022, 0.022 s.
    expect(rtts).toEqual([[0.021, 'rtcp'], [0.022, 'rtcp'], [0.022, 'rtcp']]);
  });

  it('computes loss and bitrates from Firefox’s counters', () => {
    const [, r1, r2] = run(polls);
    const l1 = latestOf(r1);
    expect(l1.videoRecvPacketLoss).toBeCloseTo(20 / 200, 10);
    expect(l1.audioRecvPacketLoss).toBe(0);
    expect(l1.totalRecvPacketLoss).toBeCloseTo(20 / 300, 10);
    // No retransmittedPacketsSent in Firefox: packetsSent is the denominator. RR changed (timestamp).
    expect(l1.videoSendPacketLoss).toBeCloseTo(19 / 190, 10);
    expect(l1.totalSendPacketLoss).toBeCloseTo(19 / 190, 10);
    expect(l1.videoRecvBitsPerSecond).toBeCloseTo((500_000 * 8 * 1000) / 2003, 6);
    expect(l1.videoSendJitter).toBe(0.006);
    expect(l1.videoRecvJitter).toBe(0.005);
    const l2 = latestOf(r2);
    expect(l2.videoRecvPacketLoss).toBe(0);
    expect(l2.audioRecvPacketLoss).toBeCloseTo(5 / 105, 10);
    // Same receiver report as poll 1: nothing new is known about send loss.
    expect(l2.videoSendPacketLoss).toBeNull();
    expect(l2.totalSendPacketLoss).toBeNull();
  });

  it('grades bandwidth as n/a rather than perfect in the window, and RTT from RTCP', () => {
    const w = new NetworkWindow();
    for (const r of run(polls)) w.push(r, r.stats.latest.timestamp);
    const a = w.assess(polls[2]?.takenAt ?? 0);
    expect(a.metrics.roundTripTime).toBeCloseTo((0.021 + 0.022 + 0.022) / 3, 10);
    expect(a.rttSource).toBe('rtcp');
    expect(a.metrics.availableOutgoingBitrate).toBeNull();
  });
});

describe('several connections', () => {
  it('aggregate like Daily: worst loss, summed bitrates, averaged RTT and available bitrate', () => {
    const c = chromiumPolls();
    const f = firefoxPolls();
    const calc = new NetworkStatsCalculator<string>();
    // Chromium polls 3–4 (lossy) as connection A, Firefox polls 0–1 as connection B, polled together.
    calc.step([{ key: 'a', report: c[3]?.report ?? null }, { key: 'b', report: f[0]?.report ?? null }], 1);
    const r = calc.step([{ key: 'a', report: c[4]?.report ?? null }, { key: 'b', report: f[1]?.report ?? null }], 2);
    const l = r.stats.latest;
    expect(l.videoRecvPacketLoss).toBeCloseTo(Math.max(5 / 74, 20 / 200), 10);
    expect(l.totalRecvPacketLoss).toBeCloseTo(Math.max(13 / 175, 20 / 300), 10);
    expect(l.videoSendPacketLoss).toBeCloseTo(Math.max(14 / 66, 19 / 190), 10);
    expect(l.videoRecvBitsPerSecond).toBeCloseTo(194933.219 + (500_000 * 8 * 1000) / 2003, 2);
    // Firefox's RTT comes from its receiver report (0.022 s); it has no estimate: the average is over the
    // connections that report one.
    expect(l.networkRoundTripTime).toBeCloseTo((0.001 + 0.022) / 2, 10);
    expect(r.stats.evidence.rttSource).toBe('candidate-pair');
    expect(l.availableOutgoingBitrate).toBe(789_583);
  });

  it('a connection on its first poll adds no deltas while the others do', () => {
    const c = chromiumPolls();
    const calc = new NetworkStatsCalculator<string>();
    calc.step([{ key: 'a', report: c[0]?.report ?? null }], 1);
    const r = calc.step([{ key: 'a', report: c[1]?.report ?? null }, { key: 'b', report: c[3]?.report ?? null }], 2);
    expect(r.stats.latest.videoRecvBitsPerSecond).toBeCloseTo(202694.297, 2);
    expect(r.stats.latest.totalRecvPacketLoss).toBe(0);
    // RTT averages both (0.001 and 0); available averages 3.5 Mbit/s and 789 kbit/s.
    expect(r.stats.latest.networkRoundTripTime).toBeCloseTo(0.0005, 12);
    expect(r.stats.latest.availableOutgoingBitrate).toBeCloseTo((3_500_000 + 789_583) / 2, 6);
  });

  it('a connection whose getStats() failed keeps its memory and is skipped', () => {
    const c = chromiumPolls();
    const calc = new NetworkStatsCalculator<string>();
    calc.step([{ key: 'a', report: c[0]?.report ?? null }], 1);
    const skipped = calc.step([{ key: 'a', report: null }], 2);
    expect(skipped.stats.latest.sendBitsPerSecond).toBeNull();
    const r = calc.step([{ key: 'a', report: c[1]?.report ?? null }], 3);
    expect(r.stats.latest.videoRecvBitsPerSecond).toBeCloseTo(202694.297, 2);
  });

  it('keeps timestamps strictly increasing, even for two polls in the same millisecond', () => {
    const c = chromiumPolls();
    const calc = new NetworkStatsCalculator<string>();
    const a = calc.step([{ key: 'a', report: c[0]?.report ?? null }], 5_000);
    const b = calc.step([{ key: 'a', report: c[1]?.report ?? null }], 5_000);
    expect(b.stats.latest.timestamp).toBeGreaterThan(a.stats.latest.timestamp);
  });

  it('falls back to the poll clock when stats carry no timestamp', () => {
    const c = chromiumPolls();
    const noTs = (r: RecordedPoll) => {
      const m = new Map(r.report);
      for (const [id, e] of m) m.set(id, { ...e, timestamp: undefined });
      return m;
    };
    const calc = new NetworkStatsCalculator<string>();
    calc.step([{ key: 'a', report: c[0] ? noTs(c[0]) : null }], 10_000);
    const r = calc.step([{ key: 'a', report: c[1] ? noTs(c[1]) : null }], 12_000);
    const bytes = Number(c[1]?.report.get(IN_V)?.['bytesReceived']) - Number(c[0]?.report.get(IN_V)?.['bytesReceived']);
    expect(r.stats.latest.videoRecvBitsPerSecond).toBeCloseTo((bytes * 8) / 2, 6);
  });
});

describe('rules that real calls need', () => {
  const [p0, p1, p2] = chromiumPolls() as [RecordedPoll, RecordedPoll, RecordedPoll];
  const PAIR = 'CPNMSuZduS_qHCbXum1';
  const withBackupPair = (r: RecordedPoll['report']) => {
    const copy = new Map(r);
    // A second pair that also succeeded (a relay kept as a backup): 400 ms and 100 kbps, never the one in use.
    copy.set('CPbackup', { id: 'CPbackup', type: 'candidate-pair', state: 'succeeded', nominated: true, currentRoundTripTime: 0.4, availableOutgoingBitrate: 100_000 });
    return copy;
  };

  it('reads the selected pair only: a second succeeded pair is never averaged in', () => {
    const [r] = run([{ ...p0, report: withBackupPair(p0.report) }]);
    expect(latestOf(r).networkRoundTripTime).toBe(0.001);
    expect(latestOf(r).availableOutgoingBitrate).toBe(3_500_000);
    // Without transport stats (Firefox), the pair marked selected wins over another nominated one.
    const noTransport = withBackupPair(p0.report);
    noTransport.delete('T01');
    noTransport.set(PAIR, { ...(noTransport.get(PAIR) as StatsEntry), selected: true });
    expect(latestOf(run([{ ...p0, report: noTransport }])[0]).networkRoundTripTime).toBe(0.001);
  });

  it('the upload estimate is not a network limit while the video encoder says it is not bandwidth-limited', () => {
    const results = run([p0, p1]);
    // The recorded encoder reports qualityLimitationReason 'none'.
    expect(results.map((r) => r.stats.evidence.uploadLimited)).toEqual([false, false]);
    const limited = run([p0, { ...p1, report: edit(p1.report, OUT_V, { qualityLimitationReason: 'bandwidth' }) }]);
    expect(limited[1]?.stats.evidence.uploadLimited).toBe(true);
    const silent = (r: RecordedPoll['report']) => edit(r, OUT_V, { qualityLimitationReason: undefined });
    expect(run([{ ...p0, report: silent(p0.report) }])[0]?.stats.evidence.uploadLimited).toBeNull(); // Safari: can't tell
  });

  it('exactly 300 kbps before the estimate ever moved is the start-up default, not a limit; once it moved, it counts', () => {
    const at = (r: RecordedPoll['report'], bps: number) => edit(edit(r, PAIR, { availableOutgoingBitrate: bps }), OUT_V, { qualityLimitationReason: 'bandwidth' });
    const results = run([{ ...p0, report: at(p0.report, 300_000) }, { ...p1, report: at(p1.report, 300_000) }, { ...p2, report: at(p2.report, 280_000) }]);
    expect(results.map((r) => r.stats.evidence.uploadLimited)).toEqual([false, false, true]);
    const back = run([{ ...p0, report: at(p0.report, 280_000) }, { ...p1, report: at(p1.report, 300_000) }]);
    expect(back[1]?.stats.evidence.uploadLimited).toBe(true);
  });

  it('counts the packets behind each ratio, and the packets that arrived on continuing streams', () => {
    const [, r1] = run([p0, p1]);
    const l1 = latestOf(r1);
    const ev = r1?.stats.evidence;
    // Whatever the counts are, the ratio is theirs.
    expect(ev?.recvExpected).toBeGreaterThan(0);
    expect((ev?.recvLost ?? NaN) / (ev?.recvExpected ?? NaN)).toBeCloseTo(l1.totalRecvPacketLoss ?? NaN, 12);
    const received = (r: RecordedPoll['report']) =>
      [...r.values()].filter((s) => s.type === 'inbound-rtp').reduce((n, s) => n + Number(s['packetsReceived']), 0);
    expect(ev?.recvPackets).toBe(received(p1.report) - received(p0.report));
  });
});
