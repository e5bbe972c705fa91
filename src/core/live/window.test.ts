import { describe, expect, it } from 'vitest';
import { NetworkWindow } from './window';
import { DOCS_SAMPLE, FIREFOX_NULLS, HEALTHY, stats, type Latest } from '../fixtures/samples';

const T0 = 1_743_011_906_315;
const NOW = T0 + 1_000;

/** Pushes `n` samples 2 s apart from `start`; returns the last timestamp. */
function feed(w: NetworkWindow, n: number, latest: Latest, start = T0): number {
  let ts = start;
  for (let i = 0; i < n; i++) {
    ts = start + i * 2_000;
    expect(w.push(stats(ts, latest), ts)).toBe(true);
  }
  return ts;
}

describe('NetworkWindow: the docs sample', () => {
  it('grades Daily\'s documented sample bad for upload and download loss, from our own thresholds', () => {
    const w = new NetworkWindow({ minSamples: 1 });
    expect(w.push(DOCS_SAMPLE, NOW)).toBe(true);
    const a = w.assess(NOW);
    expect(a.networkState).toBe('bad');
    // 9.0 % upload loss is a warning, 11.7 % download loss is bad; 20 ms RTT and 2.9 Mbps are fine.
    expect(a.networkStateReasons).toEqual(['sendPacketLoss', 'recvPacketLoss']);
    expect(a.levels).toEqual({ sendPacketLoss: 'warning', recvPacketLoss: 'bad', roundTripTime: 'good', availableOutgoingBitrate: 'good' });
    expect(a.metrics).toEqual({
      sendPacketLoss: 0.08984375,
      recvPacketLoss: 0.11670020120724346,
      roundTripTime: 0.02,
      availableOutgoingBitrate: 2889866,
    });
    expect(a.sampleCount).toBe(1);
    expect(a.newestTimestamp).toBe(T0);
  });

  it('says measuring, not a verdict, until minSamples samples are in', () => {
    const w = new NetworkWindow();
    w.push(DOCS_SAMPLE, NOW);
    const a = w.assess(NOW);
    expect(a).toMatchObject({ networkState: 'unknown', unknownReason: 'measuring', networkStateReasons: [], sampleCount: 1 });
  });
});

describe('NetworkWindow: what push refuses', () => {
  it.each([
    ['not joined: {stats:{}}', { stats: {}, threshold: 'good', quality: 100, networkState: 'unknown' }],
    ['null', null],
    ['an empty object', {}],
    ['stats: null', { stats: null }],
    ['a string', 'stats'],
    ['a number', 42],
    ['latest without timestamp', { stats: { latest: { ...HEALTHY } } }],
    ['timestamp as a string', stats(String(T0))],
    ['timestamp NaN', stats(Number.NaN)],
    ['latest as an array', { stats: { latest: [1, 2, 3] } }],
  ])('refuses %s and changes nothing', (_name, raw) => {
    const w = new NetworkWindow({ minSamples: 1 });
    w.push(stats(T0), NOW);
    expect(w.push(raw, NOW)).toBe(false);
    expect(w.count()).toBe(1);
    expect(w.newestTimestamp()).toBe(T0);
  });

  it('refuses a repeated timestamp (a 2 s poll often sees Daily\'s sample twice) and a backwards one', () => {
    const w = new NetworkWindow({ minSamples: 1 });
    expect(w.push(stats(T0, { ...HEALTHY, totalRecvPacketLoss: 0.01 }), NOW)).toBe(true);
    expect(w.push(stats(T0, { ...HEALTHY, totalRecvPacketLoss: 0.5 }), NOW)).toBe(false);
    expect(w.push(stats(T0 - 2_000, { ...HEALTHY, totalRecvPacketLoss: 0.5 }), NOW)).toBe(false);
    expect(w.count()).toBe(1);
    expect(w.assess(NOW).metrics.recvPacketLoss).toBe(0.01);
  });

  it('takes a timestamp in seconds as seconds', () => {
    const w = new NetworkWindow({ minSamples: 1 });
    expect(w.push(stats(T0 / 1000), NOW)).toBe(true);
    expect(w.newestTimestamp()).toBe(T0);
    // The same instant in ms is then a repeat, not a new sample.
    expect(w.push(stats(T0), NOW)).toBe(false);
  });

  it('refuses a timestamp far in the future, so it cannot block every later sample', () => {
    const w = new NetworkWindow({ minSamples: 1 });
    expect(w.push(stats(NOW + 3_600_000), NOW)).toBe(false);
    expect(w.push(stats(T0), NOW)).toBe(true);
    expect(w.assess(NOW).networkState).toBe('good');
  });
});

