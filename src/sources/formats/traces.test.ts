import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Monitor } from '../../core/live/monitor';
import { badgeKind, type BadgeKind } from '../../ui/status';
import { bindContext } from '../context';
import { createReplaySource } from '../replay';
import { parseTrace } from './trace';

// The committed demo traces (scripts/make-traces.mjs) played through the real monitor, at speed 1 on fake
// timers: each must show what the demo's picker promises.
function load(file: string) {
  return parseTrace(JSON.parse(readFileSync(resolve(import.meta.dirname, '../../../public/traces', file), 'utf8')));
}

async function play(file: string, seconds: number) {
  const source = createReplaySource(load(file), { loop: false });
  const monitor = new Monitor({ source, readReported: true });
  const unbind = bindContext(source, monitor);
  const kinds: BadgeKind[] = [];
  const reasons = new Set<string>();
  const reported = new Set<string>();
  const missing = new Set<string>();
  const unsubscribe = monitor.subscribe((s) => {
    const k = badgeKind(s);
    if (kinds[kinds.length - 1] !== k) kinds.push(k);
    s.assessment.networkStateReasons.forEach((r) => reasons.add(r));
    if (s.reported) reported.add(s.reported.networkState);
    for (const [key, v] of Object.entries(s.assessment.metrics)) if (v === null && s.assessment.sampleCount > 0) missing.add(key);
  });
  monitor.start();
  await vi.advanceTimersByTimeAsync(seconds * 1000);
  // As the widget does: stop listening first (a stopped monitor reads No data, which isn't the trace's).
  unsubscribe();
  unbind();
  monitor.stop();
  return { kinds, reasons, reported, missing };
}

describe('the demo traces', () => {
  beforeEach(() => vi.useFakeTimers({ now: 1_800_000_000_000 }));
  afterEach(() => vi.useRealTimers());

  it('good: measuring, then Good and nothing else', async () => {
    const r = await play('good.json', 90);
    expect(r.kinds).toEqual(['measuring', 'good']);
    expect(r.missing.size).toBe(0);
  });

  it('congested upload: goes Fair then Poor for upload reasons, and Daily’s verdict rides along', async () => {
    const r = await play('congested-upload.json', 90);
    expect(r.kinds.slice(0, 4)).toEqual(['measuring', 'good', 'warning', 'bad']);
    expect([...r.reasons]).toEqual(expect.arrayContaining(['sendPacketLoss', 'availableOutgoingBitrate', 'roundTripTime']));
    expect(r.reasons.has('recvPacketLoss')).toBe(false);
    expect(r.reported).toEqual(new Set(['good', 'warning', 'bad']));
  });

  it('lossy download: Poor for download loss only', async () => {
    const r = await play('lossy-download.json', 90);
    expect(r.kinds).toContain('bad');
    expect([...r.reasons]).toEqual(['recvPacketLoss']);
  });

  it('firefox: Good, with round trip and available upload unknown rather than 0', async () => {
    const r = await play('firefox.json', 90);
    expect(r.kinds).toEqual(['measuring', 'good']);
    expect(r.missing).toEqual(new Set(['roundTripTime', 'availableOutgoingBitrate']));
  });

  it('reconnect: Good, Reconnecting…, Good again', async () => {
    const r = await play('reconnect.json', 70);
    expect(r.kinds).toEqual(['measuring', 'good', 'reconnecting', 'good']);
  });
});
