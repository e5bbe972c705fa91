import { expect, test } from '@playwright/test';
import type { Page } from 'puppeteer-core';
import { readState, waitFor, ms } from '../netns/widget-state';
import { firefoxMissing, launchFirefox, openPage, type LaunchedFirefox } from './launch';
import { shoot } from '../screenshots';

// A real two-peer call in one Firefox page (Firefox's fake camera and microphone), monitored by the widget
// through createWebRTCStatsSource with the product defaults: e2e/pages/loopback.ts, as in Chromium. What the
// widget should say is worked out here from Firefox's own getStats() report, not from the widget.

test.describe.configure({ mode: 'serial' });

let ff: LaunchedFirefox | null = null;
let skipReason: string | null = null;

test.beforeAll(async () => {
  skipReason = firefoxMissing();
  if (!skipReason) ff = await launchFirefox();
});
test.afterAll(async () => ff?.close());
test.beforeEach(() => test.skip(skipReason !== null, `Firefox specs skipped: ${skipReason}`));

/** The watched side's raw report, reduced to what decides the expectations below. */
const rawFacts = (page: Page) =>
  page.evaluate(async () => {
    const api = (window as unknown as { callHealthTest: { report(side: 0): Promise<Array<Record<string, unknown>>> } }).callHealthTest;
    const report = await api.report(0);
    const pairs = report.filter((s) => s['type'] === 'candidate-pair');
    const transport = report.find((s) => s['type'] === 'transport');
    const selected = pairs.find((p) => p['id'] === transport?.['selectedCandidatePairId']);
    return {
      anyAvailableOutgoing: pairs.some((p) => typeof p['availableOutgoingBitrate'] === 'number'),
      selectedRtt: typeof selected?.['currentRoundTripTime'] === 'number' ? Number(selected['currentRoundTripTime']) : null,
      remoteInboundRtt: report.some((s) => s['type'] === 'remote-inbound-rtp' && typeof s['roundTripTime'] === 'number'),
    };
  });

const row = (page: Page, metric: string) =>
  page.$eval(`#widget .ch-metric[data-metric=${metric}]`, (el) => ({
    value: el.querySelector('.ch-metric-value')?.textContent ?? '',
    why: el.querySelector('.ch-metric-why')?.textContent ?? '',
    missing: el.getAttribute('data-missing'),
  }));

test('a clean loopback call: Good, the round trip measured, available upload n/a because Firefox gives none', async ({ baseURL }) => {
  test.setTimeout(60_000);
  if (!ff) throw new Error('Firefox not launched');
  const { page, errors } = await openPage(ff.browser, `${baseURL}/e2e/pages/loopback.html`, { width: 520, height: 1000 });
  await page.waitForSelector('#call[data-call=connected]', { timeout: 20_000 });
  const good = await waitFor(page, (s) => s.state === 'good' && s.metrics['roundTripTime'] != null, 20_000);
  console.log(`[firefox] clean call: good after ${ms(good.elapsed)} (${good.state.samples} samples)`);

  // Ground truth from Firefox's own report: no bandwidth estimate anywhere; a round trip on the selected pair.
  const raw = await rawFacts(page);
  const version = (await ff.browser.version()).replace(/^firefox\//, '').split('.')[0];
  console.log(`[firefox] Firefox ${version} reports: ${JSON.stringify(raw)}`);
  expect(raw.anyAvailableOutgoing).toBe(false);
  expect(raw.selectedRtt).not.toBeNull();

  const s = await readState(page);
  expect(s.metrics['availableOutgoingBitrate']).toBeNull();
  expect(s.reasons).not.toContain('availableOutgoingBitrate');
  const upload = await row(page, 'availableOutgoingBitrate');
  expect(upload).toEqual({ value: 'n/a', why: `Not reported by this browser (Firefox ${version} gives no bandwidth estimate)`, missing: 'true' });

  const rtt = await row(page, 'roundTripTime');
  expect(rtt.value).toMatch(/^\d+ ms$/);
  expect(rtt.why).toBe('Measured by ICE connectivity checks');
  // Loss is reported in Firefox: real numbers on both directions, never n/a.
  for (const m of ['sendPacketLoss', 'recvPacketLoss', 'sendBitsPerSecond', 'recvBitsPerSecond']) {
    expect((await row(page, m)).value, m).toMatch(/\d/);
  }
  await shoot('panel-live-call-firefox.png', async (path) => { await page.screenshot({ path }); });
  await page.evaluate(() => (window as unknown as { callHealthTest: { stop(): void } }).callHealthTest.stop());
  await page.close();
  expect(errors).toEqual([]);
});

test('the demo opened in Firefox: the same live call and widget, Firefox’s missing figure explained, not zero', async ({ baseURL }) => {
  test.setTimeout(60_000);
  if (!ff) throw new Error('Firefox not launched');
  const { page, errors } = await openPage(ff.browser, `${baseURL}/`, { width: 1280, height: 900 });
  await page.waitForFunction(() => /your camera and microphone/.test(document.querySelector('#demo-mode')?.textContent ?? ''), { timeout: 20_000 });
  // The far end's video plays in the call frame.
  await page.waitForFunction(() => {
    const v = document.querySelector<HTMLVideoElement>('#demo-frame video.demo-video');
    return !!v && v.videoWidth > 0 && v.currentTime > 0.5;
  }, { timeout: 20_000 });
  await page.waitForSelector('#demo-frame [role=status][data-state=good]', { timeout: 20_000 });
  await page.waitForSelector('#demo-side [role=status][data-state=good]', { timeout: 5_000 });
  const side = (metric: string) =>
    page.$eval(`#demo-side .ch-metric[data-metric=${metric}]`, (el) => ({
      value: el.querySelector('.ch-metric-value')?.textContent ?? '',
      why: el.querySelector('.ch-metric-why')?.textContent ?? '',
    }));
  await page.waitForFunction(() => /ms$/.test(document.querySelector('#demo-side .ch-metric[data-metric=roundTripTime] .ch-metric-value')?.textContent ?? ''), { timeout: 10_000 });
  const upload = await side('availableOutgoingBitrate');
  expect(upload.value).toBe('n/a');
  expect(upload.why).toMatch(/^Not reported by this browser \(Firefox \d+ gives no bandwidth estimate\)$/);
  for (const m of ['sendBitsPerSecond', 'recvBitsPerSecond']) expect((await side(m)).value, m).toMatch(/[kM]bps$/);
  await shoot('demo-live-firefox.png', async (path) => { await page.screenshot({ path }); });
  await page.close();
  expect(errors).toEqual([]);
});
