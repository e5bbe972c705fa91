import { describe, expect, it } from 'vitest';
import { NetworkWindow } from '../core/window';
import { seriesOf, yTop } from './series';

const sample = (timestamp: number, latest: Record<string, number | null>) => ({ stats: { latest: { timestamp, ...latest } } });

describe('seriesOf', () => {
  it('gives seconds before the newest sample and the values oldest first', () => {
    const w = new NetworkWindow();
    w.push(sample(1_700_000_000_000, { networkRoundTripTime: 0.05 }), 1_700_000_010_000);
    w.push(sample(1_700_000_002_000, { networkRoundTripTime: 0.07 }), 1_700_000_010_000);
    w.push(sample(1_700_000_004_000, { networkRoundTripTime: 0.09 }), 1_700_000_010_000);
    expect(seriesOf(w, 'roundTripTime')).toEqual({ xs: [-4, -2, 0], ys: [0.05, 0.07, 0.09], current: 0.09 });
  });

  it('a metric Firefox does not report is all null with no current value, never 0', () => {
    const w = new NetworkWindow();
    w.push(sample(1_700_000_000_000, { networkRoundTripTime: null, sendBitsPerSecond: 1e6 }), 1_700_000_010_000);
    w.push(sample(1_700_000_002_000, { sendBitsPerSecond: 1e6 }), 1_700_000_010_000);
    const s = seriesOf(w, 'roundTripTime');
    expect(s.ys).toEqual([null, null]);
    expect(s.current).toBeNull();
  });

  it('current is the newest reported value when the latest sample lacks it', () => {
    const w = new NetworkWindow();
    w.push(sample(1_700_000_000_000, { sendBitsPerSecond: 9e5 }), 1_700_000_010_000);
    w.push(sample(1_700_000_002_000, { sendBitsPerSecond: null }), 1_700_000_010_000);
    expect(seriesOf(w, 'sendBitsPerSecond').current).toBe(9e5);
  });

  it('an empty window is an empty series', () => {
    expect(seriesOf(new NetworkWindow(), 'sendPacketLoss')).toEqual({ xs: [], ys: [], current: null });
  });
});

describe('yTop', () => {
  const series = (ys: (number | null)[]) => ({ xs: ys.map((_, i) => i - ys.length + 1), ys, current: null });

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
