import { expect, test } from '@playwright/test';
import { resolve } from 'node:path';
import { badge, mountTrace, openHarness, pill } from './widget-helpers';

// Pictures for a person to look at after a run (test-results/screenshots/*.png, untracked so a test run
// leaves the tree clean), taken on the congested-upload trace once it is Poor — the state with the most to
// show: reasons, bands crossed, Daily's verdict, CPU load. Named <what>-<theme>-chromium.png, beside the
// Firefox specs' <what>-<theme>-firefox.png of the same pages, so the two browsers compare side by side.
const dir = resolve(import.meta.dirname, '..', 'test-results', 'screenshots');

for (const theme of ['light', 'dark'] as const) {
  test(`badge and opened badge, ${theme}`, async ({ page }) => {
    await page.setViewportSize({ width: 520, height: 420 });
    await openHarness(page);
    await page.evaluate((t) => document.body.classList.toggle('dark', t === 'dark'), theme);
    await mountTrace(page, 'congested-upload.json', { theme, speed: 10 });
    await expect(badge(page)).toHaveAttribute('data-state', 'bad', { timeout: 10_000 });
    const root = page.locator('.call-health');
    await root.screenshot({ path: resolve(dir, `badge-${theme}-chromium.png`), animations: 'disabled' });
    await pill(page).click();
    await expect(page.locator('.ch-reason').first()).toBeVisible();
    await page.screenshot({ path: resolve(dir, `badge-open-${theme}-chromium.png`), animations: 'disabled' });
  });

  test(`panel, ${theme}`, async ({ page }) => {
    await page.setViewportSize({ width: 520, height: 760 });
    await openHarness(page);
    await page.evaluate((t) => document.body.classList.toggle('dark', t === 'dark'), theme);
    await mountTrace(page, 'congested-upload.json', { theme, mode: 'panel', speed: 10 });
    await expect(badge(page)).toHaveAttribute('data-state', 'bad', { timeout: 10_000 });
    await expect(page.locator('[data-ch=cpu]')).toBeVisible();
    await page.screenshot({ path: resolve(dir, `panel-${theme}-chromium.png`), animations: 'disabled' });
  });
}

test('panel of a Firefox-shaped call, light', async ({ page }) => {
  await page.setViewportSize({ width: 520, height: 800 });
  await openHarness(page);
  await mountTrace(page, 'firefox.json', { mode: 'panel', theme: 'light' });
  await expect(badge(page)).toHaveAttribute('data-state', 'good', { timeout: 10_000 });
  await page.waitForTimeout(1500);
  await page.screenshot({ path: resolve(dir, 'panel-firefox-trace-light-chromium.png'), animations: 'disabled' });
});
