// Fault-injection harness: the widget over a source (or fake Daily call) whose every answer the test
// decides. window.faults.behave(n) is the n-th poll's answer; a spec replaces it from page.evaluate.
import type { DailyNetworkStats, DailyNetworkStatsData } from '@daily-co/daily-js';
import { mountCallHealth, preloadPanel, type CallHealthHandle, type CallHealthOptions } from '../../src/index';
import { FakeCall } from './fake-call';

type Extra = Omit<CallHealthOptions, 'call' | 'source'>;
type Latest = DailyNetworkStatsData['latest'];

const target = document.getElementById('target') as HTMLElement;
const unhandled: string[] = [];
window.addEventListener('unhandledrejection', (e) => unhandled.push(String(e.reason)));

const GOOD: Omit<Latest, 'timestamp'> = {
  recvBitsPerSecond: 1_500_000, sendBitsPerSecond: 1_200_000, availableOutgoingBitrate: 2_500_000, networkRoundTripTime: 0.04,
  videoRecvBitsPerSecond: 1_450_000, videoSendBitsPerSecond: 1_150_000, audioRecvBitsPerSecond: 30_000, audioSendBitsPerSecond: 32_000,
  videoRecvPacketLoss: 0.004, videoSendPacketLoss: 0.002, audioRecvPacketLoss: 0, audioSendPacketLoss: 0,
  totalSendPacketLoss: 0.002, totalRecvPacketLoss: 0.004,
  videoRecvJitter: 0.01, videoSendJitter: 0.006, audioRecvJitter: 0.008, audioSendJitter: 0.003,
};
const BAD: Omit<Latest, 'timestamp'> = { ...GOOD, totalSendPacketLoss: 0.2, videoSendPacketLoss: 0.2 };

/** A getNetworkStats() result in Daily's shape, timestamped now unless told otherwise. */
function result(latest: Omit<Latest, 'timestamp'> = GOOD, timestamp = Date.now()): DailyNetworkStats {
  return {
    networkState: 'good', networkStateReasons: [], threshold: 'good', quality: 100,
    stats: {
      latest: { ...latest, timestamp },
      worstVideoRecvPacketLoss: 0, worstVideoSendPacketLoss: 0, worstAudioRecvPacketLoss: 0, worstAudioSendPacketLoss: 0,
      worstVideoRecvJitter: 0, worstVideoSendJitter: 0, worstAudioRecvJitter: 0, worstAudioSendJitter: 0,
      averageNetworkRoundTripTime: latest.networkRoundTripTime ?? 0,
    },
  };
}

let handle: CallHealthHandle | null = null;
const held: ((v: unknown) => void)[] = [];
const heldCalls: ((v: DailyNetworkStats) => void)[] = [];

const faults = {
  GOOD,
  BAD,
  result,
  unhandled,
  polls: 0,
  /** The answer to poll n (1-based). Replaced by the specs. */
  behave: (_n: number): unknown => Promise.resolve(result()),
  /** The answer to the fake call's poll n: always a promise of Daily's type, as the real call gives. */
  behaveCall: (_n: number): Promise<DailyNetworkStats> => Promise.resolve(result()),
  call: null as FakeCall | null,
  /** A poll that answers only when `release` is called. */
  hold(): Promise<unknown> {
    return new Promise((resolve) => held.push(resolve));
  },
  /** The fake call's version: a poll of the call object that answers only on `release`. */
  holdCall(): Promise<DailyNetworkStats> {
    return new Promise((resolve) => heldCalls.push(resolve));
  },
  release(value: unknown = result()): number {
    const n = held.length + heldCalls.length;
    for (const r of held.splice(0)) r(value);
    for (const r of heldCalls.splice(0)) r(result());
    return n;
  },
  mount(extra: Extra = {}): void {
    const source = { getNetworkStats: () => faults.behave(++faults.polls) };
    handle = mountCallHealth(target, { intervalMs: 100, windowMs: 1_000, staleAfterMs: 500, minSamples: 3, ...extra, source });
  },
  mountCall(url: string, extra: Extra = {}): FakeCall {
    const call = new FakeCall(url, () => faults.behaveCall(++faults.polls));
    faults.call = call;
    handle = mountCallHealth(target, { intervalMs: 100, windowMs: 1_000, staleAfterMs: 500, minSamples: 3, ...extra, call });
    return call;
  },
  destroy(): void {
    handle?.destroy();
    handle = null;
  },
  handle: () => handle,
  assessment: () => handle?.assessment() ?? null,
};

declare global {
  interface Window {
    faults: typeof faults;
  }
}
window.faults = faults;
// The panel's chunk (uPlot and its page-wide listeners) loads once per page: load it before the leak
// tests take their baseline, as any page does the first time its panel opens.
void preloadPanel().then(() => {
  document.body.dataset['ready'] = 'true';
});
