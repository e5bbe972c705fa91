import { expect, test, type Page } from '@playwright/test';
import { shoot } from './screenshots';

// The default demo (no query): a real local WebRTC call in the page, its far end's video as the call frame,
// monitored by the widget. Chromium's fake camera and microphone stand in for the user's (CHROMIUM_ARGS).

interface Probe {
  pcs: RTCPeerConnection[];
  getStatsCalls: number;
}

/** Counts getStats() calls and keeps every peer connection the page creates, before any page script runs. */
async function probe(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const p: { pcs: RTCPeerConnection[]; getStatsCalls: number } = { pcs: [], getStatsCalls: 0 };
    Object.assign(window, { probe: p });
    const Native = window.RTCPeerConnection;
    const getStats = Native.prototype.getStats;
    Native.prototype.getStats = function (this: RTCPeerConnection, ...args: [MediaStreamTrack?]) {
      p.getStatsCalls++;
      return getStats.apply(this, args);
    };
    window.RTCPeerConnection = class extends Native {
      constructor(config?: RTCConfiguration) {
        super(config);
        p.pcs.push(this);
      }
    };
  });
}

const readProbe = (page: Page) =>
  page.evaluate(() => {
    const p = (window as unknown as { probe: Probe }).probe;
    return { calls: p.getStatsCalls, pcs: p.pcs.map((pc) => pc.connectionState) };
  });

async function expectRemoteVideoPlays(page: Page): Promise<void> {
  const video = page.locator('#demo-frame video.demo-video');
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.videoWidth), { timeout: 20_000 }).toBeGreaterThan(0);
  const t0 = await video.evaluate((v: HTMLVideoElement) => v.currentTime);
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.currentTime), { timeout: 10_000 }).toBeGreaterThan(t0);
}

function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

test('the default demo runs a live local call, monitored: good, real numbers, one poll per interval', async ({ page }) => {
  test.setTimeout(90_000);
  const errors = collectErrors(page);
  await probe(page);
  await page.setViewportSize({ width: 1280, height: 860 });
  await page.goto('/');
  await expect(page.locator('select#mode')).toHaveValue('live');
  await expect(page.locator('#demo-mode')).toContainText('your camera and microphone', { timeout: 20_000 });
  await expectRemoteVideoPlays(page);

  await expect(page.locator('#demo-frame .call-health')).toHaveAttribute('data-position', 'bottom-right');
  await expect(page.locator('#demo-frame [role="status"]')).toHaveAttribute('data-state', 'good', { timeout: 20_000 });
  await expect(page.locator('#demo-side [role="status"]')).toHaveAttribute('data-state', 'good');
  for (const metric of ['sendBitsPerSecond', 'recvBitsPerSecond', 'roundTripTime', 'sendPacketLoss', 'recvPacketLoss']) {
    await expect(page.locator(`#demo-side .ch-metric[data-metric="${metric}"] .ch-metric-value`)).toHaveText(/\d/);
  }
  await expect(page.locator('#demo-side .ch-metric[data-metric="sendBitsPerSecond"] .ch-metric-value')).toHaveText(/[kM]bps/);
  await expect(page.locator('#demo-side .ch-metric[data-metric="recvBitsPerSecond"] .ch-metric-value')).toHaveText(/[kM]bps/);
  await shoot('demo-live-chromium.png', (path) => page.screenshot({ path }));
  // A plain WebRTC call has no Daily verdict to show beside ours.
  await expect(page.locator('#demo-side [data-ch="reported-state"]')).toHaveCount(0);

  // Badge and panel share one poll: over 10 s at a 2 s cadence, one connection polled ≈ 5 times, not ≈ 10.
  const before = await readProbe(page);
  await page.waitForTimeout(10_000);
  const after = await readProbe(page);
  const polls = after.calls - before.calls;
  console.log(`[demo] getStats() calls in 10 s with badge + panel: ${polls}`);
  expect(polls).toBeGreaterThanOrEqual(4);
  expect(polls).toBeLessThanOrEqual(6);

  // Switching mode ends the call: both peer connections closed, the traces' widgets replace the call's.
  await page.locator('select#mode').selectOption('replay');
  await expect(page.locator('select#trace')).toBeVisible();
  await expect.poll(async () => (await readProbe(page)).pcs).toEqual(['closed', 'closed']);
  await expect(page.locator('#demo-frame video')).toHaveCount(0);
  await expect(page.locator('.call-health')).toHaveCount(2);
  expect(page.url()).toContain('mode=replay');
  expect(errors).toEqual([]);
});

test('without camera and microphone the demo call falls back to generated media and still gets a verdict', async ({ page }) => {
  test.setTimeout(60_000);
  const errors = collectErrors(page);
  await page.addInitScript(() => {
    navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('Permission denied', 'NotAllowedError'));
  });
  await page.goto('/');
  await expect(page.locator('#demo-mode')).toContainText('generated media', { timeout: 20_000 });
  await expectRemoteVideoPlays(page);
  await expect(page.locator('#demo-frame [role="status"]')).toHaveAttribute('data-state', /^(good|warning|bad)$/, { timeout: 20_000 });
  await expect(page.locator('#demo-side .ch-metric[data-metric="recvBitsPerSecond"] .ch-metric-value')).toHaveText(/[kM]bps/);
  expect(errors).toEqual([]);
});
