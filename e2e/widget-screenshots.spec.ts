import { expect, test, type Locator, type Page } from '@playwright/test';
import { DRAWN_METRICS, inkPerMetric } from './in-page';
import { badge, mountTrace, openHarness, pill } from './widget-helpers';
import { shoot } from './screenshots';

// Pictures for a person to look at (`npm run screenshots`, see screenshots.ts), taken on the congested-upload trace once it is Poor — the state with the most to
// show: reasons, bands crossed, Daily's verdict, CPU load. Named <what>-<theme>-chromium.png, beside the
// Firefox specs' <what>-<theme>-firefox.png of the same pages, so the two browsers compare side by side.
// Each test first checks that what its picture is meant to show is really on screen: the scheme asked for,
// the element in the viewport with a size, the reasons listed, the sparklines drawn.

/** The element has a size and lies wholly inside the viewport, so a viewport screenshot shows all of it. */
async function expectOnScreen(page: Page, locator: Locator, what: string): Promise<void> {
  const box = await locator.boundingBox();
  const viewport = page.viewportSize();
  expect(box, `${what}: laid out`).not.toBeNull();
  expect(viewport).not.toBeNull();
  if (!box || !viewport) return;
  expect(box.width, `${what}: width`).toBeGreaterThan(0);
  expect(box.height, `${what}: height`).toBeGreaterThan(0);
  expect(box.x, `${what}: left edge`).toBeGreaterThanOrEqual(0);
  expect(box.y, `${what}: top edge`).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width, `${what}: right edge`).toBeLessThanOrEqual(viewport.width + 0.5);
  expect(box.y + box.height, `${what}: bottom edge`).toBeLessThanOrEqual(viewport.height + 0.5);
}

/** Waits until each metric's sparkline canvas has more than a few inked pixels (a line, not a stray dot). */
async function expectInk(page: Page, metrics: readonly string[]): Promise<void> {
  await expect
    .poll(async () => {
      const ink = await page.evaluate(inkPerMetric);
      return metrics.filter((m) => !((ink[m] ?? 0) > 20));
    }, { message: 'metrics whose sparkline has no line yet', timeout: 5_000 })
    .toEqual([]);
}

for (const theme of ['light', 'dark'] as const) {
  test(`badge and opened badge, ${theme}: Poor on screen, then the card lists the reasons`, async ({ page }) => {
    await page.setViewportSize({ width: 520, height: 420 });
    const errors = await openHarness(page);
    await page.evaluate((t) => document.body.classList.toggle('dark', t === 'dark'), theme);
    await mountTrace(page, 'congested-upload.json', { theme, speed: 10 });
    await expect(badge(page)).toHaveAttribute('data-state', 'bad', { timeout: 10_000 });
    const root = page.locator('.call-health');
    await expect(root).toHaveAttribute('data-scheme', theme);
    await expect(pill(page).locator('.ch-pill-text')).toHaveText('Poor');
    await expectOnScreen(page, pill(page), 'pill');
    await shoot(`badge-${theme}-chromium.png`, (path) => root.screenshot({ path, animations: 'disabled' }));

    await pill(page).click();
    await expect(pill(page)).toHaveAttribute('aria-expanded', 'true');
    // The open card shows why: the upload estimate below its floor is among the reasons, each with its text.
    await expect(page.locator('.ch-reason[data-reason=availableOutgoingBitrate]')).toBeVisible();
    const texts = await page.locator('.ch-reason-text').allTextContents();
    expect(texts.length).toBeGreaterThan(0);
    for (const t of texts) expect(t.trim()).not.toBe('');
    await expectOnScreen(page, page.locator('.ch-reasons'), 'reasons list');
    await shoot(`badge-open-${theme}-chromium.png`, (path) => page.screenshot({ path, animations: 'disabled' }));
    expect(errors).toEqual([]);
  });

  test(`panel, ${theme}: ten sparklines drawn, our verdict beside Daily's, CPU load`, async ({ page }) => {
    await page.setViewportSize({ width: 520, height: 760 });
    const errors = await openHarness(page);
    await page.evaluate((t) => document.body.classList.toggle('dark', t === 'dark'), theme);
    await mountTrace(page, 'congested-upload.json', { theme, mode: 'panel', speed: 10 });
    await expect(badge(page)).toHaveAttribute('data-state', 'bad', { timeout: 10_000 });
    await expect(page.locator('.call-health')).toHaveAttribute('data-scheme', theme);
    await expect(page.locator('[data-ch=cpu]')).toBeVisible();
    await expect(page.locator('[data-ch=local-state]')).toHaveAttribute('data-state', 'bad');
    await expect(page.locator('[data-ch=reported-state]')).toBeVisible();
    await expect(page.locator('.ch-panel canvas')).toHaveCount(10);
    await expectInk(page, DRAWN_METRICS);
    await expectOnScreen(page, page.locator('.ch-verdicts'), 'verdicts');
    await shoot(`panel-${theme}-chromium.png`, (path) => page.screenshot({ path, animations: 'disabled' }));
    expect(errors).toEqual([]);
  });
}

// widget-panel.spec.ts checks the Firefox gaps in detail; this one keeps the picture of them and checks the
// picture shows what its name says.
test('panel of a Firefox-shaped call, light: what Firefox lacks reads n/a, the rest draw', async ({ page }) => {
  await page.setViewportSize({ width: 520, height: 800 });
  const errors = await openHarness(page);
  await mountTrace(page, 'firefox.json', { mode: 'panel', theme: 'light' });
  await expect(badge(page)).toHaveAttribute('data-state', 'good', { timeout: 10_000 });
  await expect(page.locator('.call-health')).toHaveAttribute('data-scheme', 'light');
  const lacking = ['roundTripTime', 'availableOutgoingBitrate', 'audioSendJitter'];
  for (const id of lacking) {
    await expect(page.locator(`.ch-metric[data-metric=${id}] .ch-metric-value`)).toHaveText('n/a');
  }
  await expectInk(page, DRAWN_METRICS.filter((m) => !lacking.includes(m)));
  await shoot('panel-firefox-trace-light-chromium.png', (path) => page.screenshot({ path, animations: 'disabled' }));
  expect(errors).toEqual([]);
});
