import { expect, test, type Page } from '@playwright/test';
import { counts, INSTRUMENT } from './leak-instrument';
import { badge, mountTrace, openHarness, pill } from './widget-helpers';

async function settle(page: Page) {
  await page.waitForTimeout(400); // Preact's after-paint effects and uPlot's queued commit have run by then
}

test.beforeEach(async ({ page }) => {
  await page.addInitScript(INSTRUMENT);
});

test('mountCallHealth → destroy leaves no timers, listeners or nodes, and polling stops', async ({ page }) => {
  await openHarness(page);
  await settle(page);
  const before = await counts(page);
  await page.evaluate(() => {
    window.harness.setManual({ totalSendPacketLoss: 0.2, networkRoundTripTime: 0.05 });
    window.harness.mountManual({ intervalMs: 100, windowMs: 400, minSamples: 1, announceDelayMs: 5000, position: 'bottom-right' });
  });
  await expect(badge(page)).toHaveAttribute('data-state', 'bad');
  await pill(page).click();
  await page.locator('[data-ch=toggle-graphs]').click();
  await expect(page.locator('.ch-panel canvas')).toHaveCount(10);
  await page.emulateMedia({ colorScheme: 'dark' }); // theme listener fires, canvases repaint
  const during = await counts(page);
  expect(during.listeners).toBeGreaterThan(before.listeners); // the instrumentation sees the widget's own
  expect(during.timeouts).toBeGreaterThan(before.timeouts); // the poller and the pending announcement

  await page.evaluate(() => window.harness.destroy());
  await settle(page);
  expect(await counts(page)).toEqual(before);
  expect(await page.locator('#target').evaluate((t) => t.childNodes.length)).toBe(0);
  const polled = await page.evaluate(() => window.harness.polls.count);
  await page.waitForTimeout(500);
  expect(await page.evaluate(() => window.harness.polls.count)).toBe(polled);
});

test('a replayed trace in panel mode, destroyed mid-run, leaves nothing either', async ({ page }) => {
  await openHarness(page);
  await settle(page);
  const before = await counts(page);
  await mountTrace(page, 'reconnect.json', { mode: 'panel' });
  await expect(pill(page)).toContainText('Good', { timeout: 10_000 });
  await page.evaluate(() => window.harness.destroy());
  await settle(page);
  expect(await counts(page)).toEqual(before);
});

test('<call-health>: set its source, it monitors and dispatches statechange; removed, it leaves nothing', async ({ page }) => {
  await openHarness(page);
  await page.evaluate(() => customElements.get('call-health')); // nothing registered yet
  await settle(page);
  const before = await counts(page);
  await page.evaluate(() => window.harness.mountElement('congested-upload.json', { mode: 'panel', theme: 'dark' }));
  await expect(page.locator('call-health .call-health')).toHaveAttribute('data-theme', 'dark');
  await expect(page.locator('call-health .ch-badge')).toHaveAttribute('data-state', 'warning', { timeout: 10_000 });
  await expect(page.locator('call-health .ch-panel')).toBeVisible();
  expect(await page.evaluate(() => window.harness.states)).toContain('warning');
  // Changing an attribute applies it.
  await page.locator('call-health').evaluate((el) => el.setAttribute('theme', 'light'));
  await expect(page.locator('call-health .call-health')).toHaveAttribute('data-theme', 'light');
  await page.evaluate(() => window.harness.removeElement());
  await settle(page);
  const after = await counts(page);
  // customElements.define itself adds nothing that runs; the element node is gone with its subtree.
  expect(after).toEqual(before);
});

test('<CallHealth> Preact component: renders, reports state, unmounts clean', async ({ page }) => {
  await openHarness(page);
  await settle(page);
  const before = await counts(page);
  await page.evaluate(() => window.harness.mountComponent('lossy-download.json', { position: 'top-right' }));
  await expect(badge(page)).toHaveAttribute('data-state', 'bad', { timeout: 10_000 });
  await expect(page.locator('.call-health')).toHaveAttribute('data-position', 'top-right');
  expect(await page.evaluate(() => window.harness.states)).toContain('bad');
  await page.evaluate(() => window.harness.unmountComponent());
  await settle(page);
  expect(await counts(page)).toEqual(before);
});

test('with a real daily-js call object that is not joined: No data, "Not in a call yet", no polling errors', async ({ page }) => {
  const errors = await openHarness(page);
  await page.evaluate(() => window.harness.mountDaily());
  await expect(badge(page)).toHaveAttribute('data-kind', 'no-data');
  await page.waitForTimeout(2500); // a poll interval: an unjoined call is not polled into a verdict
  await expect(badge(page)).toHaveAttribute('data-state', 'unknown');
  await pill(page).click();
  await expect(page.locator('.ch-reason-text')).toHaveText(['Not in a call yet.']);
  await page.evaluate(() => window.harness.destroyDaily());
  expect(await page.locator('#target').evaluate((t) => t.childNodes.length)).toBe(0);
  expect(errors).toEqual([]);
});
