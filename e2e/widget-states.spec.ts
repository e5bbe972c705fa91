import { expect, test } from '@playwright/test';
import { badge, kinds, mountTrace, openHarness, pill, recordKinds } from './widget-helpers';

// Each demo trace replayed at 10× (window, cadence and staleness scaled alike) through the production build.

test('good trace: Measuring… then Good, and onStateChange reports it', async ({ page }) => {
  const errors = await openHarness(page);
  await mountTrace(page, 'good.json');
  await recordKinds(page);
  await expect(badge(page)).toHaveAttribute('data-state', 'good', { timeout: 10_000 });
  await expect(pill(page)).toContainText('Good');
  await page.waitForTimeout(1500);
  expect(await kinds(page)).toEqual(['measuring', 'good']);
  expect(await page.evaluate(() => window.harness.states)).toEqual(['good']);
  expect(errors).toEqual([]);
});

test('congested upload trace: Fair, then Poor, with the icon changing shape too', async ({ page }) => {
  await openHarness(page);
  await mountTrace(page, 'congested-upload.json');
  await recordKinds(page);
  await expect(badge(page)).toHaveAttribute('data-state', 'warning', { timeout: 10_000 });
  await expect(pill(page)).toContainText('Fair');
  await expect(pill(page).locator('svg.ch-icon-warning')).toBeAttached();
  await expect(badge(page)).toHaveAttribute('data-state', 'bad', { timeout: 10_000 });
  await expect(pill(page)).toContainText('Poor');
  await expect(pill(page).locator('svg.ch-icon-bad')).toBeAttached();
  const seen = await kinds(page);
  expect(seen.slice(0, 2)).toEqual(['measuring', 'good']);
  expect(seen.indexOf('bad')).toBeGreaterThan(seen.indexOf('warning'));
  expect(seen.filter((k) => !['good', 'warning', 'bad'].includes(k))).toEqual(['measuring']);
});

test('lossy download trace: Poor, and the opened badge blames the download', async ({ page }) => {
  await openHarness(page);
  await mountTrace(page, 'lossy-download.json');
  await expect(badge(page)).toHaveAttribute('data-state', 'bad', { timeout: 10_000 });
  await pill(page).click();
  await expect(page.locator('.ch-reason-text')).toHaveText([/^Your download is losing \d+ % of packets$/]);
});

test('reconnect trace: Good, Reconnecting… while interrupted, Good again', async ({ page }) => {
  await openHarness(page);
  await mountTrace(page, 'reconnect.json');
  await recordKinds(page);
  await expect(pill(page)).toContainText('Reconnecting…', { timeout: 10_000 });
  await expect(badge(page)).toHaveAttribute('data-state', 'unknown');
  await pill(page).click();
  await expect(page.locator('.ch-reason-text')).toHaveText(['The connection to the call dropped; reconnecting.']);
  await expect(pill(page)).toContainText('Good', { timeout: 10_000 });
  expect((await kinds(page)).slice(0, 4)).toEqual(['measuring', 'good', 'reconnecting', 'good']);
});

test('a replay that ends goes stale: No data, with how long ago the last sample was', async ({ page }) => {
  await openHarness(page);
  await mountTrace(page, 'good.json', { speed: 40, loop: false });
  await expect(badge(page)).toHaveAttribute('data-state', 'good', { timeout: 10_000 });
  await expect(pill(page)).toContainText('No data', { timeout: 10_000 });
  await expect(badge(page)).toHaveAttribute('data-kind', 'no-data');
  await pill(page).click();
  await expect(page.locator('.ch-reason-text')).toHaveText([/^No new measurements for \d+ s\.$/]);
});

test('failing polls: No data with "Stats unavailable" and the error', async ({ page }) => {
  await openHarness(page);
  await page.evaluate(() => window.harness.mountManual({ intervalMs: 100, failWith: 'call machine not ready' }));
  await expect(pill(page)).toContainText('No data', { timeout: 5000 });
  await pill(page).click();
  await expect(page.locator('.ch-reason-text')).toHaveText(['Stats unavailable: call machine not ready']);
});
