import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HEALTHY } from '../fixtures/samples';
import { Monitor } from '../live/monitor';
import type { SessionRecord } from './session-record';
import { recordMonitor } from './record-monitor';

const T0 = 1_750_000_000_000;

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(T0);
});
afterEach(() => {
  vi.useRealTimers();
});

/** A Daily-like source on the fake clock; `loss` sets receive loss, `reported` Daily's own verdict. */
function source() {
  const ctl = { loss: 0.004, reported: 'good' as string, stale: false, frozen: 0 };
  const getNetworkStats = () => {
    const timestamp = ctl.stale ? ctl.frozen : Date.now();
    ctl.frozen = timestamp;
    return Promise.resolve({ networkState: ctl.reported, networkStateReasons: [], stats: { latest: { ...HEALTHY, totalRecvPacketLoss: ctl.loss, timestamp } } });
  };
  return { ctl, source: { getNetworkStats } };
}

describe('recordMonitor', () => {
  it('records every sample the window takes, with the local verdict and Daily\'s reported one', async () => {
    const { ctl, source: src } = source();
    const monitor = new Monitor({ source: src, readReported: true });
    const rec = recordMonitor(monitor, { browser: 'Mozilla/5.0 Chrome/141' });
    monitor.start();
    await vi.advanceTimersByTimeAsync(8_000); // polls at 0, 2, 4, 6, 8 s
    ctl.stale = true; // Daily repeats its sample: the window refuses it, so must the record
    await vi.advanceTimersByTimeAsync(4_000);
    const r = rec.record;
    expect(r.length).toBe(5);
    expect(r.time(0)).toBe(T0);
    expect(r.time(4)).toBe(T0 + 8_000);
    expect(r.value(0, 'recvBitsPerSecond')).toBe(1_500_000);
    expect(r.networkState(0)).toBe('unknown'); // measuring: fewer than minSamples
    expect(r.networkState(2)).toBe('good');
    expect(r.reportedNetworkState(2)).toBe('good');
    expect(rec.summary().browser.userAgent).toBe('Mozilla/5.0 Chrome/141');
    rec.stop();
  });

  it('cuts an incident when the local state turns bad', async () => {
    const { ctl, source: src } = source();
    const monitor = new Monitor({ source: src, readReported: true });
    const rec = recordMonitor(monitor);
    monitor.start();
    await vi.advanceTimersByTimeAsync(40_000); // 21 healthy samples, 0–40 s
    ctl.loss = 0.5;
    await vi.advanceTimersByTimeAsync(40_000);
    // The 30 s mean of receive loss passes 10 % at the third lossy sample: (12 × 0.004 + 3 × 0.5) / 15 ≈ 0.103.
    const [incident] = rec.incidents.list();
    expect(rec.incidents.list()).toHaveLength(1);
    expect(incident).toMatchObject({ at: T0 + 46_000, reasons: ['recvPacketLoss'], complete: true });
    expect(rec.record.networkState(rec.record.length - 1)).toBe('bad');
    expect(incident?.record.time(0)).toBe(T0 + 16_000);
    expect(incident?.record.time((incident?.record.length ?? 0) - 1)).toBe(T0 + 76_000);
    expect(incident?.record.length).toBe(31);
    rec.stop();
  });

  it('the monitor stopping (left-meeting) closes the record; a new join starts a fresh one', async () => {
    const { source: src } = source();
    const monitor = new Monitor({ source: src });
    const closed: SessionRecord[] = [];
    const rec = recordMonitor(monitor, { onClose: ({ record }) => closed.push(record), roomUrl: 'https://acme.daily.co/r?t=secret' });
    monitor.start();
    await vi.advanceTimersByTimeAsync(4_000);
    monitor.stop();
    const first = rec.record;
    expect(first.closed).toBe(true);
    expect(first.endedAt).toBe(T0 + 4_000);
    expect(closed).toEqual([first]);
    expect(rec.exportSession()).toMatchObject({ startedAt: T0, endedAt: T0 + 4_000, roomUrl: 'https://acme.daily.co/r' });
    await vi.advanceTimersByTimeAsync(10_000);
    // What the Daily source does on joined-meeting: reset, then start.
    monitor.reset();
    monitor.start();
    await vi.advanceTimersByTimeAsync(2_000);
    expect(rec.record).not.toBe(first);
    expect(rec.record.startedAt).toBe(T0 + 14_000);
    expect(rec.record.length).toBe(2);
    expect(first.length).toBe(3);
    rec.stop();
    expect(rec.record.closed).toBe(true);
    expect(closed).toHaveLength(2);
  });

  it('stop() unsubscribes: later samples are not recorded', async () => {
    const { source: src } = source();
    const monitor = new Monitor({ source: src });
    const rec = recordMonitor(monitor);
    monitor.start();
    await vi.advanceTimersByTimeAsync(2_000);
    rec.stop();
    const n = rec.record.length;
    await vi.advanceTimersByTimeAsync(6_000);
    expect(rec.record.length).toBe(n);
    monitor.stop();
  });
});
