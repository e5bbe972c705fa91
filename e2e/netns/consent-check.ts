import { expect } from '@playwright/test';
import { SETTLE_MS } from './loss-check';
import { addStunDrop, removeUdpDrops, type Namespace } from './namespace';
import type { TestApi } from './widget-state';

// ICE consent lost while RTP flows untouched (addStunDrop): each browser soon calls the connection
// disconnected, and later failed. What reaches the user differs, measured here from the raw counters:
// Chromium stops sending about when it calls the connection disconnected (a second before, here), Firefox
// sends on until failed (about 20 s later). The widget must follow the packets: Reconnecting… only while nothing arrives, the
// graded verdict while media flows, Connection lost once failed.

/** Readings with nothing arriving before the widget must say so: SETTLE_MS of them, one a second. */
const SILENT_READINGS = Math.ceil(SETTLE_MS / 1_000);

/** One reading, once a second: the watched side's connection, its raw packets received, the badge. */
export interface ConsentReading {
  at: number;
  /** connectionState of the watched peer connection, and when it last changed (epoch ms; 0: never). */
  pc: string;
  since: number;
  /** Σ packetsReceived over the watched side's inbound-rtp streams: the test's own ground truth. */
  received: number;
  kind: string;
}

/** Either driver's page (Playwright's for Chromium, puppeteer-core's for Firefox). */
export interface ReadsConsent {
  evaluate(fn: () => Promise<ConsentReading>): Promise<ConsentReading>;
}

/** Runs in the page (self-contained: it is sent as source). */
async function consentReading(): Promise<ConsentReading> {
  const api = (window as unknown as TestApi).callHealthTest;
  const log = api.states();
  const last = log[log.length - 1];
  const inbound = await api.inbound(0);
  const status = document.querySelector('#widget .call-health [role="status"]');
  return {
    at: Date.now(),
    pc: last?.connectionState ?? 'connected',
    since: last ? Math.round(performance.timeOrigin + last.at) : 0,
    received: inbound.streams.reduce((n, s) => n + s.packetsReceived, 0),
    kind: status?.getAttribute('data-kind') ?? '',
  };
}

export interface ConsentRun {
  /** Readings while the browser said disconnected and media had arrived every second since it said so. */
  flowingWhileDisconnected: ConsentReading[];
  /** Readings while disconnected or failed and nothing had arrived for SETTLE_MS. */
  silentWhileDropped: ConsentReading[];
  readings: ConsentReading[];
}

/**
 * Drops STUN until the browser calls the connection failed (the call is over after this: run it last),
 * then judges every reading taken long enough after a change for the widget to have polled it.
 */
export async function loseConsent(page: ReadsConsent, ns: Namespace, tag: string): Promise<ConsentRun> {
  const readings: ConsentReading[] = [];
  addStunDrop(ns);
  try {
    const start = Date.now();
    while (Date.now() - start < 75_000) {
      const r = await page.evaluate(consentReading);
      readings.push(r);
      if (r.pc === 'failed' && r.at >= r.since + SETTLE_MS + 2_000) break;
      await new Promise((res) => setTimeout(res, 1_000));
    }
  } finally {
    removeUdpDrops(ns);
  }
  const flowingWhileDisconnected: ConsentReading[] = [];
  const silentWhileDropped: ConsentReading[] = [];
  // Packets grew between reading j − 1 and reading j.
  const grew = (j: number) => j > 0 && (readings[j]?.received ?? 0) > (readings[j - 1]?.received ?? Infinity);
  readings.forEach((r, i) => {
    if (r.pc === 'connected' || r.at < r.since + SETTLE_MS) return;
    // Arrived in every second since the change (from the reading before it on).
    let arriving = true;
    for (let j = Math.max(1, readings.findIndex((x) => x.at >= r.since)); j <= i; j++) arriving &&= grew(j);
    if (r.pc === 'disconnected' && arriving) flowingWhileDisconnected.push(r);
    // Silent: nothing in the last SETTLE_MS of readings, so the widget has had a whole poll of nothing.
    else if (i >= SILENT_READINGS && Array.from({ length: SILENT_READINGS }, (_, k) => grew(i - k)).every((g) => !g)) silentWhileDropped.push(r);
  });
  const show = (r: ConsentReading) => `${((r.at - (readings[0]?.at ?? r.at)) / 1000).toFixed(1)} s ${r.pc} rx ${r.received} → ${r.kind}`;
  console.log(`[${tag}] consent lost: ${readings.map(show).join(' | ')}`);
  console.log(`[${tag}] media arriving while "disconnected": ${flowingWhileDisconnected.length} readings; nothing arriving for ${SETTLE_MS / 1000} s: ${silentWhileDropped.length}`);
  for (const r of flowingWhileDisconnected) expect(['reconnecting', 'lost'], `media is arriving at ${show(r)}`).not.toContain(r.kind);
  for (const r of silentWhileDropped) expect(['reconnecting', 'lost'], `nothing arrives at ${show(r)}`).toContain(r.kind);
  const failed = readings.filter((r) => r.pc === 'failed' && r.at >= r.since + SETTLE_MS);
  expect(failed.length, 'the browser called the connection failed').toBeGreaterThan(0);
  for (const r of failed) expect(r.kind, `failed at ${show(r)}`).toBe('lost');
  return { flowingWhileDisconnected, silentWhileDropped, readings };
}
