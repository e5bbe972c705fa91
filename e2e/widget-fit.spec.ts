import { expect, test, type Page } from '@playwright/test';
import { openReadyPage } from './widget-helpers';

// The docked card in a small call frame: opened with its reasons and details, it stays
// inside the frame and the viewport, scrolls inside itself, and keeps every metric name whole.

declare global {
  interface Window {
    fit: {
      mount(extra?: Record<string, unknown>): Promise<void>;
      mountRecording(text: string, extra?: Record<string, unknown>): Promise<void>;
      mountLive(latest: Record<string, number | null>, extra?: Record<string, unknown>): void;
      destroy(): void;
    };
  }
}

/** Set FIT_SHOTS=/some/dir to also save a screenshot of every case there (for looking at by eye). */
const SHOTS = process.env['FIT_SHOTS'];

async function openDocked(page: Page, w: number, h: number, theme: 'light' | 'dark', trace = 'firefox.json'): Promise<string[]> {
  await page.setViewportSize({ width: Math.max(w + 32, 600), height: h + 32 });
  const errors = await openReadyPage(page, `/e2e/pages/widget-fit.html?w=${w}&h=${h}&theme=${theme}&trace=${trace}`);
  await page.evaluate(() => window.fit.mount({ announceDelayMs: 300 }));
  await expect(page.locator('.ch-badge[role=status]')).not.toHaveAttribute('data-kind', 'measuring', { timeout: 10_000 });
  await page.locator('.ch-pill').click();
  await page.locator('[data-ch=toggle-graphs]').click();
  await expect(page.locator('.ch-panel canvas')).toHaveCount(10);
  return errors;
}

type Box = { x: number; y: number; width: number; height: number };
const inside = (inner: Box, outer: Box) =>
  inner.x >= outer.x - 0.5 &&
  inner.y >= outer.y - 0.5 &&
  inner.x + inner.width <= outer.x + outer.width + 0.5 &&
  inner.y + inner.height <= outer.y + outer.height + 0.5;

// 324 px: the documented minimum (a 300 px card inside the 12 px docking margins; see call-health.css).
for (const [w, h] of [
  [480, 270],
  [560, 420],
  [324, 360],
] as const) {
  for (const theme of ['light', 'dark'] as const) {
    test(`docked bottom-right in a ${w}×${h} frame (${theme}): the opened card fits, scrolls, and keeps names whole`, async ({ page }) => {
      const errors = await openDocked(page, w, h, theme);
      const card = page.locator('.ch-details');
      const frame = (await page.locator('#frame').boundingBox()) as Box;
      const viewport = page.viewportSize() ?? { width: 0, height: 0 };
      const box = (await card.boundingBox()) as Box;
      expect(inside(box, frame), `card ${JSON.stringify(box)} inside frame ${JSON.stringify(frame)}`).toBe(true);
      expect(inside(box, { x: 0, y: 0, ...viewport })).toBe(true);
      // The pill stays in the frame too, and the card doesn't cover it.
      const pill = (await page.locator('.ch-pill').boundingBox()) as Box;
      expect(inside(pill, frame)).toBe(true);
      expect(box.y + box.height).toBeLessThanOrEqual(pill.y + 0.5);

      // It scrolls inside: more content than room, and the last row can be brought into view.
      const scroll = await card.evaluate((el) => ({ sh: el.scrollHeight, ch: el.clientHeight, overflow: getComputedStyle(el).overflowY }));
      expect(scroll.overflow).toMatch(/auto|scroll/);
      expect(scroll.sh).toBeGreaterThan(scroll.ch);
      if (SHOTS) await page.screenshot({ path: `${SHOTS}/fit-${w}x${h}-${theme}-top.png` });
      const last = page.locator('.ch-metric').last();
      await last.scrollIntoViewIfNeeded();
      await expect(last).toBeInViewport({ ratio: 1 });
      const lastBox = (await last.boundingBox()) as Box;
      expect(inside(lastBox, box)).toBe(true);
      if (SHOTS) await page.screenshot({ path: `${SHOTS}/fit-${w}x${h}-${theme}-last.png` });

      // Metric names are whole: nothing is cut with an ellipsis or clipped.
      const cut = await page.locator('.ch-metric-label').evaluateAll((els) =>
        els.filter((el) => el.scrollWidth > el.clientWidth || el.scrollHeight > el.clientHeight + 1).map((el) => el.textContent),
      );
      expect(cut).toEqual([]);
      expect(errors).toEqual([]);
    });
  }
}

for (const position of ['bottom-right', 'top-left'] as const) {
  test(`panel mode docked ${position} in a 480×270 frame: the card stays in the frame and scrolls to its last row`, async ({ page }) => {
    await page.setViewportSize({ width: 600, height: 302 });
    const errors = await openReadyPage(page, `/e2e/pages/widget-fit.html?w=480&h=270&position=${position}`);
    await page.evaluate(() => window.fit.mount({ mode: 'panel' }));
    await expect(page.locator('.ch-panel canvas')).toHaveCount(10);
    const frame = (await page.locator('#frame').boundingBox()) as Box;
    const card = page.locator('.ch-details');
    const box = (await card.boundingBox()) as Box;
    expect(inside(box, frame), `card ${JSON.stringify(box)} inside frame ${JSON.stringify(frame)}`).toBe(true);
    expect(inside((await page.locator('.ch-pill').boundingBox()) as Box, frame)).toBe(true);
    const last = page.locator('.ch-metric').last();
    await last.scrollIntoViewIfNeeded();
    await expect(last).toBeInViewport({ ratio: 1 });
    expect(inside((await last.boundingBox()) as Box, box)).toBe(true);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/fit-panel-${position}-480x270.png` });
    expect(errors).toEqual([]);
  });
}

test('keyboard: every control in the docked card can be reached with Tab and is scrolled into view', async ({ page }) => {
  await openDocked(page, 480, 270, 'light');
  const card = page.locator('.ch-details');
  const box = (await card.boundingBox()) as Box;
  // With a button of the card focused, the keys scroll the card (its nearest scroller), not the page.
  await page.locator('[data-ch=toggle-graphs]').focus();
  const before = await card.evaluate((el) => el.scrollTop);
  await page.keyboard.press('PageDown');
  await page.keyboard.press('PageDown');
  await page.keyboard.press('PageDown');
  await expect.poll(() => card.evaluate((el) => el.scrollTop)).toBeGreaterThan(before);
  await expect(page.locator('.ch-window')).toBeInViewport();
  // Tab walks to the Session toggle at the end of the panel; it is scrolled into the card's view.
  const toggle = page.locator('.ch-session-toggle');
  await card.evaluate((el) => (el.scrollTop = 0));
  for (let i = 0; i < 12 && !(await toggle.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(toggle).toBeFocused();
  const t = (await toggle.boundingBox()) as Box;
  expect(inside(t, box)).toBe(true);
});
