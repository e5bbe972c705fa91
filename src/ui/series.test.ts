import { describe, expect, it } from 'vitest';
import { NetworkWindow } from '../core/window';
import { seriesOf } from './series';

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
