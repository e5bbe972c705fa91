import { expect } from '@playwright/test';
import { lossBetween, nearest, type InboundSnapshot } from './measure';
import { addUdpLoss, removeUdpDrops, type Namespace } from './namespace';
import { ms, waitFor, type InPage, type PageState } from './widget-state';

// The 15 % drop check both browsers' namespace specs run (Chromium through Playwright, Firefox through
// puppeteer-core): the widget must turn bad with loss reasons, and the loss it reports must match what the
// test measures itself from the peers' raw inbound-rtp counters over the same window, within ±5 points.

export const WINDOW_MS = 30_000;
export const POLL_MS = 2_000;
export const LOSS = 0.15;
/** Time the widget has to see a whole poll after a change: the next poll may be up to 2 s away. */
export const SETTLE_MS = 2 * POLL_MS + 1_500;

/** One side's raw inbound counters, read in the page (callHealthTest.inbound) by whichever driver. */
export type ReadInbound = (side: 0 | 1) => Promise<InboundSnapshot>;

export interface InboundSampler {
  /** [side 0, side 1]: each peer's inbound counters, once a second since the sampler started. */
  inbound: [InboundSnapshot[], InboundSnapshot[]];
  stop(): void;
}

export function sampleInbound(read: ReadInbound): InboundSampler {
  const inbound: [InboundSnapshot[], InboundSnapshot[]] = [[], []];
  const timer = setInterval(() => {
    for (const side of [0, 1] as const) read(side).then((snap) => inbound[side].push(snap), () => undefined);
  }, 1_000);
  return { inbound, stop: () => clearInterval(timer) };
}

const pct = (v: number | null) => (v === null ? 'n/a' : `${(v * 100).toFixed(1)} %`);

/** Drops LOSS of the namespace's UDP until the widget is bad, compares with the counters, lifts the drop. */
export async function dropAndCompare(page: InPage, ns: Namespace, sampler: InboundSampler, tag: string): Promise<void> {
  const start = Date.now();
  addUdpLoss(ns, LOSS);
  try {
    const lossy = (s: PageState) => s.state === 'bad' && s.reasons.includes('recvPacketLoss') && s.reasons.includes('sendPacketLoss');
    const bad = await waitFor(page, lossy, WINDOW_MS + POLL_MS);
    console.log(`[${tag}] ${LOSS * 100} % loss: bad (${bad.state.reasons.join(', ')}) after ${ms(bad.elapsed)}`);
    console.log(`[${tag}] the widget says: ${bad.state.reasonTexts.join(' | ')}`);
    // Compare once the whole window lies inside the impairment, so both measure the same period.
    await new Promise((r) => setTimeout(r, Math.max(0, start + WINDOW_MS + 2 * POLL_MS - Date.now())));
    // Under this loss Firefox now and then calls the connection disconnected (a consent check lost) while
    // media flows on; the widget reads Reconnecting… until a whole poll shows media arriving (consent-check.ts).
    const { state: s } = await waitFor(page, lossy, SETTLE_MS);
    const newest = s.newest ?? Date.now();
    // Side 0 is watched: its download loss is what it receives, its upload loss what side 1 receives.
    for (const [side, metric] of [[0, 'recvPacketLoss'], [1, 'sendPacketLoss']] as const) {
      const from = nearest(sampler.inbound[side], newest - WINDOW_MS);
      const to = nearest(sampler.inbound[side], newest);
      if (!from || !to) throw new Error('no raw counters sampled');
      const measured = lossBetween(from, to);
      const reported = s.metrics[metric] ?? null;
      console.log(`[${tag}] ${metric}: reported ${pct(reported)}, measured from raw counters ${pct(measured.loss)} over ${measured.packets} packets`);
      expect(measured.loss).not.toBeNull();
      expect(reported).not.toBeNull();
      expect(Math.abs((reported ?? 0) - (measured.loss ?? 0))).toBeLessThanOrEqual(0.05);
    }
  } finally {
    removeUdpDrops(ns);
  }
}
