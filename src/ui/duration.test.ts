import { describe, expect, it } from 'vitest';
import type { Snapshot } from '../core/live/monitor';
import type { SessionSummary } from '../core/session/summary';
import { snap } from '../core/fixtures/snapshot';
import { formatDuration } from './duration';
import { DEFAULT_LABELS as L } from './labels';
import { timeInStates } from './session-text';
import { explain, windowInfoText } from './status';

describe('formatDuration', () => {
  it.each([
    [0, '0 s'],
    [44_600, '45 s'],
    [59_499, '59 s'],
    [59_500, '1 min'],
    [60_000, '1 min'],
    [90_000, '1 min 30 s'],
    [185_000, '3 min 5 s'],
    [605_000, '10 min 5 s'],
    [3_599_000, '59 min 59 s'],
    [3_600_000, '1 h'],
    [3_629_000, '1 h'],
    [3_630_000, '1 h 1 min'],
    [7_500_000, '2 h 5 min'],
    [7_620_000, '2 h 7 min'],
    [43_200_000, '12 h'],
  ])('%d ms reads "%s"', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it('never prints a negative or non-finite time', () => {
    expect([formatDuration(-5_000), formatDuration(Number.NaN), formatDuration(Infinity)]).toEqual(['0 s', '0 s', '0 s']);
  });
});

/** A stale verdict whose newest sample is `ageMs` old at `now`. */
function staleAt(now: number, ageMs: number): Snapshot {
  const none = { sendPacketLoss: null, recvPacketLoss: null, roundTripTime: null, availableOutgoingBitrate: null };
  return snap({ networkState: 'unknown', metrics: none, levels: none, sampleCount: 3, newestTimestamp: now - ageMs, unknownReason: 'stale' });
}

describe('one duration format across the panel', () => {
  it('the window line, the stale reason and the session times write 90 s alike', () => {
    expect(windowInfoText(45, 90_000, L)).toBe('45 samples over the last 1 min 30 s');
    expect(windowInfoText(15, 30_000, L)).toBe('15 samples over the last 30 s');
    const now = 1_743_011_906_000;
    expect(explain(staleAt(now, 90_400), L, now)[0]?.text).toBe('No new measurements for 1 min 30 s.');
    expect(explain(staleAt(now, 12_400), L, now)[0]?.text).toBe('No new measurements for 12 s.');
    const summary = { timeInStateMs: { good: 90_000, warning: 0, bad: 3_725_000, unknown: 400 } } as SessionSummary;
    expect(timeInStates(summary, L)).toEqual([
      ['good', 'Good 1 min 30 s'],
      ['bad', 'Poor 1 h 2 min'],
    ]);
  });
});
