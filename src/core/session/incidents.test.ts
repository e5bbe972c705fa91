import { describe, expect, it } from 'vitest';
import { IncidentLog } from './incidents';
import { SessionRecord } from './session-record';
import type { NetworkState } from '../live/window';

const T = 1_743_011_906_000;

/** Feeds 2 s samples with the given local states into a record and an incident log, as the recorder does. */
function feed(states: NetworkState[], log = new IncidentLog(), record = new SessionRecord(), step = 2000) {
  const start = record.length;
  states.forEach((state, k) => {
    const i = start + k;
    record.append(T + i * step, (f) => (f === 'recvBitsPerSecond' ? i : null), {
      networkState: state,
      networkStateReasons: state === 'bad' ? ['recvPacketLoss'] : [],
    });
    log.observe(record);
  });
  return { log, record };
}
const times = (n: number, s: NetworkState): NetworkState[] => Array.from({ length: n }, () => s);

describe('IncidentLog', () => {
  it('cuts 30 s before and after the turn to bad, both ends included, and nothing beyond', () => {
    // Samples every 2 s from T; the turn is sample 30 (T + 60 s); the call goes on to T + 100 s.
    const { log } = feed([...times(30, 'good'), ...times(21, 'bad')]);
    const [incident] = log.list();
    expect(log.list()).toHaveLength(1);
    expect(incident?.at).toBe(T + 60_000);
    expect(incident?.reasons).toEqual(['recvPacketLoss']);
    expect(incident?.complete).toBe(true);
    const samples = incident?.record.samples() ?? [];
    expect(samples).toHaveLength(31);
    expect(samples[0]?.timestamp).toBe(T + 30_000); // exactly at − 30 s: in
    expect(samples[30]?.timestamp).toBe(T + 90_000); // exactly at + 30 s: in
    expect(samples.map((s) => s.recvBitsPerSecond)).toEqual(Array.from({ length: 31 }, (_, k) => 15 + k));
    expect(samples[15]).toMatchObject({ timestamp: T + 60_000, networkState: 'bad' });
    expect(samples[14]?.networkState).toBe('good');
  });

  it('is incomplete until a sample 30 s after the turn has been recorded', () => {
    const { log, record } = feed([...times(30, 'good'), ...times(15, 'bad')]); // up to T + 88 s
    expect(log.list()[0]?.complete).toBe(false);
    expect(log.list()[0]?.record.length).toBe(30);
    feed(['bad'], log, record); // T + 90 s
    expect(log.list()[0]?.complete).toBe(true);
    feed(['bad'], log, record); // T + 92 s: after the incident, not in it
    expect(log.list()[0]?.record.length).toBe(31);
  });

  it('a sample landing past the after-period completes the incident without joining it', () => {
    const { log, record } = feed([...times(2, 'good'), 'bad']);
    record.append(T + 4000 + 31_000, () => null, { networkState: 'bad' });
    log.observe(record);
    expect(log.list()[0]?.complete).toBe(true);
    expect(log.list()[0]?.record.length).toBe(3);
  });

  it('closing the session completes an open incident with what it has', () => {
    const { log } = feed([...times(5, 'good'), ...times(3, 'bad')]);
    log.close();
    const [incident] = log.list();
    expect(incident?.complete).toBe(true);
    expect(incident?.record.length).toBe(8);
  });

  it('staying bad is one incident; bad again after a better sample is another (overlap allowed)', () => {
    const { log } = feed([...times(3, 'good'), ...times(5, 'bad'), 'warning', ...times(3, 'bad'), 'unknown', 'bad']);
    expect(log.list().map((i) => i.at)).toEqual([T + 6000, T + 18_000, T + 26_000]);
    expect(log.list().map((i) => i.id)).toEqual([1, 2, 3]);
  });

  it('a call that starts bad opens an incident at its first sample', () => {
    const { log } = feed(['bad', 'bad']);
    expect(log.list()[0]?.at).toBe(T);
    expect(log.list()[0]?.record.samples()[0]?.timestamp).toBe(T);
  });

  it('keeps at most maxIncidents, dropping the oldest and counting it', () => {
    const log = new IncidentLog({ maxIncidents: 2 });
    feed(['good', 'bad', 'good', 'bad', 'good', 'bad'], log);
    expect(log.list().map((i) => i.id)).toEqual([2, 3]);
    expect(log.dropped).toBe(1);
    expect(log.bytes()).toBeGreaterThan(0);
  });

  it('observing the same sample twice changes nothing', () => {
    const { log, record } = feed(['good', 'bad']);
    log.observe(record);
    expect(log.list()).toHaveLength(1);
    expect(log.list()[0]?.record.length).toBe(2);
  });
});
