import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAnnouncer } from './announcer';

describe('createAnnouncer', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('announces a state only after it has held for the delay', () => {
    const said: string[] = [];
    const a = createAnnouncer(3000, (t) => said.push(t));
    a.propose('bad', 'Network: Poor');
    vi.advanceTimersByTime(2999);
    expect(said).toEqual([]);
    a.propose('bad', 'Network: Poor (updated)');
    vi.advanceTimersByTime(1);
    expect(said).toEqual(['Network: Poor (updated)']);
  });

  it('a blip shorter than the delay is never announced', () => {
    const said: string[] = [];
    const a = createAnnouncer(3000, (t) => said.push(t));
    a.propose('good', 'Good');
    vi.advanceTimersByTime(3000);
    a.propose('bad', 'Poor');
    vi.advanceTimersByTime(1500);
    a.propose('good', 'Good');
    vi.advanceTimersByTime(10_000);
    expect(said).toEqual(['Good']);
  });

  it('a change restarts the wait', () => {
    const said: string[] = [];
    const a = createAnnouncer(3000, (t) => said.push(t));
    a.propose('warning', 'Fair');
    vi.advanceTimersByTime(2000);
    a.propose('bad', 'Poor');
    vi.advanceTimersByTime(2000);
    expect(said).toEqual([]);
    vi.advanceTimersByTime(1000);
    expect(said).toEqual(['Poor']);
  });

  it('a transient state (null) drops the pending change', () => {
    const said: string[] = [];
    const a = createAnnouncer(1000, (t) => said.push(t));
    a.propose('bad', 'Poor');
    a.propose(null, '');
    vi.advanceTimersByTime(5000);
    expect(said).toEqual([]);
  });

  it('dispose leaves no timer behind', () => {
    const a = createAnnouncer(1000, () => {});
    a.propose('bad', 'Poor');
    expect(vi.getTimerCount()).toBe(1);
    a.dispose();
    expect(vi.getTimerCount()).toBe(0);
  });
});
