import { describe, expect, it } from 'vitest';
import { FIELDS, type Field } from '../catalogue';
import { SessionRecord, shortestFloat32 } from './session-record';

const T = 1_743_011_906_000;
const HOUR = 3_600_000;
const good = { networkState: 'good' as const };
const stats = (timestamp: number, latest: Record<string, unknown> = {}) => ({ stats: { latest: { timestamp, ...latest } } });

/** A busy Chromium sample: every field has a value, so nothing compresses. */
function fullSample(i: number): Record<Field, number> {
  const out = {} as Record<Field, number>;
  FIELDS.forEach((f, k) => {
    out[f] = f.endsWith('PacketLoss') ? ((i + k) % 97) / 1000 : f.endsWith('Jitter') || f === 'networkRoundTripTime' ? 0.001 * ((i + k) % 300) : 1_000_000 + i * 7 + k;
  });
  return out;
}

describe('SessionRecord', () => {
  it('keeps a getNetworkStats sample: normalised fields, timestamp, local and reported verdicts, reasons', () => {
    const r = new SessionRecord();
    const taken = r.push(stats(T, { recvBitsPerSecond: 1_700_344.1895481267, totalRecvPacketLoss: 0.05, videoRecvPacketLoss: 1.5, audioSendJitter: '0.01' }), {
      networkState: 'bad',
      networkStateReasons: ['recvPacketLoss', 'roundTripTime'],
      reportedNetworkState: 'warning',
    });
    expect(taken).toBe(true);
    const s = r.sample(0);
    expect(s.timestamp).toBe(T);
    expect(s.networkState).toBe('bad');
    expect(s.networkStateReasons).toEqual(['recvPacketLoss', 'roundTripTime']);
    expect(s.reportedNetworkState).toBe('warning');
    expect(s.totalRecvPacketLoss).toBe(0.05);
    expect(s.recvBitsPerSecond).toBeCloseTo(1_700_344.19, 0);
    // The window's normalisation rules: loss above 1 and strings are null, missing fields are null.
    expect(s.videoRecvPacketLoss).toBeNull();
    expect(s.audioSendJitter).toBeNull();
    expect(s.networkRoundTripTime).toBeNull();
  });

  it('reads a seconds timestamp as ms, and a sample with no reported verdict as null', () => {
    const r = new SessionRecord();
    r.push(stats(T / 1000), good);
    expect(r.time(0)).toBe(T);
    expect(r.reportedNetworkState(0)).toBeNull();
  });

  it('refuses a sample without a newer timestamp, without stats, or after close', () => {
    const r = new SessionRecord();
    expect(r.push({ stats: {} }, good)).toBe(false);
    expect(r.push(stats(T), good)).toBe(true);
    expect(r.push(stats(T), good)).toBe(false);
    expect(r.push(stats(T - 2000), good)).toBe(false);
    r.close(T + 5000);
    expect(r.push(stats(T + 2000), good)).toBe(false);
    expect(r.length).toBe(1);
    expect(r.closed).toBe(true);
    expect(r.endedAt).toBe(T + 5000);
  });

  it('close never puts endedAt before the newest sample, and a second close changes nothing', () => {
    const r = new SessionRecord({ startedAt: T - 3000 });
    r.push(stats(T), good);
    r.close(T - 60_000);
    expect(r.endedAt).toBe(T);
    r.close(T + 99_000);
    expect(r.endedAt).toBe(T);
    expect(r.startedAt).toBe(T - 3000);
  });

  it('an 8-hour call of 2 s samples (14 400) is kept whole and costs at most 150 000 bytes per hour', () => {
    const r = new SessionRecord();
    for (let i = 0; i < 14_400; i++) {
      const sample = fullSample(i);
      expect(r.append(T + i * 2000, (f) => sample[f], good)).toBe(true);
    }
    expect(r.length).toBe(14_400);
    expect(r.droppedSamples).toBe(0);
    expect(r.truncated).toBe(false);
    const hours = (r.time(r.length - 1) - r.time(0) + 2000) / HOUR;
    expect(hours).toBe(8);
    const perHour = r.bytes() / hours;
    console.info(`sessionBytesPerHour = ${Math.round(perHour)} (${r.bytes()} bytes for 8 h)`);
    expect(perHour).toBeLessThanOrEqual(150_000);
    // Chunked growth: never more than one partly used chunk beyond 78 bytes a sample.
    expect(r.bytes()).toBeLessThanOrEqual((14_400 + r.chunkSize) * 78);
    // Spot check that what went in comes out.
    expect(r.value(14_399, 'recvBitsPerSecond')).toBe(Math.fround(fullSample(14_399).recvBitsPerSecond));
    expect(r.time(14_399)).toBe(T + 14_399 * 2000);
  });

  it('the default cap is 12 hours of 2 s samples', () => {
    expect(new SessionRecord().capacity).toBe(21_600);
    expect(new SessionRecord({ intervalMs: 1000, maxDurationMs: HOUR }).capacity).toBe(3600);
  });

  it('at the cap it drops the oldest samples, counts them, says truncated, and stops growing', () => {
    const r = new SessionRecord({ maxSamples: 10, chunkSize: 4 });
    for (let i = 0; i < 10; i++) r.append(T + i * 2000, (f) => (f === 'sendBitsPerSecond' ? i : null), good);
    const full = r.bytes();
    expect(full).toBe(10 * 78);
    for (let i = 10; i < 15; i++) r.append(T + i * 2000, (f) => (f === 'sendBitsPerSecond' ? i : null), good);
    expect(r.length).toBe(10);
    expect(r.droppedSamples).toBe(5);
    expect(r.truncated).toBe(true);
    expect(r.bytes()).toBe(full);
    expect(r.time(0)).toBe(T + 5 * 2000);
    expect(r.value(0, 'sendBitsPerSecond')).toBe(5);
    expect(r.time(9)).toBe(T + 14 * 2000);
    expect(r.samples().map((s) => s.sendBitsPerSecond)).toEqual([5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
    // The call still began with the first sample, dropped or not.
    expect(r.startedAt).toBe(T);
  });

  it('allocates nothing until the first sample and grows a chunk at a time', () => {
    const r = new SessionRecord({ chunkSize: 256 });
    expect(r.bytes()).toBe(0);
    r.append(T, () => 1, good);
    expect(r.bytes()).toBe(256 * 78);
    for (let i = 1; i <= 256; i++) r.append(T + i * 2000, () => 1, good);
    expect(r.bytes()).toBe(2 * 256 * 78);
  });

  it('exports values as the shortest decimal that is the same Float32', () => {
    expect(shortestFloat32(Math.fround(0.05))).toBe(0.05);
    expect(shortestFloat32(Math.fround(0.08984375))).toBe(0.08984375);
    const v = Math.fround(0.01992261904761905);
    expect(Math.fround(shortestFloat32(v))).toBe(v);
    expect(String(shortestFloat32(v)).length).toBeLessThanOrEqual(12);
  });

  it('stores a verdict it does not know as unknown / none, and ignores unknown reasons', () => {
    const r = new SessionRecord();
    r.push(stats(T), { networkState: 'great' as never, reportedNetworkState: 'meh' as never, networkStateReasons: ['cpu' as never, 'roundTripTime'] });
    expect(r.sample(0)).toMatchObject({ networkState: 'unknown', reportedNetworkState: null, networkStateReasons: ['roundTripTime'] });
  });

  it('throws a RangeError for an index outside the retained samples', () => {
    const r = new SessionRecord();
    expect(() => r.time(0)).toThrow(RangeError);
  });
});
