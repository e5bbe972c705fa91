import { expect, test, type Page } from '@playwright/test';
import { badge, openHarness, pill, recordKinds } from './widget-helpers';

// Hand-driven source (harness.setManual): a 400 ms window polled every 100 ms, so a state follows the
// values within a few polls; the announcement must wait announceDelayMs = DELAY on top.
const GOOD = { totalSendPacketLoss: 0.001, totalRecvPacketLoss: 0.001, networkRoundTripTime: 0.05, sendBitsPerSecond: 1e6 };
const BAD = { ...GOOD, totalSendPacketLoss: 0.2 };
const FAIR = { ...GOOD, networkRoundTripTime: 0.4 };
const DELAY = 2500;

async function mountManual(page: Page, values: Record<string, number | null>, extra: Record<string, unknown> = {}) {
  await page.evaluate(
    ([v, x]) => {
      window.harness.setManual(v);
      window.harness.mountManual({ intervalMs: 100, windowMs: 400, minSamples: 1, staleAfterMs: 5000, announceDelayMs: 2500, ...x });
    },
    [values, extra] as const,
  );
}

const setManual = (page: Page, v: Record<string, number | null>) => page.evaluate((x) => window.harness.setManual(x), v);

/** Records the live region's text changes; only text outside aria-live="off" subtrees counts as spoken. */
async function recordAnnouncements(page: Page) {
  await page.evaluate(() => {
    const log: { text: string; at: number }[] = [];
    (window as unknown as { said: typeof log }).said = log;
    const region = document.querySelector('[role=status]');
    if (!region) throw new Error('no live region');
    const spoken = (n: Node): string => {
      if (n instanceof Element && (n.getAttribute('aria-live') === 'off' || n.getAttribute('aria-hidden') === 'true')) return '';
      if (n.nodeType === Node.TEXT_NODE) return n.textContent ?? '';
      return [...n.childNodes].map(spoken).join('');
    };
    let last = spoken(region);
    new MutationObserver(() => {
      const now = spoken(region);
      if (now !== last) log.push({ text: (last = now), at: performance.now() });
    }).observe(region, { subtree: true, childList: true, characterData: true, attributes: true });
  });
}

const said = (page: Page) => page.evaluate(() => (window as unknown as { said: { text: string; at: number }[] }).said);

test('the live region announces a state only after it has held, and never a short blip', async ({ page }) => {
  await openHarness(page);
  // Kinds are recorded from before the mount, so the turn to Good is timed when it happens, not when a
  // recorder attached after it first looked.
  await recordKinds(page);
  await mountManual(page, GOOD);
  await recordAnnouncements(page);
  await expect(badge(page)).toHaveAttribute('data-state', 'good');
  await expect.poll(() => said(page), { timeout: 5000 }).toHaveLength(1);
  const first = (await said(page))[0]!;
  expect(first.text).toBe('Network: Good. Upload, download and round trip are within normal ranges.');
  const goodAt = (await page.evaluate(() => window.kindLog)).find((k) => k.kind === 'good')!.at;
  expect(first.at - goodAt).toBeGreaterThanOrEqual(DELAY - 50);

  // A blip to Poor shorter than the delay: shown at once, never spoken.
  await setManual(page, BAD);
  await expect(badge(page)).toHaveAttribute('data-state', 'bad');
  await page.waitForTimeout(300);
  await setManual(page, GOOD);
  await expect(badge(page)).toHaveAttribute('data-state', 'good');
  const log = await page.evaluate(() => window.kindLog);
  const blip = log.at(-1)!.at - log.filter((k) => k.kind === 'bad').at(-1)!.at;
  expect(blip, 'the blip must be shorter than the delay for this test to mean anything').toBeLessThan(DELAY);
  await page.waitForTimeout(DELAY + 500);
  expect((await said(page)).map((s) => s.text)).toEqual([first.text]);

  // Held: spoken, once, after the delay, with the reason and its value.
  await setManual(page, FAIR);
  await expect(badge(page)).toHaveAttribute('data-state', 'warning');
  await expect.poll(async () => (await said(page)).length, { timeout: 5000 }).toBe(2);
  const second = (await said(page))[1]!;
  expect(second.text).toBe('Network: Fair. Round trip is 400 ms');
  const fairAt = (await page.evaluate(() => window.kindLog)).filter((k) => k.kind === 'warning').at(-1)!.at;
  expect(second.at - fairAt).toBeGreaterThanOrEqual(DELAY - 50);
  await page.waitForTimeout(DELAY);
  expect(await said(page)).toHaveLength(2);
});

