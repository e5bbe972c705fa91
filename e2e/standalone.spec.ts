import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { libPageFile, missingLibBuild } from './lib-pages';

// The standalone bundle in a plain HTML page (e2e/pages/plain/): no bundler, no import map, just
// <script type="module"> and <link rel="stylesheet"> pointing at the built files, served by Playwright from
// the library build (e2e/lib-pages.ts), so the test uses exactly what `npm run build` wrote.
test('the standalone bundle mounts in a plain HTML page with no bundler', async ({ page }) => {
  expect(missingLibBuild()).toBeNull();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.route('**/plain/**', (route) => {
    const f = libPageFile(new URL(route.request().url()).pathname);
    if (!f) return route.fulfill({ status: 404 });
    return route.fulfill({ contentType: f.contentType, headers: f.headers, body: readFileSync(f.file) });
  });
  await page.goto('/plain/index.html');

  const docked = page.locator('#frame .ch-badge[role=status]');
  await expect(docked).toHaveAttribute('data-state', 'good', { timeout: 10_000 });
  await expect(page.locator('#el .ch-badge[role=status]')).toHaveAttribute('data-state', 'good', { timeout: 10_000 });
  // The stylesheet applies (a pill) and the badge is docked in the frame's bottom-right corner.
  expect(await page.locator('#frame .ch-pill').evaluate((el) => getComputedStyle(el).borderTopLeftRadius)).toBe('999px');
  const frame = (await page.locator('#frame').boundingBox())!;
  const box = (await page.locator('#frame .ch-pill').boundingBox())!;
  expect(box.x + box.width).toBeGreaterThan(frame.x + frame.width - 40);
  expect(box.y + box.height).toBeGreaterThan(frame.y + frame.height - 40);
  // Open it, then destroy: nothing left in the frame.
  await page.locator('#frame .ch-pill').click();
  await expect(page.locator('#frame .ch-reason-text')).toHaveText(['Upload, download and round trip are within normal ranges.']);
  await page.evaluate(() => (window as unknown as { handle: { destroy(): void } }).handle.destroy());
  expect(await page.locator('#frame').evaluate((f) => f.childNodes.length)).toBe(0);
  expect(errors).toEqual([]);
});

test('a panel chunk that fails to load says so and loads on Try again, the badge unharmed', async ({ page }) => {
  expect(missingLibBuild()).toBeNull();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  let blockChunk = true;
  await page.route('**/plain/**', (route) => {
    const path = new URL(route.request().url()).pathname;
    // The lazily loaded panel chunk, as an offline moment or a redeploy would lose it.
    if (blockChunk && /call-health\.standalone-Panel-[\w-]+\.js$/.test(path)) return route.abort('internetdisconnected');
    const f = libPageFile(path);
    if (!f) return route.fulfill({ status: 404 });
    return route.fulfill({ contentType: f.contentType, headers: f.headers, body: readFileSync(f.file) });
  });
  await page.goto('/plain/index.html');
  await expect(page.locator('#frame .ch-badge[role=status]')).toHaveAttribute('data-state', 'good', { timeout: 10_000 });
  await page.locator('#frame .ch-pill').click();
  await page.locator('#frame [data-ch=toggle-graphs]').click();
  await expect(page.locator('#frame [data-ch=graphs-failed]')).toContainText('The graphs couldn’t load.');
  await expect(page.locator('#frame .ch-badge[role=status]')).toHaveAttribute('data-state', 'good');
  blockChunk = false;
  await page.locator('#frame [data-ch=retry-graphs]').click();
  await expect(page.locator('#frame .ch-panel canvas')).toHaveCount(10);
  await expect(page.locator('#frame [data-ch=graphs-failed]')).toHaveCount(0);
  // Only the chunk's own failed import: nothing thrown into the host page.
  expect(errors).toEqual([]);
});
