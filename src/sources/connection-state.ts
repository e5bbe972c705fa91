import type { ConnectionState } from '../core/live/monitor';

/** What a peer connection says of itself: RTCPeerConnectionState and RTCIceConnectionState, as strings. */
export interface PeerStates {
  connectionState?: string | undefined;
  iceConnectionState?: string | undefined;
}

/**
 * The widget's connection state from the states of one page's peer connections, live or recorded. A
 * connection that dropped (`disconnected`, or checking again after it was connected) is reconnecting; one
 * that `failed` is lost. With several (a mesh), the call is lost only when every open connection failed —
 * one failed peer is one person gone, which reads as reconnecting — and reconnecting when any one is. (The
 * Monitor lifts that once the others' media is seen arriving: see grading.md, outages.)
 * A peer that failed before it ever connected doesn't count while another connection carries the call.
 */
export class ConnectionStates<K> {
  private readonly peers = new Map<K, { state: ConnectionState | null; wasConnected: boolean }>();

  /** Takes a connection's latest states; returns the page's connection state after it. */
  update(key: K, states: PeerStates): ConnectionState | null {
    const peer = this.peers.get(key) ?? { state: null, wasConnected: false };
    const next = stateOf(states, peer.wasConnected);
    if (next !== null || states.connectionState !== undefined || states.iceConnectionState !== undefined) peer.state = next;
    if (next === 'connected') peer.wasConnected = true;
    this.peers.set(key, peer);
    return this.current();
  }

  /** A connection closed by the page leaves the call's state (a mesh peer leaving is not an outage). */
  close(key: K): ConnectionState | null {
    this.peers.delete(key);
    return this.current();
  }

  current(): ConnectionState | null {
    // A connection that never connected (a mesh peer that failed to set up) is no outage of the call that
    // runs on the others; only when none ever connected does its failure stand for the call's.
    const all = [...this.peers.values()];
    const live = all.filter((p) => p.wasConnected);
    const states = (live.length > 0 ? live : all).map((p) => p.state).filter((s): s is ConnectionState => s !== null);
    if (states.length === 0) return null;
    if (states.every((s) => s === 'failed')) return 'failed';
    if (states.some((s) => s !== 'connected')) return 'interrupted';
    return 'connected';
  }
}

function stateOf(s: PeerStates, wasConnected: boolean): ConnectionState | null {
  const pc = s.connectionState;
  const ice = s.iceConnectionState;
  if (pc === 'failed' || ice === 'failed') return 'failed';
  if (pc === 'disconnected' || ice === 'disconnected') return 'interrupted';
  if (pc === 'connected' || ice === 'connected' || ice === 'completed') return 'connected';
  // Checking again after having been connected is an ICE restart: still reconnecting.
  if (wasConnected && (pc === 'connecting' || ice === 'checking')) return 'interrupted';
  return null;
}
