import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Snapshot, StatsSource } from '../core/live/monitor';
import { HEALTHY, stats } from '../core/fixtures/samples';
import { createWidget } from './create-widget';
import { subscribePolls } from './session';

// The handle's onPoll (mount.ts) is subscribePolls on the widget's monitor: one call per poll, made after
// the widget has taken the poll in. The benchmark times polls with it.

beforeEach(() => {
  vi.useFakeTimers({ now: 1_743_011_906_000 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('subscribePolls (CallHealthHandle.onPoll)', () => {
  it('is told once per poll, answered or failed, after the view state and the session record took it', async () => {
    let fail = false;
    const source: StatsSource = {
      getNetworkStats: () => (fail ? Promise.reject(new Error('boom')) : Promise.resolve(stats(Date.now(), HEALTHY))),
    };
    const widget = createWidget({ source, intervalMs: 1_000 });
    const seen: { snapshot: Snapshot; storeHasIt: boolean; recorded: number }[] = [];
    const off = subscribePolls(widget.monitor, (snapshot) => {
      seen.push({ snapshot, storeHasIt: widget.store.snapshot.value === snapshot, recorded: widget.session.summary().sampleCount });
    });
    const stop = widget.start(); // a context event: not a poll
    expect(seen).toHaveLength(0);

    await vi.advanceTimersByTimeAsync(0); // first poll
    await vi.advanceTimersByTimeAsync(1_000); // second
    expect(seen.map((s) => s.snapshot.assessment.sampleCount)).toEqual([1, 2]);
    expect(seen.every((s) => s.storeHasIt)).toBe(true);
    expect(seen.map((s) => s.recorded)).toEqual([1, 2]);

    fail = true;
    await vi.advanceTimersByTimeAsync(1_000);
    expect(seen).toHaveLength(3);
    expect(seen[2]?.snapshot.health).toMatchObject({ consecutiveFailures: 1, lastError: 'boom' });

    off();
    await vi.advanceTimersByTimeAsync(3_000);
    expect(seen).toHaveLength(3);
    stop();
  });

  it('a listener that throws does not stop polling or the other listeners', async () => {
    const source: StatsSource = { getNetworkStats: () => Promise.resolve(stats(Date.now(), HEALTHY)) };
    const widget = createWidget({ source, intervalMs: 1_000 });
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    let calls = 0;
    subscribePolls(widget.monitor, () => {
      throw new Error('host bug');
    });
    subscribePolls(widget.monitor, () => calls++);
    const stop = widget.start();
    await vi.advanceTimersByTimeAsync(2_000);
    expect(calls).toBe(3);
    expect(error).toHaveBeenCalled();
    stop();
    error.mockRestore();
  });
});
