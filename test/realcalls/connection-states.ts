// A connection's recorded states (connectionState, iceConnectionState, close) as of a time, and the outage
// its own state says it is in. Part of the independent referee (referee.ts): nothing here is imported from
// src/.

import type { StateChange, StateKind } from './recording-reader';

export type StateOutage = 'disconnected' | 'failed';
export type OutageCause = StateOutage | 'no-packets';

export function lastState(states: readonly StateChange[], kind: StateKind, t: number): string | null {
  let state: string | null = null;
  for (const s of states) {
    if (s.t > t) break;
    if (s.kind === kind) state = s.state;
  }
  return state;
}

/** When the connection's states last changed at or before t; null before the first change. */
export function stateChangedAt(states: readonly StateChange[], t: number): number | null {
  let at: number | null = null;
  for (const s of states) {
    if (s.t > t) break;
    at = s.t;
  }
  return at;
}

/**
 * The connection's own state. "Had been connected" is connectionState 'connected' (ICE alone reaching
 * 'connected' while DTLS never completes is a call that never started, not one that went down); only a
 * browser that reports no connectionState at all is judged by iceConnectionState.
 */
export function stateOutageAt(states: readonly StateChange[], t: number): StateOutage | null {
  const hasConnectionState = states.some((s) => s.kind === 'connectionState');
  const wasConnected = states.some(
    (s) =>
      s.t <= t &&
      (hasConnectionState
        ? s.kind === 'connectionState' && s.state === 'connected'
        : s.kind === 'iceConnectionState' && (s.state === 'connected' || s.state === 'completed')),
  );
  let stateOutage: StateOutage | null = null;
  if (wasConnected) {
    const pc = lastState(states, 'connectionState', t);
    const ice = lastState(states, 'iceConnectionState', t);
    if (pc === 'failed' || ice === 'failed') stateOutage = 'failed';
    else if (pc === 'disconnected' || ice === 'disconnected') stateOutage = 'disconnected';
  }
  return stateOutage;
}
