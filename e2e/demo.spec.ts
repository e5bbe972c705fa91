import { expect, test } from '@playwright/test';
import { resolve } from 'node:path';

// The demo page's recorded traces (?mode=replay): replayed, badge docked over the stand-in call, panel beside.
test('demo replays the recorded traces with a picker', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.setViewportSize({ width: 1280, height: 860 });
  await page.goto('/?mode=replay');
  const trace = page.locator('select#trace');
  await expect(trace.locator('option')).toHaveText(['Good', 'Congested upload', 'Lossy download', 'Firefox', 'Reconnect']);
  await expect(page.locator('#demo-frame .ch-badge')).toHaveAttribute('data-state', 'good', { timeout: 15_000 });
  await expect(page.locator('#demo-side .ch-panel')).toBeVisible();
  await expect(page.locator('#demo-frame .call-health')).toHaveAttribute('data-position', 'bottom-right');

  await page.locator('select#speed').selectOption('10');
  await trace.selectOption('lossy-download.json');
  await expect(page.locator('#demo-mode')).toContainText('Lossy download');
  await expect(page.locator('#demo-side .ch-badge')).toHaveAttribute('data-state', 'bad', { timeout: 15_000 });
  // One widget per place: switching traces replaced them rather than stacking new ones.
  await expect(page.locator('.call-health')).toHaveCount(2);
  await page.screenshot({ path: resolve(import.meta.dirname, '..', 'test-results', 'screenshots', 'demo-light-chromium.png') });
  expect(errors).toEqual([]);
});
