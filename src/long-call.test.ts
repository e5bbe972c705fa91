import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Monitor } from './core/live/monitor';
import { recordMonitor } from './core/session/record-monitor';
import { HEALTHY, stats } from './core/fixtures/samples';
import { createHealthStore } from './ui/store';
import { DEFAULT_LABELS } from './ui/labels';

// Long calls: eight hours through what the widget runs — monitor, the badge's store and the
// session recorder — on fake timers. Per hour at 2 s: 1 800 polls.
beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(1_750_000_000_000);
});
afterEach(() => {
  vi.useRealTimers();
});

const HOUR = 3_600_000;

describe('an 8-hour call through the widget', () => {
  it('keeps the badge right at the end, the ring fixed and the session record bounded', async () => {
    let loss = 0;
    const monitor = new Monitor({ source: { getNetworkStats: () => Promise.resolve(stats(Date.now(), { ...HEALTHY, totalRecvPacketLoss: loss })) } });
    const store = createHealthStore(monitor, { labels: DEFAULT_LABELS, announceDelayMs: 3_000, open: false, expanded: false });
    const session = recordMonitor(monitor); // the default cap: 12 h
    const capped = recordMonitor(monitor, { maxDurationMs: HOUR }); // a host that keeps one hour
    // The window's ring: ceil(30 s / 2 s × 1.5) + 4 slots. A one-hour record at 2 s: 1 800 samples.
    expect(monitor.window.capacity).toBe(Math.ceil((30_000 / 2_000) * 1.5) + 4);
    expect(capped.record.capacity).toBe(HOUR / 2_000);
    const kinds = new Set<string>();
    monitor.subscribe(() => kinds.add(store.kind.value));
    monitor.start();

    let maxBytes = 0;
    for (let h = 0; h < 8; h++) {
      await vi.advanceTimersByTimeAsync(h === 7 ? HOUR - 60_000 : HOUR);
      expect(monitor.window.count()).toBe(15);
      maxBytes = Math.max(maxBytes, capped.record.bytes());
    }
    expect(store.kind.value).toBe('good');
    loss = 0.2; // the last minute goes bad…
    await vi.advanceTimersByTimeAsync(30_000);
    expect(store.kind.value).toBe('bad');
    expect(store.text.value).toBe('Poor');
    loss = 0; // …and recovers within one window
    await vi.advanceTimersByTimeAsync(30_000);
    expect(store.kind.value).toBe('good');
    expect(kinds.has('no-data')).toBe(false); // eight hours of polls, never a gap the badge had to own up to

    const polls = 8 * 1_800 + 1;
    expect(session.record.length).toBe(polls);
    expect(session.record.droppedSamples).toBe(0);
    expect(session.record.bytes()).toBeLessThanOrEqual(8 * 150_000);
    expect(session.summary().timeline.local.map((r) => r.state)).toEqual(expect.arrayContaining(['good', 'bad']));
    // The capped record turned into a ring after its hour: its size stopped growing there.
    expect(capped.record.length).toBe(1_800);
    expect(capped.record.droppedSamples).toBe(polls - 1_800);
    expect(capped.record.truncated).toBe(true);
    expect(capped.record.bytes()).toBe(maxBytes);
    expect(capped.record.bytes()).toBeLessThanOrEqual(150_000);

    store.dispose();
    session.stop();
    capped.stop();
    monitor.stop();
    expect(vi.getTimerCount()).toBe(0);
  });
});
