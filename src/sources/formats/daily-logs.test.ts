import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { DailyLogsError, parseDailyLogs } from './daily-logs';
import fixture from '../../core/fixtures/daily-logs.json';

const start = Date.parse('2026-03-26T17:38:00.000Z');

describe('parseDailyLogs', () => {
  it('reads the saved /logs fixture into an oldest-first timeline in catalogue names and units', () => {
    const t = parseDailyLogs(fixture);
    expect(t.intervals).toHaveLength(10);
    expect(t.skipped).toBe(0);
    expect(t.warnings).toEqual([]);
    expect(t.intervals.map((i) => i.timestamp)).toEqual(Array.from({ length: 10 }, (_, k) => start + k * 15_000 + (k === 6 ? 1429 : 0)));
    expect(t.intervals[0]).toEqual({
      timestamp: start,
      userSessionId: '4fde3659-71f6-4c28-9a90-e4c3f08ca611',
      isSFU: true,
      values: { sendBitsPerSecond: 568_851, recvBitsPerSecond: 542_362, videoRecvPacketLoss: 0 },
      min: { sendBitsPerSecond: 550_888, recvBitsPerSecond: 482_872 },
      max: { sendBitsPerSecond: 588_299, recvBitsPerSecond: 558_700 },
    });
    expect(t.intervals[5]?.values.videoRecvPacketLoss).toBe(0.142);
    expect(t.intervals[9]?.values.videoRecvPacketLoss).toBeNull();
    expect(t.userSessionIds).toEqual(['4fde3659-71f6-4c28-9a90-e4c3f08ca611']);
  });

  it('uses clientTime (the live samples\' clock) and falls back to time', () => {
    const t = parseDailyLogs(fixture);
    // Entry 6 of the fixture has no clientTime: its server time is 1.429 s later.
    expect(t.intervals[6]?.timestamp).toBe(start + 90_000 + 1429);
  });

  it('says which catalogue metrics the source lacks', () => {
    const t = parseDailyLogs(fixture);
    expect(t.fields).toEqual(['sendBitsPerSecond', 'recvBitsPerSecond', 'videoRecvPacketLoss']);
    expect(t.lacks).toContain('networkRoundTripTime');
    expect(t.lacks).toContain('availableOutgoingBitrate');
    expect(t.lacks).toContain('audioRecvJitter');
    expect(t.lacks).toContain('totalSendPacketLoss');
    expect(t.lacks).not.toContain('recvBitsPerSecond');
    expect(t.lacks).toHaveLength(15);
  });

  it('accepts the JSON text and the bare metrics array, and Daily\'s videoRecvPacketLoss spelling', () => {
    const text = readFileSync(new URL('../../core/fixtures/daily-logs.json', import.meta.url), 'utf8');
    expect(parseDailyLogs(text).intervals).toHaveLength(10);
    const t = parseDailyLogs([{ time: '2026-03-26T17:38:00Z', videoRecvPacketLoss: 0.02 }]);
    expect(t.intervals[0]?.values.videoRecvPacketLoss).toBe(0.02);
    expect(t.fields).toEqual(['videoRecvPacketLoss']);
  });

  it('skips garbage entries and fields instead of throwing', () => {
    const t = parseDailyLogs({
      metrics: [
        null,
        42,
        'x',
        [],
        { time: 'not a date', userRecvBitsPerSecAvg: 1000 },
        { time: '2026-03-26T17:38:00Z' },
        { time: '2026-03-26T17:38:15Z', userRecvBitsPerSecAvg: '1000', userSentBitsPerSecAvg: -5, VideoRecPacketLoss: NaN, isSFU: 'yes' },
        { time: '2026-03-26T17:38:30Z', userRecvBitsPerSecAvg: 1e12, userSentBitsPerSecAvg: 9000, userSessionId: { x: 1 } },
        JSON.parse('{"__proto__": {"userRecvBitsPerSecAvg": 5}, "time": "2026-03-26T17:38:45Z"}'),
      ],
    });
    expect(t.intervals).toHaveLength(1);
    expect(t.intervals[0]).toMatchObject({ userSessionId: null, isSFU: null, values: { sendBitsPerSecond: 9000, recvBitsPerSecond: null } });
    expect(t.skipped).toBe(8);
  });

  it('throws DailyLogsError only when there is no metrics list at all', () => {
    expect(() => parseDailyLogs('{not json')).toThrow(DailyLogsError);
    expect(() => parseDailyLogs(42)).toThrow(DailyLogsError);
    expect(() => parseDailyLogs(null)).toThrow(DailyLogsError);
    expect(() => parseDailyLogs({ logs: [] })).toThrow(/includeMetrics=1/);
    expect(parseDailyLogs({ metrics: [] }).intervals).toEqual([]);
  });

  it('reads loss as a 0–1 fraction by default, warning about values above 1; lossUnit percent divides by 100', () => {
    const metrics = [{ time: '2026-03-26T17:38:00Z', VideoRecPacketLoss: 8.7, userRecvBitsPerSecAvg: 1 }];
    const asFraction = parseDailyLogs({ metrics });
    expect(asFraction.intervals[0]?.values.videoRecvPacketLoss).toBeNull();
    expect(asFraction.warnings[0]).toMatch(/lossUnit: 'percent'/);
    const asPercent = parseDailyLogs({ metrics }, { lossUnit: 'percent' });
    expect(asPercent.intervals[0]?.values.videoRecvPacketLoss).toBeCloseTo(0.087, 12);
    expect(asPercent.lossUnit).toBe('percent');
  });

  it('keeps one participant when asked, and warns when several are mixed', () => {
    const metrics = [
      { time: '2026-03-26T17:38:00Z', userSessionId: 'a', userRecvBitsPerSecAvg: 1 },
      { time: '2026-03-26T17:38:00Z', userSessionId: 'b', userRecvBitsPerSecAvg: 2 },
    ];
    expect(parseDailyLogs({ metrics }).warnings).toContain('entries from 2 participants are mixed; pass userSessionId to keep one');
    const one = parseDailyLogs({ metrics }, { userSessionId: 'b' });
    expect(one.intervals.map((i) => i.values.recvBitsPerSecond)).toEqual([2]);
    expect(one.warnings).toEqual([]);
  });

  it('reads at most maxEntries and says so', () => {
    const metrics = Array.from({ length: 5 }, (_, k) => ({ time: start + k * 1000, userRecvBitsPerSecAvg: k }));
    const t = parseDailyLogs({ metrics }, { maxEntries: 3 });
    expect(t.intervals).toHaveLength(3);
    expect(t.warnings).toContain('only the first 3 of 5 metrics entries were read');
  });
});
