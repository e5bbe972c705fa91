/** Connection-state events as the dumps spell them, turned into DumpStateChange fields. */
import type { DumpStateChange } from './dump';
import { unquote } from './untrusted';

type StateField = 'connectionState' | 'iceConnectionState';

/**
 * Which state an event reports: rtcstats writes `onconnectionstatechange`, webrtc-internals wrote
 * `iceConnectionStateChange`, then `iceconnectionstatechange`, now `oniceconnectionstatechange`.
 */
export function stateField(eventType: string): StateField | null {
  const name = eventType.toLowerCase().replace(/^on/, '');
  if (name === 'connectionstatechange') return 'connectionState';
  if (name === 'iceconnectionstatechange') return 'iceConnectionState';
  return null;
}

/** The state's name from `"connected"` (quoted: current Chrome), `connected`, or `ICEConnectionStateConnected` (old). */
export function stateName(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const name = unquote(value).trim().replace(/^ICEConnectionState/, '');
  return name === '' ? null : name.toLowerCase();
}

export function stateChange(eventType: string, value: unknown, at: number): DumpStateChange | null {
  const field = stateField(eventType);
  const name = stateName(value);
  if (field === null || name === null) return null;
  return field === 'connectionState' ? { at, connectionState: name } : { at, iceConnectionState: name };
}
