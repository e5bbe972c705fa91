import { expect, test } from '@playwright/test';

// Real @daily-co/daily-js in real Chromium. There is no internet here, so the call object is created and
// never joined: that is exactly the state a widget sees before the user joins.
test('an unjoined real daily-js call object gives no errors and an unknown verdict', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.goto('/e2e/pages/daily-unjoined.html');
  await expect(page.locator('#verdict')).toHaveText('unknown:measuring:idle');

  // daily-js resolves {stats:{}} when not joined: the window must refuse it.
  const raw = await page.evaluate(() => (window as unknown as { callHealthTest: { rawStats(): Promise<unknown> } }).callHealthTest.rawStats());
  expect(raw).toMatchObject({ stats: {}, networkState: 'unknown' });
  const taken = await page.evaluate(() => (window as unknown as { callHealthTest: { pushRaw(): Promise<boolean> } }).callHealthTest.pushRaw());
  expect(taken).toBe(false);

  await page.waitForTimeout(2500); // a poll interval: an unjoined call must not be polled into a verdict
  await expect(page.locator('#verdict')).toHaveText('unknown:measuring:idle');
  await page.evaluate(() => (window as unknown as { callHealthTest: { destroy(): Promise<void> } }).callHealthTest.destroy());
  expect(errors).toEqual([]);
});
