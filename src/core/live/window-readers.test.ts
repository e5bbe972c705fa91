import { describe, expect, it } from 'vitest';
import type { SampleReader } from '../catalogue';
import { IncidentLog } from '../session/incidents';
import { SessionRecord } from '../session/session-record';
import { summarize } from '../session/summary';
import { NetworkWindow } from './window';
import { HEALTHY, stats } from '../fixtures/samples';

// Readers of stored samples have no shared position: a reader obtained later never moves an earlier one.

const T = 1_743_011_906_000;

/** A record of `n` samples 2 s apart whose recvBitsPerSecond is 1000 × its index (+ 1, so none is 0). */
function record(n: number): SessionRecord {
  const r = new SessionRecord();
  for (let i = 0; i < n; i++) {
    r.append(T + i * 2_000, (f) => (f === 'recvBitsPerSecond' ? (i + 1) * 1_000 : f === 'networkRoundTripTime' ? (i + 1) / 100 : null), { networkState: 'good' });
  }
  return r;
}

describe('SessionRecord readers', () => {
  it('two readers obtained one after the other each read their own sample', () => {
    const r = record(3);
    const first = r.readerAt(0);
    const second = r.readerAt(2);
    expect(first('recvBitsPerSecond')).toBe(1_000);
    expect(second('recvBitsPerSecond')).toBe(3_000);
    // Reading the second doesn't move the first, nor does another value() or sample() call.
    expect(r.value(1, 'recvBitsPerSecond')).toBe(2_000);
    expect(r.sample(1).recvBitsPerSecond).toBe(2_000);
    expect(first('recvBitsPerSecond')).toBe(1_000);
    expect(first('networkRoundTripTime')).toBeCloseTo(0.01, 6);
    expect(second('networkRoundTripTime')).toBeCloseTo(0.03, 6);
  });

  it('cursors are independent of each other and of readerAt; a cursor follows only its own at()', () => {
    const r = record(4);
    const a = r.cursor();
    const b = r.cursor();
    const getA = a.at(0);
    const getB = b.at(3);
    const other = r.readerAt(1);
    expect([getA('recvBitsPerSecond'), getB('recvBitsPerSecond'), other('recvBitsPerSecond')]).toEqual([1_000, 4_000, 2_000]);
    // Moving a cursor returns the same reader, now at the new sample; the other cursor stays put.
    expect(a.at(2)).toBe(getA);
    expect(getA('recvBitsPerSecond')).toBe(3_000);
    expect(getB('recvBitsPerSecond')).toBe(4_000);
    expect(() => a.at(4)).toThrow(RangeError);
  });

  it('summaries and incidents, which walk the record with a cursor, read every sample once', () => {
    const r = record(10);
    expect(summarize(r).recv.total.userRecvBitsPerSecAvg).toBe(5_500);
    const log = new IncidentLog({ beforeMs: 6_000, afterMs: 4_000 });
    const out = new SessionRecord();
    const samples: [number, 'good' | 'bad'][] = [[1, 'good'], [2, 'good'], [3, 'good'], [4, 'bad'], [5, 'bad'], [6, 'bad']];
    for (const [k, state] of samples) {
      out.append(T + k * 2_000, (f) => (f === 'recvBitsPerSecond' ? k : null), { networkState: state });
      log.observe(out);
    }
    expect(log.list()[0]?.record.samples().map((s) => s.recvBitsPerSecond)).toEqual([1, 2, 3, 4, 5, 6]);
  });
});

describe('NetworkWindow field reads', () => {
  it('readers at different indexes read their own samples, however they interleave with pushes', () => {
    const w = new NetworkWindow({ minSamples: 1 });
    for (let i = 0; i < 3; i++) w.push(stats(T + i * 2_000, { ...HEALTHY, recvBitsPerSecond: (i + 1) * 1_000 }), T + i * 2_000);
    const at = (i: number): SampleReader => (f) => w.fieldAt(f, i, 3);
    const oldest = at(0);
    const newest = at(2);
    expect(oldest('recvBitsPerSecond')).toBe(1_000);
    expect(newest('recvBitsPerSecond')).toBe(3_000);
    expect(oldest('recvBitsPerSecond')).toBe(1_000);
    // A push derives its metrics from the sample it takes, whatever sample a read pointed at last.
    expect(w.fieldAt('recvBitsPerSecond', 0)).toBe(1_000);
    w.push(stats(T + 6_000, { ...HEALTHY, recvBitsPerSecond: 9_000 }), T + 6_000);
    expect(w.metricAt('recvBitsPerSecond', 3, 4)).toBe(9_000);
    expect(w.fieldAt('recvBitsPerSecond', 3, 4)).toBe(9_000);
    expect(w.fieldAt('recvBitsPerSecond', 0, 4)).toBe(1_000);
  });
});