describe('NetworkWindow: normalisation', () => {
  it.each([
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['-Infinity', Number.NEGATIVE_INFINITY],
    ['negative', -0.2],
    ['a numeric string', '0.5'],
    ['above 1 for a loss', 1.5],
    ['1e300', 1e300],
    ['undefined', undefined],
  ])('reads %s as null, never as a number', (_name, bad) => {
    const w = new NetworkWindow({ minSamples: 1 });
    const latest: Latest = { ...HEALTHY, totalRecvPacketLoss: null, videoRecvPacketLoss: null, audioRecvPacketLoss: bad as number };
    w.push(stats(T0, latest), NOW);
    const a = w.assess(NOW);
    expect(a.metrics.recvPacketLoss).toBeNull();
    expect(w.fieldAt('audioRecvPacketLoss', 0)).toBeNull();
    expect(a.networkState).toBe('good');
  });

  it('keeps 0 as a real zero (no loss) and 1 as total loss', () => {
    const w = new NetworkWindow({ minSamples: 1 });
    w.push(stats(T0, { ...HEALTHY, totalSendPacketLoss: 1, totalRecvPacketLoss: 0 }), NOW);
    const a = w.assess(NOW);
    expect(a.metrics.sendPacketLoss).toBe(1);
    expect(a.metrics.recvPacketLoss).toBe(0);
  });

  it('ignores extra fields and inherited values', () => {
    const w = new NetworkWindow({ minSamples: 1 });
    const latest = Object.create({ networkRoundTripTime: 5 }) as Record<string, unknown>;
    Object.assign(latest, { ...HEALTHY, networkRoundTripTime: undefined, somethingNew: 3, timestamp: T0 });
    delete latest['networkRoundTripTime'];
    expect(w.push({ stats: { latest } }, NOW)).toBe(true);
    expect(w.assess(NOW).metrics.roundTripTime).toBeNull();
  });
});

describe('NetworkWindow: the Firefox rule', () => {
  it('grades a Firefox stream with heavy loss from loss alone; RTT and bitrate stay null and never become reasons', () => {
    const w = new NetworkWindow();
    const firefox: Latest = {
      ...HEALTHY,
      ...FIREFOX_NULLS,
      totalSendPacketLoss: null,
      videoSendPacketLoss: 0.12,
      totalRecvPacketLoss: 0.2,
    };
    const last = feed(w, 10, firefox);
    const a = w.assess(last);
    expect(a.networkState).toBe('bad');
    expect(a.networkStateReasons).toEqual(['sendPacketLoss', 'recvPacketLoss']);
    expect(a.metrics.roundTripTime).toBeNull();
    expect(a.metrics.availableOutgoingBitrate).toBeNull();
    expect(a.metrics.sendPacketLoss).toBeCloseTo(0.12, 10);
    expect(a.levels.roundTripTime).toBeNull();
  });

  it('a healthy Firefox stream is good, not flagged for the RTT it cannot report', () => {
    const w = new NetworkWindow();
    const last = feed(w, 5, { ...HEALTHY, ...FIREFOX_NULLS });
    expect(w.assess(last)).toMatchObject({ networkState: 'good', networkStateReasons: [] });
  });
});

