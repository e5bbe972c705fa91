import { describe, expect, it } from 'vitest';
import { FIELDS, METRICS, REASONS, fieldUnit, formatValue } from './catalogue';
import { DEFAULT_THRESHOLDS, resolveThresholds } from './thresholds';

describe('catalogue', () => {
  it('stores every field of Daily\'s stats.latest except the timestamp, each with its unit', () => {
    expect(FIELDS).toHaveLength(18);
    expect(fieldUnit('totalRecvPacketLoss')).toBe('fraction');
    expect(fieldUnit('audioSendJitter')).toBe('s');
    expect(fieldUnit('networkRoundTripTime')).toBe('s');
    expect(fieldUnit('availableOutgoingBitrate')).toBe('bps');
  });

  it('grades exactly the four metrics Daily grades, first and in Daily\'s order', () => {
    // Daily's networkStateReasons, in the order Daily lists them.
    const daily = ['sendPacketLoss', 'recvPacketLoss', 'roundTripTime', 'availableOutgoingBitrate'];
    expect([...REASONS]).toEqual(daily);
    expect(METRICS.slice(0, 4).map((m) => m.id)).toEqual(daily);
    expect(Object.keys(DEFAULT_THRESHOLDS).sort()).toEqual([...daily].sort());
  });

  it('defaults to the thresholds Daily publishes for its call-quality tests, and Azure\'s 360p upload floor', () => {
    // README, Default thresholds: loss ≥ 5 % / ≥ 10 %, RTT ≥ 300 / ≥ 600 ms, upload < 500 / < 150 kbps.
    expect(DEFAULT_THRESHOLDS).toEqual({
      sendPacketLoss: { warning: 0.05, bad: 0.1 },
      recvPacketLoss: { warning: 0.05, bad: 0.1 },
      roundTripTime: { warning: 0.3, bad: 0.6 },
      availableOutgoingBitrate: { warning: 500_000, bad: 150_000 },
    });
  });

  it.each([
    [0.12, 'fraction', '12 %'],
    [0.034, 'fraction', '3.4 %'],
    [0, 'fraction', '0 %'],
    [0.64, 's', '640 ms'],
    [0.026, 's', '26 ms'],
    [850_000, 'bps', '850 kbps'],
    [1_234_567, 'bps', '1.2 Mbps'],
    [null, 'bps', 'n/a'],
    [Number.NaN, 's', 'n/a'],
    [Number.POSITIVE_INFINITY, 'fraction', 'n/a'],
  ] as const)('formats %s %s as "%s"', (value, unit, text) => {
    expect(formatValue(value, unit)).toBe(text);
  });
});

describe('thresholds', () => {
  it('overrides single bounds and ignores non-numbers', () => {
    const t = resolveThresholds({ recvPacketLoss: { bad: 0.08 }, roundTripTime: { warning: Number.NaN } });
    expect(t.recvPacketLoss).toEqual({ warning: 0.05, bad: 0.08 });
    expect(t.roundTripTime).toEqual({ warning: 0.3, bad: 0.6 });
  });
});
