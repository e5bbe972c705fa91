// A real two-peer call in this page, watched by the real widget (mountCallHealth, panel mode) through
// createWebRTCStatsSource with the product defaults (2 s polls, 30 s window). The tests read the verdict
// from the widget itself; <output id="call"> only says whether the call is up.
// ?devices=0 skips getUserMedia and uses generated media (the demo's fallback path).
import { startLoopbackCall } from '../../src/testing/loopback-call';
import { createWebRTCStatsSource, mountCallHealth } from '../../src/index';

const out = document.getElementById('call') as HTMLOutputElement;
const target = document.getElementById('widget') as HTMLElement;
const useDevices = new URLSearchParams(location.search).get('devices') !== '0';

interface InboundCount {
  id: string;
  kind: string;
  ssrc: number;
  packetsLost: number;
  packetsReceived: number;
}

async function main(): Promise<void> {
  const call = await startLoopbackCall({ useDevices });
  const widget = mountCallHealth(target, { source: createWebRTCStatsSource(call.pcs[0]), mode: 'panel' });

  let muted: Array<[RTCRtpSender, MediaStreamTrack | null]> = [];
  // Every state change of the watched side (pcs[0]), with the time it came: for the outage tests.
  const stateLog: Array<{ at: number; connectionState: string; iceConnectionState: string }> = [];
  const logState = () => {
    const pc = call.pcs[0];
    stateLog.push({ at: performance.now(), connectionState: pc.connectionState, iceConnectionState: pc.iceConnectionState });
  };
  call.pcs[0].addEventListener('connectionstatechange', logState);
  call.pcs[0].addEventListener('iceconnectionstatechange', logState);

  // For the tests' own measurement, independent of the source: raw counters straight from getStats().
  Object.assign(window, {
    callHealthTest: {
      media: call.media,
      // The widget's own numbers, unrounded (the panel shows them formatted): for the ±5-point comparison.
      assessment: () => widget.assessment(),
      async inbound(side: 0 | 1): Promise<{ at: number; streams: InboundCount[] }> {
        const report = await call.pcs[side].getStats();
        const streams: InboundCount[] = [];
        report.forEach((s: Record<string, unknown>) => {
          if (s['type'] !== 'inbound-rtp') return;
          streams.push({
            id: String(s['id']), kind: String(s['kind']), ssrc: Number(s['ssrc']),
            packetsLost: Number(s['packetsLost']), packetsReceived: Number(s['packetsReceived']),
          });
        });
        return { at: Date.now(), streams };
      },
      async selectedPairs(): Promise<Array<{ local: string; remote: string; protocol: string }>> {
        const pairs = [];
        for (const pc of call.pcs) {
          const report = await pc.getStats();
          const all = new Map<string, Record<string, unknown>>();
          report.forEach((s: Record<string, unknown>) => all.set(String(s['id']), s));
          for (const t of all.values()) {
            if (t['type'] !== 'transport') continue;
            const pair = all.get(String(t['selectedCandidatePairId']));
            const local = all.get(String(pair?.['localCandidateId']));
            const remote = all.get(String(pair?.['remoteCandidateId']));
            pairs.push({ local: String(local?.['address']), remote: String(remote?.['address']), protocol: String(local?.['protocol']) });
          }
        }
        return pairs;
      },
      async report(side: 0 | 1): Promise<unknown[]> {
        const report = await call.pcs[side].getStats();
        const list: unknown[] = [];
        report.forEach((s: unknown) => list.push(s));
        return list;
      },
      stop() {
        widget.destroy();
        call.stop();
      },
      // Outage hooks (e2e/outage-live.spec.ts). The widget's handle, for summary() / exportSession().
      widget,
      /** The watched side's state changes so far (performance.now() times). */
      states: () => stateLog.slice(),
      /** The far end goes away for real: its peer connection closes (no more RTP, RTCP or ICE replies). */
      closeFarEnd(): number {
        call.pcs[1].close();
        return performance.now();
      },
      /** The far end stops sending media but stays connected (RTCP and ICE consent go on). */
      async muteFarEnd(): Promise<number> {
        const senders = call.pcs[1].getSenders();
        muted = senders.map((s) => [s, s.track]);
        await Promise.all(senders.map((s) => s.replaceTrack(null)));
        return performance.now();
      },
      /** Undoes muteFarEnd: the same tracks flow again on the same streams. */
      async resumeFarEnd(): Promise<number> {
        await Promise.all(muted.map(([s, t]) => s.replaceTrack(t)));
        muted = [];
        return performance.now();
      },
    },
  });
  out.dataset['call'] = 'connected';
  out.textContent = `connected (${call.media} media)`;
}

main().catch((err: unknown) => {
  out.dataset['call'] = 'error';
  out.textContent = `error: ${err instanceof Error ? err.message : String(err)}`;
});