describe('NetworkWindow: grading', () => {
  it('uses the larger of video and audio loss when the total is missing', () => {
    const w = new NetworkWindow({ minSamples: 1 });
    w.push(stats(T0, { ...HEALTHY, totalRecvPacketLoss: null, videoRecvPacketLoss: 0.02, audioRecvPacketLoss: 0.07 }), NOW);
    expect(w.assess(NOW).metrics.recvPacketLoss).toBe(0.07);
  });

  it('averages only non-null values over the window', () => {
    const w = new NetworkWindow({ minSamples: 1 });
    w.push(stats(T0, { ...HEALTHY, networkRoundTripTime: 0.2 }), NOW);
    w.push(stats(T0 + 2000, { ...HEALTHY, networkRoundTripTime: null }), NOW);
    w.push(stats(T0 + 4000, { ...HEALTHY, networkRoundTripTime: 0.5 }), NOW + 4000);
    expect(w.assess(NOW + 4000).metrics.roundTripTime).toBeCloseTo(0.35, 10);
  });

  it('puts each threshold at its documented edge: 5 % loss is a warning, 500 kbps is still good', () => {
    const w = new NetworkWindow({ minSamples: 1 });
    w.push(stats(T0, { ...HEALTHY, totalSendPacketLoss: 0.05, availableOutgoingBitrate: 500_000, networkRoundTripTime: 0.6 }), NOW);
    const a = w.assess(NOW);
    expect(a.levels).toMatchObject({ sendPacketLoss: 'warning', availableOutgoingBitrate: 'good', roundTripTime: 'bad' });
    expect(a.networkStateReasons).toEqual(['sendPacketLoss', 'roundTripTime']);
  });

  it('flags a low upload estimate only while video is being sent', () => {
    const audioOnly = new NetworkWindow({ minSamples: 1 });
    audioOnly.push(stats(T0, { ...HEALTHY, videoSendBitsPerSecond: 0, availableOutgoingBitrate: 100_000 }), NOW);
    expect(audioOnly.assess(NOW)).toMatchObject({ networkState: 'good', metrics: { availableOutgoingBitrate: null } });

    const withVideo = new NetworkWindow({ minSamples: 1 });
    withVideo.push(stats(T0, { ...HEALTHY, availableOutgoingBitrate: 100_000 }), NOW);
    expect(withVideo.assess(NOW)).toMatchObject({ networkState: 'bad', networkStateReasons: ['availableOutgoingBitrate'] });
  });

  it('lists every reason in Daily\'s order and takes the worst level as the state', () => {
    const w = new NetworkWindow({ minSamples: 1 });
    w.push(stats(T0, { ...HEALTHY, availableOutgoingBitrate: 300_000, networkRoundTripTime: 0.4, totalRecvPacketLoss: 0.06, totalSendPacketLoss: 0.2 }), NOW);
    const a = w.assess(NOW);
    expect(a.networkStateReasons).toEqual(['sendPacketLoss', 'recvPacketLoss', 'roundTripTime', 'availableOutgoingBitrate']);
    expect(a.networkState).toBe('bad');
  });

  it('honours overridden thresholds, one bound at a time', () => {
    const w = new NetworkWindow({ minSamples: 1, thresholds: { roundTripTime: { warning: 0.03 } } });
    w.push(stats(T0), NOW);
    expect(w.thresholds.roundTripTime).toEqual({ warning: 0.03, bad: 0.6 });
    expect(w.assess(NOW)).toMatchObject({ networkState: 'warning', networkStateReasons: ['roundTripTime'] });
  });

  it('is unknown (no media), not good, when nothing graded is measurable', () => {
    const w = new NetworkWindow();
    const off: Latest = {
      ...HEALTHY, ...FIREFOX_NULLS,
      sendBitsPerSecond: 0, recvBitsPerSecond: 0, videoSendBitsPerSecond: 0, videoRecvBitsPerSecond: 0,
      totalSendPacketLoss: null, totalRecvPacketLoss: null, videoSendPacketLoss: null, videoRecvPacketLoss: null, audioRecvPacketLoss: null,
    };
    const last = feed(w, 5, off);
    expect(w.assess(last)).toMatchObject({ networkState: 'unknown', unknownReason: 'no-media', networkStateReasons: [] });
  });
});

