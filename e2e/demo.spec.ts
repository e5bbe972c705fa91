import { expect, test } from '@playwright/test';
import { DRAWN_METRICS, inkPerMetric } from './in-page';
import { shoot } from './screenshots';

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
  // What the picture shows: the docked pill inside the stand-in call and the viewport, the panel's lines drawn.
  const frame = await page.locator('#demo-frame').boundingBox();
  const docked = await page.locator('#demo-frame .ch-pill').boundingBox();
  expect(frame).not.toBeNull();
  expect(docked).not.toBeNull();
  if (frame && docked) {
    expect(docked.width).toBeGreaterThan(0);
    expect(docked.height).toBeGreaterThan(0);
    expect(docked.x).toBeGreaterThanOrEqual(frame.x);
    expect(docked.y).toBeGreaterThanOrEqual(frame.y);
    expect(docked.x + docked.width).toBeLessThanOrEqual(frame.x + frame.width + 0.5);
    expect(docked.y + docked.height).toBeLessThanOrEqual(Math.min(frame.y + frame.height, 860) + 0.5);
  }
  await expect
    .poll(async () => {
      const ink = await page.evaluate(inkPerMetric);
      return DRAWN_METRICS.filter((m) => !((ink[m] ?? 0) > 20));
    }, { message: 'panel metrics whose sparkline has no line yet', timeout: 5_000 })
    .toEqual([]);
  await shoot('demo-light-chromium.png', (path) => page.screenshot({ path }));
  expect(errors).toEqual([]);
});
