import { describe, expect, it } from 'vitest';
import { NetworkWindow } from '../core/live/window';
import { seriesOf, yTop, type Series } from './series';

/** A series' values as the catalogue states them: oldest first, null where not reported. */
const valuesOf = (s: Series): (number | null)[] => Array.from(s.ys.subarray(0, s.length), (y) => (Number.isNaN(y) ? null : y));

const sample = (timestamp: number, latest: Record<string, number | null>) => ({ stats: { latest: { timestamp, ...latest } } });

describe('seriesOf', () => {
  it('gives seconds before the newest sample and the values oldest first', () => {
    const w = new NetworkWindow();
    w.push(sample(1_700_000_000_000, { networkRoundTripTime: 0.05 }), 1_700_000_010_000);
    w.push(sample(1_700_000_002_000, { networkRoundTripTime: 0.07 }), 1_700_000_010_000);
    w.push(sample(1_700_000_004_000, { networkRoundTripTime: 0.09 }), 1_700_000_010_000);
    const s = seriesOf(w, 'roundTripTime');
    expect(Array.from(s.xs.subarray(0, s.length))).toEqual([-4, -2, 0]);
    expect(valuesOf(s)).toEqual([0.05, 0.07, 0.09]);
    expect(s.current).toBe(0.09);
  });

  it('a metric Firefox does not report is all null with no current value, never 0', () => {
    const w = new NetworkWindow();
    w.push(sample(1_700_000_000_000, { networkRoundTripTime: null, sendBitsPerSecond: 1e6 }), 1_700_000_010_000);
    w.push(sample(1_700_000_002_000, { sendBitsPerSecond: 1e6 }), 1_700_000_010_000);
    const s = seriesOf(w, 'roundTripTime');
    expect(valuesOf(s)).toEqual([null, null]);
    expect(s.current).toBeNull();
  });

  it('current is the newest reported value when the latest sample lacks it', () => {
    const w = new NetworkWindow();
    w.push(sample(1_700_000_000_000, { sendBitsPerSecond: 9e5 }), 1_700_000_010_000);
    w.push(sample(1_700_000_002_000, { sendBitsPerSecond: null }), 1_700_000_010_000);
    expect(seriesOf(w, 'sendBitsPerSecond').current).toBe(9e5);
  });

  it('an empty window is an empty series', () => {
    const s = seriesOf(new NetworkWindow(), 'sendPacketLoss');
    expect(s.length).toBe(0);
    expect(s.current).toBeNull();
  });
});

describe('yTop', () => {
  const series = (ys: (number | null)[]): Series => ({
    xs: Float64Array.from(ys, (_, i) => i - ys.length + 1),
    ys: Float64Array.from(ys, (y) => y ?? Number.NaN),
    length: ys.length,
    current: null,
  });

  it('leaves room for the bad band above a near-zero loss line', () => {
    expect(yTop(series([0, 0.01, 0.02]), 'fraction', { warning: 0.05, bad: 0.1 }, 'up')).toBeCloseTo(0.2, 12);
  });

  it('keeps the scale still while values wander under the same rounded top', () => {
    const down = { warning: 500_000, bad: 150_000 };
    const a = yTop(series([1.2e6, 1.3e6, 1.5e6]), 'bps', down, 'down');
    const b = yTop(series([1.25e6, 1.45e6, 1.6e6]), 'bps', down, 'down');
    expect(a).toBe(2e6);
    expect(b).toBe(a);
    expect(yTop(series([1.9e6]), 'bps', down, 'down')).toBe(5e6); // past the headroom: the next step up
  });

  it('a series with no values still gets a positive span, never a zero-height scale', () => {
    expect(yTop(series([null, null]), 'fraction', null, 'up')).toBeCloseTo(0.02, 12);
    expect(yTop(series([]), 's', null, 'up')).toBeCloseTo(0.05, 12);
  });
});

describe('seriesOf buffers', () => {
  it('refills the same buffers poll after poll instead of allocating new ones', () => {
    const w = new NetworkWindow({ windowMs: 6_000 });
    const into = seriesOf(w, 'roundTripTime');
    for (let t = 0; t < 10; t++) w.push(sample(1_700_000_000_000 + t * 2_000, { networkRoundTripTime: 0.01 * t }), 1_700_000_000_000 + t * 2_000);
    const first = seriesOf(w, 'roundTripTime', into);
    const buffer = first.ys;
    const again = seriesOf(w, 'roundTripTime', into);
    expect(again.ys).toBe(buffer);
    expect(valuesOf(again)).toEqual(valuesOf(first));
    expect(again.length).toBe(w.count());
  });
});
