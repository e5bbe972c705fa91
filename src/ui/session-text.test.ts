import { describe, expect, it } from 'vitest';
import { parseDailyLogs } from '../sources/formats/daily-logs';
import logsFixture from '../core/fixtures/daily-logs.json';
import { HEALTHY } from '../core/fixtures/samples';
import { SessionRecord } from '../core/session/session-record';
import { summarize } from '../core/session/summary';
import { DEFAULT_LABELS, resolveLabels } from './labels';
import { formatDuration } from './duration';
import { labelsForLacks, metricsWithout } from './lacks';
import { clockTime, fileStamp, formatOffset, summaryFigures, timeInStates, worstText } from './session-text';

const T0 = Date.UTC(2026, 2, 26, 17, 40, 15);

function summary() {
  const r = new SessionRecord({ startedAt: T0 });
  for (let i = 0; i < 30; i++) {
    const lossy = i >= 10 && i < 20;
    r.append(T0 + i * 2_000, (f) => (f === 'totalRecvPacketLoss' ? (lossy ? 0.2 : 0) : f === 'networkRoundTripTime' ? null : HEALTHY[f]), {
      networkState: lossy ? 'bad' : i < 2 ? 'unknown' : 'good',
    });
  }
  r.close(T0 + 60_000);
  return summarize(r);
}

describe('session text', () => {
  it('durations, offsets, clock and file stamps', () => {
    expect([formatDuration(44_600), formatDuration(185_000), formatDuration(7_620_000)]).toEqual(['45 s', '3 min 5 s', '2 h 7 min']);
    expect([formatOffset(65_900), formatOffset(3_725_000)]).toEqual(['1:05', '1:02:05']);
    expect(clockTime(new Date(2026, 0, 2, 3, 4, 5).getTime())).toBe('03:04:05');
    expect(fileStamp(T0 + 123)).toBe('2026-03-26T17-40-15Z');
  });

  it('the summary as the panel reads it: time in state, worst window, avg/max with units, n/a for never reported', () => {
    const s = summary();
    expect(timeInStates(s, DEFAULT_LABELS)).toEqual([
      ['good', 'Good 36 s'],
      ['bad', 'Poor 20 s'],
      ['unknown', 'Unknown 4 s'],
    ]);
    // The first full 30 s window holding all ten lossy samples ends at the last of them (38 s): mean 10/15 × 20 %.
    expect(worstText(s, DEFAULT_LABELS)).toBe('0:10–0:38: Download packet loss 13 %');
    const rows = Object.fromEntries(summaryFigures(s, DEFAULT_LABELS).map((r) => [r.id, [r.avg, r.max]]));
    expect(rows['recvPacketLoss']).toEqual(['6.7 %', '20 %']);
    expect(rows['sendBitsPerSecond']).toEqual(['1.2 Mbps', '1.2 Mbps']);
    expect(rows['roundTripTime']).toEqual(['n/a', 'n/a']);
    expect(rows['videoRecvJitter']).toEqual(['10 ms', '10 ms']);
  });

  it('a /logs source: the metrics it can’t have say “Not in Daily’s /logs”; a host’s wording wins', () => {
    const { lacks } = parseDailyLogs(logsFixture);
    expect(metricsWithout(lacks)).toEqual(['sendPacketLoss', 'roundTripTime', 'availableOutgoingBitrate', 'videoRecvJitter', 'audioRecvJitter', 'videoSendJitter', 'audioSendJitter']);
    const labels = labelsForLacks(resolveLabels({ missingWhy: { roundTripTime: 'RTT fehlt' } }), lacks, { roundTripTime: 'RTT fehlt' });
    expect(labels.missingWhy.sendPacketLoss).toBe("Not in Daily's /logs");
    expect(labels.missingWhy.roundTripTime).toBe('RTT fehlt');
    expect(labels.missingWhy.recvPacketLoss).toBeUndefined();
    expect(labelsForLacks(DEFAULT_LABELS, [])).toBe(DEFAULT_LABELS);
  });
});
