import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Monitor } from './live/monitor';
import { NetworkWindow } from './live/window';
import { FIELDS } from './catalogue';
import { formatValue, METRICS } from './catalogue';
import { HEALTHY, stats } from './fixtures/samples';

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(1_750_000_000_000);
});
afterEach(() => {
  vi.useRealTimers();
});

// 1.5 is garbage only as a loss fraction (a 1.5 s RTT is real), so it is tested on loss fields alone.
const GARBAGE: unknown[] = [Number.NaN, Infinity, -Infinity, -1, '12', 1e300, undefined, null, {}, [], true, 1.5];

describe('hostile payloads', () => {
  it('ignores __proto__, constructor and prototype keys and leaves Object.prototype unchanged', () => {
    const before = Object.getOwnPropertyNames(Object.prototype).sort();
    const w = new NetworkWindow({ minSamples: 1 });
    const now = Date.now();
    const raw = JSON.parse(
      `{"__proto__":{"polluted":1,"stats":{"latest":{"timestamp":${now}}}},"constructor":{"prototype":{"polluted":2}},` +
        `"stats":{"__proto__":{"latest":{"timestamp":${now}}},"latest":{"__proto__":{"networkRoundTripTime":9},"prototype":1,"constructor":2,"timestamp":${now},"totalRecvPacketLoss":0.01}}}`,
    );
    expect(w.push(raw, now)).toBe(true);
    const a = w.assess(now);
    expect(a.metrics.roundTripTime).toBeNull();
    expect(a.metrics.recvPacketLoss).toBe(0.01);
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    // A payload whose only stats live on its prototype is not taken.
    expect(w.push(JSON.parse(`{"__proto__":{"stats":{"latest":{"timestamp":${now + 5}}}}}`), now)).toBe(false);
  });

  it('survives every field set to every kind of garbage, and never formats NaN or Infinity', async () => {
    let i = 0;
    const m = new Monitor({
      minSamples: 1,
      source: {
        getNetworkStats: () => {
          const g = GARBAGE[i++ % GARBAGE.length];
          const latest = Object.fromEntries(FIELDS.map((f) => [f, g === 1.5 && !f.endsWith('PacketLoss') ? null : g]));
          return Promise.resolve({ stats: { latest: { ...latest, timestamp: Date.now(), extra: g } }, networkState: g });
        },
      },
    });
    m.start();
    await vi.advanceTimersByTimeAsync(2_000 * GARBAGE.length);
    const s = m.snapshot();
    expect(s.assessment.networkState).toBe('unknown');
    expect(s.assessment.unknownReason).toBe('no-media');
    expect(s.reported).toBeNull();
    for (const def of METRICS) {
      const text = formatValue(m.window.mean(def.id), def.unit);
      expect(text).not.toMatch(/NaN|Infinity/);
    }
    m.stop();
  });
});

describe('an 8-hour call', () => {
  it('keeps the verdict right at the end, with the ring never growing', async () => {
    let loss = 0;
    const m = new Monitor({ source: { getNetworkStats: () => Promise.resolve(stats(Date.now(), { ...HEALTHY, totalRecvPacketLoss: loss })) } });
    // The monitor's ring, sized from its defaults (30 s window, 2 s polls): ceil(15 × 1.5) + 4 slots.
    expect(m.window.capacity).toBe(Math.ceil((30_000 / 2_000) * 1.5) + 4);
    m.start();
    const hour = 3_600_000;
    await vi.advanceTimersByTimeAsync(8 * hour - 60_000);
    expect(m.snapshot().assessment.networkState).toBe('good');
    loss = 0.2; // the last minute of the call goes bad...
    await vi.advanceTimersByTimeAsync(30_000);
    expect(m.snapshot().assessment).toMatchObject({ networkState: 'bad', networkStateReasons: ['recvPacketLoss'] });
    loss = 0; // ...and recovers within one window.
    await vi.advanceTimersByTimeAsync(30_000);
    expect(m.snapshot().assessment.networkState).toBe('good');
    // 14 400 polls later the window still holds 30 s of them: 15 samples, the oldest 28 s before the newest.
    expect(m.window.count()).toBe(15);
    expect(m.window.time(14) - m.window.time(0)).toBe(28_000);
    m.stop();
  });
});
