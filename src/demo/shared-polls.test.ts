import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { sharePolls } from './shared-polls';

describe('sharePolls', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('answers polls that overlap or follow within shareMs from one underlying poll', async () => {
    let n = 0;
    const shared = sharePolls({ getNetworkStats: () => Promise.resolve(++n) }, 1_000);
    const a = shared.getNetworkStats();
    const b = shared.getNetworkStats();
    expect(await a).toBe(1);
    expect(await b).toBe(1);
    vi.advanceTimersByTime(500);
    expect(await shared.getNetworkStats()).toBe(1);
    vi.advanceTimersByTime(600);
    expect(await shared.getNetworkStats()).toBe(2);
    expect(n).toBe(2);
  });

  it('shares a failure too, and a synchronous throw becomes a rejection', async () => {
    let n = 0;
    const shared = sharePolls({ getNetworkStats: () => { n++; throw new Error('gone'); } }, 1_000);
    await expect(shared.getNetworkStats()).rejects.toThrow('gone');
    await expect(shared.getNetworkStats()).rejects.toThrow('gone');
    expect(n).toBe(1);
  });

  it('stops sharing a poll that hangs past shareMs', async () => {
    let n = 0;
    const shared = sharePolls({ getNetworkStats: () => (++n === 1 ? new Promise(() => {}) : Promise.resolve(n)) }, 1_000);
    void shared.getNetworkStats();
    vi.advanceTimersByTime(1_500);
    expect(await shared.getNetworkStats()).toBe(2);
  });
});