describe('NetworkWindow: time', () => {
  it('lets an old loss burst leave the window, so the state recovers', () => {
    const w = new NetworkWindow();
    const burstEnd = feed(w, 5, { ...HEALTHY, totalRecvPacketLoss: 0.4 });
    expect(w.assess(burstEnd).networkState).toBe('bad');
    // 15 healthy samples (30 s) later the burst is exactly windowMs older than the newest: out.
    const last = feed(w, 15, HEALTHY, burstEnd + 2_000);
    expect(last - burstEnd).toBe(30_000);
    const a = w.assess(last);
    expect(a.sampleCount).toBe(15);
    expect(a).toMatchObject({ networkState: 'good', networkStateReasons: [] });
  });

  it('is stale (unknown) once the newest sample is older than staleAfterMs, never the old verdict', () => {
    const w = new NetworkWindow();
    const last = feed(w, 5, { ...HEALTHY, totalRecvPacketLoss: 0.4 });
    expect(w.assess(last + 10_000).networkState).toBe('bad');
    expect(w.assess(last + 10_001)).toMatchObject({ networkState: 'unknown', unknownReason: 'stale', networkStateReasons: [] });
  });

  it('keeps a fixed-size ring however long the call runs (8 hours of samples)', () => {
    const w = new NetworkWindow();
    // Sized once from the defaults (30 s window, 2 s interval): 1.5× the window's 15 samples, plus 4 spare.
    const slots = Math.ceil((30_000 / 2_000) * 1.5) + 4;
    expect(slots).toBe(27);
    expect(w.capacity).toBe(slots);
    let ts = T0;
    for (let i = 0; i < 14_400; i++) {
      ts = T0 + i * 2_000;
      w.push(stats(ts, { ...HEALTHY, networkRoundTripTime: (i % 100) / 1000 }), ts);
    }
    // 14 400 pushes into 27 slots: the ring wrapped 533 times and still holds exactly the newest window.
    expect(w.count()).toBe(15);
    // The last 15 RTTs are 85..99 ms: their mean is 92 ms.
    expect(w.assess(ts).metrics.roundTripTime).toBeCloseTo(0.092, 10);
    expect(w.time(0)).toBe(ts - 28_000);
  });

  it('starts fresh after clear()', () => {
    const w = new NetworkWindow({ minSamples: 1 });
    feed(w, 3, HEALTHY);
    w.clear();
    expect(w.count()).toBe(0);
    expect(w.assess(NOW)).toMatchObject({ networkState: 'unknown', unknownReason: 'measuring', newestTimestamp: null });
    expect(w.push(stats(T0), NOW)).toBe(true);
  });
});

describe('NetworkWindow: per-sample metric values', () => {
  it('metricValue is NaN exactly where metricAt is null (Firefox), and reads the same numbers otherwise', () => {
    const w = new NetworkWindow();
    feed(w, 2, HEALTHY);
    feed(w, 2, FIREFOX_NULLS, T0 + 4_000);
    const count = w.count();
    expect(count).toBe(4);
    for (let i = 0; i < count; i++) {
      const at = w.metricAt('roundTripTime', i, count);
      const raw = w.metricValue('roundTripTime', i, count);
      if (i < 2) expect(raw).toBe(at);
      else {
        expect(at).toBeNull();
        expect(Number.isNaN(raw)).toBe(true);
      }
    }
  });

  it('a slot reused by the ring holds the new sample\'s metrics, not the old one\'s', () => {
    const w = new NetworkWindow({ windowMs: 4_000, intervalMs: 2_000 });
    const last = feed(w, w.capacity + 3, HEALTHY);
    w.push(stats(last + 2_000, FIREFOX_NULLS), last + 2_000);
    expect(w.metricAt('roundTripTime', w.count() - 1)).toBeNull();
    expect(w.metricAt('roundTripTime', 0)).not.toBeNull();
  });
});
