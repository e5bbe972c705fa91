import { NETWORK_STATES, REASONS, type NetworkState, type ReasonKey } from '../catalogue';
import type { Outage } from '../live/monitor';

/** The verdicts that go with one sample: ours (local) and the source's own (Daily's), when it has one. */
export interface SampleState {
  networkState: NetworkState;
  networkStateReasons?: readonly ReasonKey[];
  reportedNetworkState?: NetworkState | null;
  /** Media wasn't getting through at this sample (the local state is then bad). */
  outage?: Outage | null;
}

// A sample's verdicts are packed in one Uint16 so the record pays 2 bytes a sample for them. Layout: bits 0–1
// local state, bits 2–4 reported state (0 = none, 1–4 = NETWORK_STATES + 1), bits 5–8 reasons, bits 9–10
// outage (0 = none, 1–3 = OUTAGES + 1). Four reason bits: a fifth graded metric needs the layout changed.
const REPORTED_SHIFT = 2;
const REASONS_SHIFT = 5;
const OUTAGE_SHIFT = 9;
const OUTAGES: readonly Outage[] = ['stalled', 'reconnecting', 'lost'];

export function packFlags(state: SampleState): number {
  const local = NETWORK_STATES.indexOf(state.networkState);
  const reported = state.reportedNetworkState ? NETWORK_STATES.indexOf(state.reportedNetworkState) + 1 : 0;
  let reasons = 0;
  for (const r of state.networkStateReasons ?? []) {
    const k = REASONS.indexOf(r);
    if (k >= 0) reasons |= 1 << k;
  }
  const outage = state.outage ? OUTAGES.indexOf(state.outage) + 1 : 0;
  return (local === -1 ? 3 : local) | (reported << REPORTED_SHIFT) | (reasons << REASONS_SHIFT) | (outage << OUTAGE_SHIFT);
}

export function localStateOf(flags: number): NetworkState {
  return NETWORK_STATES[flags & 3] ?? 'unknown';
}

export function reportedStateOf(flags: number): NetworkState | null {
  return NETWORK_STATES[((flags >> REPORTED_SHIFT) & 7) - 1] ?? null;
}

export function outageOf(flags: number): Outage | null {
  return OUTAGES[((flags >> OUTAGE_SHIFT) & 3) - 1] ?? null;
}

export function reasonsOf(flags: number): ReasonKey[] {
  const mask = flags >> REASONS_SHIFT;
  return REASONS.filter((_, k) => (mask & (1 << k)) !== 0);
}
