import type { NetworkState } from '../catalogue';
import type { SessionRecord } from './session-record';

// How long a call spent in each state, and its runs of one state: the summary's time-in-state and timeline.

/** A stretch of consecutive samples with one state. `to` is the next run's first sample (or the end). */
export interface StateRun<S> {
  state: S;
  from: number;
  to: number;
  samples: number;
}

/**
 * Each sample's state holds until the next sample, but for at most maxHoldMs: a longer gap (polls failing,
 * tab asleep) is time nobody measured, so its remainder is counted as unknown. The last sample holds until
 * the record's end (its close time, or itself while open).
 */
export function statesOverTime(record: SessionRecord, end: number | null, maxHoldMs: number) {
  const timeInStateMs: Record<NetworkState, number> = { good: 0, warning: 0, bad: 0, unknown: 0 };
  let transitions = 0;
  let outages = 0;
  let outageMs = 0;
  for (let i = 0; i < record.length; i++) {
    const t = record.time(i);
    const next = i + 1 < record.length ? record.time(i + 1) : (end ?? t);
    const gap = Math.max(0, next - t);
    const held = Math.min(gap, maxHoldMs);
    const state = record.networkState(i);
    timeInStateMs[state] += held;
    timeInStateMs.unknown += gap - held;
    if (i > 0 && record.networkState(i - 1) !== state) transitions++;
    if (record.outage(i) !== null) {
      outageMs += held;
      if (i === 0 || record.outage(i - 1) === null) outages++;
    }
  }
  return { timeInStateMs, transitions, outages, outageMs };
}

export function runs<S>(record: SessionRecord, stateOf: (i: number) => S, end: number | null): StateRun<S>[] {
  const out: StateRun<S>[] = [];
  for (let i = 0; i < record.length; i++) {
    const state = stateOf(i);
    const t = record.time(i);
    const last = out[out.length - 1];
    if (last && last.state === state) {
      last.samples++;
      continue;
    }
    if (last) last.to = t;
    out.push({ state, from: t, to: t, samples: 1 });
  }
  const last = out[out.length - 1];
  if (last && end !== null) last.to = Math.max(last.to, end);
  return out;
}
