import { expect, test } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

// The standalone bundle in a plain HTML page: no bundler, no import map, just <script type="module"> and
// <link rel="stylesheet"> pointing at the built files. Served by Playwright from the library build
// (LIB_DIR, default dist/), so the test uses exactly what `npm run build` wrote.
const LIB = resolve(import.meta.dirname, '..', process.env.LIB_DIR ?? 'dist');

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>plain page</title>
<link rel="stylesheet" href="/plain/call-health.css"></head>
<body>
  <div id="frame" style="position: relative; width: 600px; height: 340px; background: #111"></div>
  <call-health id="el" mode="badge"></call-health>
  <script type="module">
    import { mountCallHealth, createReplaySource, parseTrace, defineCallHealthElement } from '/plain/call-health.standalone.js';
    const trace = parseTrace(await (await fetch('/traces/good.json')).json());
    const timing = { intervalMs: 200, windowMs: 3000, staleAfterMs: 1000 };
    window.handle = mountCallHealth(document.getElementById('frame'), { source: createReplaySource(trace, { speed: 10 }), ...timing, position: 'bottom-right' });
    defineCallHealthElement();
    const el = document.getElementById('el');
    el.options = timing;
    el.source = createReplaySource(trace, { speed: 10 });
  </script>
</body></html>`;

test('the standalone bundle mounts in a plain HTML page with no bundler', async ({ page }) => {
  for (const f of ['call-health.standalone.js', 'call-health.css']) {
    expect(existsSync(resolve(LIB, f)), `${f} missing: run the library build first (npm run build)`).toBe(true);
  }
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.route('**/plain/**', (route) => {
    const name = new URL(route.request().url()).pathname.replace('/plain/', '');
    if (name === 'index.html') return route.fulfill({ contentType: 'text/html', body: PAGE });
    const type = name.endsWith('.css') ? 'text/css' : 'text/javascript';
    return route.fulfill({ contentType: type, body: readFileSync(resolve(LIB, name)) });
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
