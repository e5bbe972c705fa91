import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DumpError, type DumpConnection, type StatsDump, type StatsEntry } from './dump';
import { dumpSamples } from './dump-recording';
import { runToEnd } from './pacing';
import { readDump } from './read';

const REAL = 'src/sources/fixtures/realcalls';
const real = (name: string) => readDump(readFileSync(`${REAL}/${name}`, 'utf8'));

/** A report of one inbound video stream with these cumulative counters. */
function inbound(at: number, received: number, lost: number, bytes = received * 1_000): { at: number; report: Map<string, StatsEntry> } {
  return {
    at,
    report: new Map([['IT1', { id: 'IT1', type: 'inbound-rtp', kind: 'video', ssrc: 1, timestamp: at, packetsReceived: received, packetsLost: lost, bytesReceived: bytes }]]),
  };
}

function dumpOf(connections: Array<Partial<DumpConnection> & { id: string }>): StatsDump {
  return {
    format: 'rtcstats',
    userAgent: null,
    warnings: [],
    connections: connections.map((c) => ({ reports: [], states: [], closedAt: null, legacyOnly: false, ...c })),
  };
}

describe('a dump replayed through the WebRTC maths', () => {
  it('each recorded report is a poll: deltas between them, with the counts behind the ratios', () => {
    const out = runToEnd(dumpSamples(dumpOf([{ id: 'pc', reports: [inbound(1_000, 0, 0), inbound(3_000, 190, 10), inbound(5_000, 380, 20)] }])));
    expect(out.samples.map((s) => s.t)).toEqual([0, 2_000, 4_000]);
    expect(out.intervalMs).toBe(2_000);
    const second = out.samples[1];
    // 10 lost of 200 expected between the first two reports.
    expect(second?.latest?.videoRecvPacketLoss).toBeCloseTo(10 / 200, 12);
    expect(second?.evidence).toMatchObject({ recvLost: 10, recvExpected: 200, recvPackets: 190 });
  });

  it('a state change between two polls is shown when it happened; a change after the last report still arrives', () => {
    const out = runToEnd(dumpSamples(dumpOf([{
      id: 'pc',
      reports: [inbound(1_000, 0, 0), inbound(3_000, 190, 0), inbound(5_000, 380, 0)],
      states: [{ at: 1_000, connectionState: 'connected' }, { at: 3_500, connectionState: 'disconnected' }, { at: 4_200, connectionState: 'connected' }, { at: 9_000, connectionState: 'failed' }],
    }])));
    const contexts = out.samples.filter((s) => s.context).map((s) => [s.t, s.context?.connection, s.latest === null]);
    expect(contexts).toEqual([[0, 'connected', false], [2_500, 'interrupted', true], [3_200, 'connected', true], [8_000, 'failed', true]]);
  });

  it('replays one chosen connection, or says which there are', () => {
    const dump = dumpOf([
      { id: 'a', reports: [inbound(1_000, 0, 0), inbound(3_000, 200, 0)] },
      { id: 'b', reports: [inbound(1_000, 0, 0), inbound(3_000, 100, 100)] },
    ]);
    expect(runToEnd(dumpSamples(dump)).samples[1]?.latest?.videoRecvPacketLoss).toBe(0.5); // the worst of both
    expect(runToEnd(dumpSamples(dump, { connection: 'a' })).samples[1]?.latest?.videoRecvPacketLoss).toBe(0);
    expect(() => runToEnd(dumpSamples(dump, { connection: 'c' }))).toThrow(/no peer connection "c"; it has a, b/);
  });

  it.each([
    ['no connections', dumpOf([]), 'no-connections'],
    ['only legacy stats', dumpOf([{ id: 'pc', legacyOnly: true, reports: [inbound(1, 0, 0)] }]), 'legacy-only'],
    ['nothing ever flowed', dumpOf([{ id: 'pc', reports: [inbound(1_000, 0, 0), inbound(3_000, 0, 0)] }]), 'no-media'],
  ])('refuses a dump with %s, with a typed error', (_, dump, code) => {
    let caught: unknown;
    try {
      runToEnd(dumpSamples(dump));
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(DumpError);
    expect((caught as DumpError).code).toBe(code);
  });

  it('a single snapshot counts loss from the streams\' start and leaves bitrates unknown', () => {
    const out = runToEnd(dumpSamples(dumpOf([{ id: 'pc', reports: [inbound(1_000, 950, 50)] }])));
    expect(out.samples).toHaveLength(1);
    expect(out.samples[0]?.latest?.videoRecvPacketLoss).toBeCloseTo(50 / 1_000, 12);
    expect(out.samples[0]?.latest?.recvBitsPerSecond).toBeNull();
  });

  it('real recordings: the legacy-only file is refused as legacy; a Firefox call has its RTT from RTCP', () => {
    expect(() => runToEnd(dumpSamples(real('jitsi-rtcstats-server/google-legacy-stats-p2p')))).toThrow(/only legacy stats/);
    const firefox = runToEnd(dumpSamples(real('jitsi-rtcstats-server/firefox-relay')));
    const rtts = firefox.samples.filter((s) => s.latest?.networkRoundTripTime != null);
    expect(rtts.length).toBeGreaterThan(2);
    expect(rtts.every((s) => s.evidence?.rttSource === 'rtcp')).toBe(true);
  });
});
