import { describe, expect, it } from 'vitest';
import { createReplaySource } from './replay';
import { parseTrace, type Trace } from './formats/trace';
import type { ContextPatch } from './context';

const trace: Trace = {
  name: 't',
  intervalMs: 2000,
  samples: [
    { t: 0, latest: { sendBitsPerSecond: 1e6 }, networkState: 'good', networkStateReasons: [], context: { connection: 'connected' } },
    { t: 2000, latest: { sendBitsPerSecond: 2e6 } },
    { t: 4000, latest: null, context: { connection: 'interrupted' } },
    { t: 6000, latest: { sendBitsPerSecond: 3e6 }, context: { connection: 'connected' } },
  ],
};

type Result = { networkState?: string; stats: { latest?: { timestamp: number; sendBitsPerSecond: number } } };

function player(speed = 1, loop = true) {
  let now = 1_000_000;
  const src = createReplaySource(trace, { speed, loop, now: () => now });
  const patches: ContextPatch[] = [];
  src.onContext((p) => patches.push(p));
  const poll = async (at: number) => {
    now = 1_000_000 + at;
    return (await src.getNetworkStats()) as Result;
  };
  return { src, poll, patches };
}

describe('createReplaySource', () => {
  it('re-bases the first sample to the moment of the first poll and carries Daily’s verdict', async () => {
    const { poll } = player();
    const r = await poll(0);
    expect(r.stats.latest).toEqual({ sendBitsPerSecond: 1e6, timestamp: 1_000_000 });
    expect(r.networkState).toBe('good');
  });

  it('returns the sample due at each poll, repeating it between samples like Daily does', async () => {
    const { poll } = player();
    await poll(0);
    expect((await poll(1500)).stats.latest?.sendBitsPerSecond).toBe(1e6);
    expect((await poll(2100)).stats.latest).toEqual({ sendBitsPerSecond: 2e6, timestamp: 1_002_000 });
  });

  it('a sample without stats repeats the previous result, so the window sees no new timestamp', async () => {
    const { poll } = player();
    await poll(0);
    const before = await poll(2000);
    const during = await poll(4500);
    expect(during).toEqual(before);
  });

  it('compresses time by the speed, timestamps included', async () => {
    const { poll } = player(10);
    await poll(0);
    expect((await poll(600)).stats.latest).toEqual({ sendBitsPerSecond: 3e6, timestamp: 1_000_600 });
  });

  it('loops with timestamps that keep increasing', async () => {
    const { poll } = player();
    await poll(0);
    const r = await poll(8000); // duration = 6000 + 2000
    expect(r.stats.latest).toEqual({ sendBitsPerSecond: 1e6, timestamp: 1_008_000 });
  });

  it('without loop the last sample repeats after the end', async () => {
    const { poll } = player(1, false);
    await poll(0);
    const a = await poll(7000);
    const b = await poll(20_000);
    expect(b).toEqual(a);
    expect(b.stats.latest?.sendBitsPerSecond).toBe(3e6);
  });

  it('emits each context change once, in order, including those between polls', async () => {
    const { poll, patches } = player();
    await poll(0);
    expect(patches).toEqual([{ connection: 'connected' }]);
    await poll(6500); // passed both the interruption and the reconnection
    expect(patches).toEqual([{ connection: 'connected' }, { connection: 'interrupted' }, { connection: 'connected' }]);
    await poll(7000);
    expect(patches).toHaveLength(3);
  });

  it('restart plays from the first sample again', async () => {
    const { src, poll } = player();
    await poll(0);
    await poll(6000);
    src.restart();
    expect((await poll(7000)).stats.latest).toEqual({ sendBitsPerSecond: 1e6, timestamp: 1_007_000 });
  });

  it('stops telling a listener once unsubscribed', async () => {
    const src = createReplaySource(trace, { now: () => 0 });
    const seen: ContextPatch[] = [];
    const off = src.onContext((p) => seen.push(p));
    off();
    await src.getNetworkStats();
    expect(seen).toEqual([]);
  });
});

describe('parseTrace', () => {
  it('keeps known fields, nulls and context; drops unknown fields', () => {
    const t = parseTrace({
      name: 'x',
      intervalMs: 2000,
      samples: [
        { t: 0, latest: { networkRoundTripTime: null, sendBitsPerSecond: 5, bogus: 1 }, networkState: 'bad', networkStateReasons: ['roundTripTime', 'nope'] },
        { t: 2000, latest: null, context: { connection: 'interrupted', cpuLoad: { state: 'high', reason: 'encode' }, peers: [{ id: 'a', name: 'Sam', networkQualityState: 'bad' }] } },
      ],
    });
    expect(t.samples[0]).toEqual({ t: 0, latest: { networkRoundTripTime: null, sendBitsPerSecond: 5 }, networkState: 'bad', networkStateReasons: ['roundTripTime'] });
    expect(t.samples[1]?.context).toEqual({ connection: 'interrupted', cpuLoad: { state: 'high', reason: 'encode' }, peers: [{ id: 'a', name: 'Sam', networkQualityState: 'bad' }] });
  });

  it('names what is wrong', () => {
    expect(() => parseTrace({ name: 'x', intervalMs: 2000, samples: [] })).toThrow('trace.samples');
    expect(() => parseTrace({ name: 'x', intervalMs: 2000, samples: [{ t: 2, latest: null }, { t: 1, latest: null }] })).toThrow('trace.samples[1].t');
    expect(() => parseTrace({ name: 'x', intervalMs: 2000, samples: [{ t: 0, latest: null, context: { connection: 'gone' } }] })).toThrow('connection');
  });
});