test('the visible state word is outside the live region, so the badge changes at once without chatter', async ({ page }) => {
  await openHarness(page);
  await mountManual(page, GOOD);
  await expect(badge(page)).toHaveAttribute('data-state', 'good');
  await expect(pill(page)).toHaveAttribute('aria-live', 'off');
  await expect(badge(page)).toHaveAttribute('aria-atomic', 'false');
  // The button's accessible name still says the current state.
  await expect(pill(page)).toHaveAccessibleName('Network: Good');
});

test('keyboard: Tab to the badge, Enter opens, Escape closes and returns focus, Space reopens', async ({ page }) => {
  await openHarness(page);
  await mountManual(page, FAIR);
  await expect(badge(page)).toHaveAttribute('data-state', 'warning');
  await page.keyboard.press('Tab');
  await expect(pill(page)).toBeFocused();
  const outline = await pill(page).evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(outline).toBe('solid'); // visible focus
  await expect(pill(page)).toHaveAttribute('aria-expanded', 'false');
  await page.keyboard.press('Enter');
  await expect(pill(page)).toHaveAttribute('aria-expanded', 'true');
  await expect(page.locator('.ch-details')).toBeVisible();
  await expect(page.locator('.ch-reason-text')).toHaveText(['Round trip is 400 ms']);
  // Into the details: the graphs toggle is reachable and operable by keyboard.
  await page.keyboard.press('Tab');
  await expect(page.locator('[data-ch=toggle-graphs]')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('[data-ch=panel]')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.locator('.ch-details')).toBeHidden();
  await expect(pill(page)).toBeFocused();
  await expect(pill(page)).toHaveAttribute('aria-expanded', 'false');
  await page.keyboard.press('Space');
  await expect(page.locator('.ch-details')).toBeVisible();
  await page.locator('[data-ch=close]').press('Enter');
  await expect(page.locator('.ch-details')).toBeHidden();
  await expect(pill(page)).toBeFocused();
});

function contrast(fg: string, bg: string): number {
  const lum = (c: string) => {
    const [r, g, b] = (c.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number).map((v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  };
  const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
  return (a! + 0.05) / (b! + 0.05);
}

for (const scheme of ['light', 'dark'] as const) {
  test(`WCAG AA contrast of every badge state and the panel text, ${scheme} (prefers-color-scheme)`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await openHarness(page);
    await mountManual(page, GOOD, { mode: 'panel' });
    for (const [values, state] of [[GOOD, 'good'], [FAIR, 'warning'], [BAD, 'bad'], [{}, 'unknown']] as const) {
      await setManual(page, values);
      await expect(badge(page)).toHaveAttribute('data-state', state);
      const [fg, bg] = await pill(page).evaluate((el) => [getComputedStyle(el).color, getComputedStyle(el).backgroundColor]);
      expect(contrast(fg!, bg!), `${state}: ${fg} on ${bg}`).toBeGreaterThanOrEqual(4.5);
    }
    const card = page.locator('.ch-details');
    const cardBg = await card.evaluate((el) => getComputedStyle(el).backgroundColor);
    for (const sel of ['.ch-reason-text', '.ch-reason-action', '.ch-metric-label', '.ch-scope']) {
      const fg = await page.locator(sel).first().evaluate((el) => getComputedStyle(el).color);
      expect(contrast(fg, cardBg), `${sel}: ${fg} on ${cardBg}`).toBeGreaterThanOrEqual(4.5);
    }
    // The scheme really applied: dark text on light, or light on dark.
    const lightBg = contrast(cardBg, 'rgb(255, 255, 255)') < 1.5;
    expect(lightBg).toBe(scheme === 'light');
  });
}

test('prefers-reduced-motion stops the measuring spinner', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await openHarness(page);
  await mountManual(page, {}, { minSamples: 1000 });
  await expect(badge(page)).toHaveAttribute('data-kind', 'measuring');
  expect(await page.locator('.ch-icon-measuring').evaluate((el) => getComputedStyle(el).animationName)).toBe('none');
  await page.emulateMedia({ reducedMotion: 'no-preference' });
  expect(await page.locator('.ch-icon-measuring').evaluate((el) => getComputedStyle(el).animationName)).toBe('ch-spin');
});
