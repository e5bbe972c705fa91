import { ConnectionStates } from './connection-state';
import type { ContextSource } from './context';
import type { NetworkStatsCalculator, WebRTCNetworkStats } from './webrtc-calculator';

export type { WebRTCNetworkStats } from './webrtc-calculator';
export type { LatestStats } from './webrtc-aggregate';

export interface WebRTCStatsSource extends ContextSource {
  /** Daily-shaped network stats computed from the connections' getStats(); see webrtc-calculator.ts for the maths. */
  getNetworkStats(): Promise<WebRTCNetworkStats>;
}

/**
 * A stats source for any RTCPeerConnection(s): the same shape as daily-js's getNetworkStats(), so the
 * monitor and widget work unchanged. Each call makes exactly one getStats() per open connection.
 * With several connections (a P2P mesh) loss is the worst, bitrates are summed, RTT is averaged.
 * Their connection states reach the widget as its connection (Reconnecting…, Connection lost).
 */
export function createWebRTCStatsSource(pcs: RTCPeerConnection | readonly RTCPeerConnection[]): WebRTCStatsSource {
  const list: readonly RTCPeerConnection[] = Array.isArray(pcs) ? [...pcs] : [pcs as RTCPeerConnection];
  // The maths is a chunk of its own, loaded on the first poll: a page that watches a Daily call never
  // downloads it. A chunk that fails to load fails the poll, which the widget shows as stats unavailable.
  let calc: Promise<NetworkStatsCalculator<RTCPeerConnection>> | null = null;
  const calculator = () =>
    (calc ??= import('./webrtc-calculator').then(
      (m) => new m.NetworkStatsCalculator<RTCPeerConnection>(),
      (err: unknown) => {
        calc = null; // try again on the next poll (a flaky network, a redeploy)
        throw err;
      },
    ));
  // Deltas need polls in order: a caller polling again before the last answer waits its turn.
  let queue: Promise<unknown> = Promise.resolve();

  async function poll(): Promise<WebRTCNetworkStats> {
    const open = list.filter((pc) => pc.connectionState !== 'closed');
    if (open.length === 0) throw new Error('every peer connection is closed');
    const math = await calculator();
    const settled = await Promise.allSettled(open.map((pc) => pc.getStats()));
    if (settled.every((r) => r.status === 'rejected')) {
      const first = settled[0];
      throw first?.status === 'rejected' ? first.reason : new Error('getStats() failed');
    }
    const reports = settled.map((r, i) => ({ key: open[i] as RTCPeerConnection, report: r.status === 'fulfilled' ? r.value : null }));
    return math.step(reports, Date.now());
  }

  return {
    // Its networkState is Daily's shape only: the widget computes the one verdict there is.
    hasOwnVerdict: false,
    onContext(listener) {
      const states = new ConnectionStates<RTCPeerConnection>();
      let last: ReturnType<typeof states.current> | undefined;
      const read = (pc: RTCPeerConnection) => {
        const now = pc.connectionState === 'closed'
          ? states.close(pc)
          : states.update(pc, { connectionState: pc.connectionState, iceConnectionState: pc.iceConnectionState });
        if (now === last) return;
        last = now;
        listener({ connection: now });
      };
      const handlers = list.map((pc) => {
        const onChange = () => read(pc);
        pc.addEventListener('connectionstatechange', onChange);
        pc.addEventListener('iceconnectionstatechange', onChange);
        return () => {
          pc.removeEventListener('connectionstatechange', onChange);
          pc.removeEventListener('iceconnectionstatechange', onChange);
        };
      });
      for (const pc of list) read(pc);
      return () => {
        for (const off of handlers) off();
      };
    },
    getNetworkStats() {
      const next = queue.then(poll, poll);
      queue = next.catch(() => undefined);
      return next;
    },
  };
}
