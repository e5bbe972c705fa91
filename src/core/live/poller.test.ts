import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPoller, type PollHealth } from './poller';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

/** A controllable getNetworkStats(): each call returns a promise the test resolves or rejects. */
function controlled() {
  const calls: Array<{ resolve: (v: unknown) => void; reject: (e: unknown) => void }> = [];
  const fetch = vi.fn(
    () =>
      new Promise<unknown>((resolve, reject) => {
        calls.push({ resolve, reject });
      }),
  );
  return { fetch, calls };
}

describe('poller', () => {
  it('polls at once and then every interval after each answer', async () => {
    const results: unknown[] = [];
    const poller = createPoller({ fetch: () => Promise.resolve('s'), onResult: (v) => results.push(v), intervalMs: 2_000 });
    poller.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(results).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(2_000 * 5);
    expect(results).toHaveLength(6);
    poller.stop();
  });

  it('never has two calls in flight: a slow answer delays the next poll', async () => {
    const { fetch, calls } = controlled();
    const poller = createPoller({ fetch, onResult: () => {}, intervalMs: 2_000, timeoutMs: 5_000 });
    poller.start();
    await vi.advanceTimersByTimeAsync(4_000);
    expect(fetch).toHaveBeenCalledTimes(1);
    calls[0]?.resolve({});
    await vi.advanceTimersByTimeAsync(1_999);
    expect(fetch).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(fetch).toHaveBeenCalledTimes(2);
    poller.stop();
  });

  it('abandons a call that hangs past the timeout, counts it as a miss and ignores its late answer', async () => {
    const { fetch, calls } = controlled();
    const results: unknown[] = [];
    const failures: PollHealth[] = [];
    const poller = createPoller({ fetch, onResult: (v) => results.push(v), onFailure: (h) => failures.push(h), intervalMs: 2_000, timeoutMs: 5_000 });
    poller.start();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({ consecutiveFailures: 1, consecutiveTimeouts: 1, pending: 1 });
    expect(failures[0]?.lastError).toMatch(/did not answer within 5000 ms/);
    calls[0]?.resolve('late');
    await vi.advanceTimersByTimeAsync(0);
    expect(results).toEqual([]);
    expect(poller.health().pending).toBe(0);
    poller.stop();
  });

  it('backs off while calls keep hanging: 10 minutes leave a handful of pending calls, not hundreds', async () => {
    const { fetch } = controlled();
    const poller = createPoller({ fetch, onResult: () => {}, intervalMs: 2_000, timeoutMs: 5_000 });
    poller.start();
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    // Without back-off this would be 600 s / (5 s + 2 s) ≈ 85 calls.
    expect(fetch.mock.calls.length).toBeLessThanOrEqual(12);
    expect(fetch.mock.calls.length).toBeGreaterThanOrEqual(5);
    expect(poller.health().pending).toBe(fetch.mock.calls.length);
    poller.stop();
  });

  it('surfaces rejections as data and keeps its cadence', async () => {
    const failures: PollHealth[] = [];
    const fetch = vi.fn(() => Promise.reject(new Error('not joined')));
    const poller = createPoller({ fetch, onResult: () => {}, onFailure: (h) => failures.push(h), intervalMs: 2_000 });
    poller.start();
    await vi.advanceTimersByTimeAsync(2_000 * 3);
    expect(fetch).toHaveBeenCalledTimes(4);
    expect(failures.at(-1)).toMatchObject({ consecutiveFailures: 4, consecutiveTimeouts: 0, lastError: 'not joined' });
    poller.stop();
  });

  it('recovers on the next good poll after intermittent rejections', async () => {
    let n = 0;
    const results: unknown[] = [];
    const fetch = () => (++n % 2 === 0 ? Promise.reject(new Error('flaky')) : Promise.resolve(n));
    const poller = createPoller({ fetch, onResult: (v) => results.push(v), intervalMs: 2_000 });
    poller.start();
    await vi.advanceTimersByTimeAsync(2_000 * 4);
    expect(results).toEqual([1, 3, 5]);
    expect(poller.health()).toMatchObject({ consecutiveFailures: 0, totalFailures: 2 });
    poller.stop();
  });

  it('treats a synchronous throw and a non-promise as failed polls', async () => {
    const failures: PollHealth[] = [];
    let n = 0;
    const fetch = (): unknown => {
      n++;
      if (n === 1) throw new Error('boom');
      return { not: 'a promise' };
    };
    const poller = createPoller({ fetch, onResult: () => {}, onFailure: (h) => failures.push(h), intervalMs: 1_000 });
    poller.start();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(failures.map((f) => f.lastError)).toEqual(['boom', 'getNetworkStats() did not return a promise']);
    poller.stop();
  });

  it('stop() cancels the next poll and drops an in-flight answer; no timer is left behind', async () => {
    const { fetch, calls } = controlled();
    const results: unknown[] = [];
    const poller = createPoller({ fetch, onResult: (v) => results.push(v), intervalMs: 2_000 });
    poller.start();
    await vi.advanceTimersByTimeAsync(0);
    poller.stop();
    expect(vi.getTimerCount()).toBe(0);
    calls[0]?.resolve('late');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(results).toEqual([]);
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('a listener that throws does not stop polling', async () => {
    const poller = createPoller({ fetch: () => Promise.resolve(1), onResult: () => { throw new Error('host bug'); }, intervalMs: 1_000 });
    poller.start();
    await vi.advanceTimersByTimeAsync(3_000);
    expect(poller.health().totalFailures).toBe(4);
    expect(poller.running).toBe(true);
    poller.stop();
  });
});
