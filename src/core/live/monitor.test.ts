import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Monitor, readReported, type Snapshot } from './monitor';
import { HEALTHY, stats } from '../fixtures/samples';

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(1_750_000_000_000);
});
afterEach(() => {
  vi.useRealTimers();
});

/** A source whose samples carry the (fake) wall clock, like Daily's. */
const liveSource = (latest = HEALTHY) => ({ getNetworkStats: () => Promise.resolve(stats(Date.now(), latest)) });

describe('Monitor', () => {
  it('reaches a verdict after minSamples polls and tells subscribers', async () => {
    const seen: Snapshot[] = [];
    const m = new Monitor({ source: liveSource() });
    m.subscribe((s) => seen.push(s));
    m.start();
    await vi.advanceTimersByTimeAsync(4_000);
    expect(seen.at(-1)?.assessment).toMatchObject({ networkState: 'good', sampleCount: 3 });
    m.stop();
  });

  it('says stats are unavailable after three failed polls, and the verdict goes stale instead of lingering', async () => {
    let fail = false;
    const m = new Monitor({ source: { getNetworkStats: () => (fail ? Promise.reject(new Error('gone')) : Promise.resolve(stats(Date.now(), { ...HEALTHY, totalRecvPacketLoss: 0.3 }))) } });
    m.start();
    await vi.advanceTimersByTimeAsync(6_000);
    expect(m.snapshot().assessment.networkState).toBe('bad');
    fail = true;
    await vi.advanceTimersByTimeAsync(6_000);
    expect(m.snapshot()).toMatchObject({ statsUnavailable: true, health: { lastError: 'gone' } });
    await vi.advanceTimersByTimeAsync(6_000);
    expect(m.snapshot().assessment).toMatchObject({ networkState: 'unknown', unknownReason: 'stale' });
    fail = false;
    await vi.advanceTimersByTimeAsync(2_000);
    expect(m.snapshot().statsUnavailable).toBe(false);
    m.stop();
  });

  it('calls onSample only for samples the window took', async () => {
    const taken: unknown[] = [];
    const frozen = stats(Date.now());
    const m = new Monitor({ source: { getNetworkStats: () => Promise.resolve(frozen) }, onSample: (raw) => taken.push(raw) });
    m.start();
    await vi.advanceTimersByTimeAsync(8_000);
    expect(taken).toEqual([frozen]);
    m.stop();
  });

  it('keeps polling when a subscriber throws', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const m = new Monitor({ source: liveSource() });
    m.subscribe(() => {
      throw new Error('host bug');
    });
    m.start();
    await vi.advanceTimersByTimeAsync(4_000);
    expect(m.window.count()).toBe(3);
    expect(error).toHaveBeenCalled();
    m.stop();
    error.mockRestore();
  });

  it('reset() forgets samples and context', async () => {
    const m = new Monitor({ source: liveSource() });
    m.start();
    await vi.advanceTimersByTimeAsync(4_000);
    m.update({ connection: 'interrupted' });
    m.reset();
    expect(m.snapshot()).toMatchObject({ connection: null, assessment: { sampleCount: 0 }, active: true });
    m.stop();
  });
});

describe('readReported', () => {
  it('takes Daily\'s verdict and drops reasons it does not know', () => {
    expect(readReported({ networkState: 'warning', networkStateReasons: ['roundTripTime', 'bogus'] })).toEqual({
      networkState: 'warning',
      networkStateReasons: ['roundTripTime'],
    });
  });
  it('reads Daily\'s events-page spelling `low` as its middle grade, warning, rather than dropping it', () => {
    expect(readReported({ networkState: 'low', networkStateReasons: ['recvPacketLoss'] })).toEqual({
      networkState: 'warning',
      networkStateReasons: ['recvPacketLoss'],
    });
  });
  it('treats missing reasons (before Daily\'s first quality message) as none', () => {
    expect(readReported({ networkState: 'good' })).toEqual({ networkState: 'good', networkStateReasons: [] });
  });
  it.each([null, 'bad', { networkState: 'excellent' }, JSON.parse('{"__proto__":{"networkState":"bad"}}')])('ignores %j', (raw) => {
    expect(readReported(raw)).toBeNull();
  });
});

describe('Monitor: staleness while polls hang', () => {
  it('tells subscribers the verdict is stale even when no poll answers to trigger it', async () => {
    let hang = false;
    const seen: Snapshot[] = [];
    const m = new Monitor({
      source: { getNetworkStats: () => (hang ? new Promise(() => {}) : Promise.resolve(stats(Date.now(), HEALTHY))) },
    });
    m.subscribe((s) => seen.push(s));
    m.start();
    await vi.advanceTimersByTimeAsync(4_000);
    expect(seen.at(-1)?.assessment.networkState).toBe('good');
    hang = true;
    await vi.advanceTimersByTimeAsync(11_000);
    expect(seen.at(-1)?.assessment).toMatchObject({ networkState: 'unknown', unknownReason: 'stale' });
    expect(seen.at(-1)?.statsUnavailable).toBe(true);
    m.stop();
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('Monitor: a source that answers with nothing usable', () => {
  it('stops saying "measuring" once staleAfterMs passes without one usable sample', async () => {
    const seen: Snapshot[] = [];
    const m = new Monitor({ source: { getNetworkStats: () => Promise.resolve({ stats: {} }) } });
    m.subscribe((s) => seen.push(s));
    m.start();
    await vi.advanceTimersByTimeAsync(8_000);
    expect(m.snapshot().assessment.unknownReason).toBe('measuring');
    await vi.advanceTimersByTimeAsync(3_000);
    expect(seen.at(-1)?.assessment).toMatchObject({ networkState: 'unknown', unknownReason: 'no-samples', sampleCount: 0 });
    m.stop();
    expect(m.snapshot().assessment.unknownReason).toBe('measuring');
  });
});
