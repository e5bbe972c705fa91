import { expect, type Page } from '@playwright/test';

// Shared steps of the fault specs. The page is e2e/pages/faults.ts (window.faults).

/** Opens the fault harness; the returned list collects page errors and console errors from now on. */
export async function openFaults(page: Page): Promise<string[]> {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  await page.goto('/e2e/pages/faults.html');
  await expect(page.locator('body[data-ready=true]')).toBeAttached();
  return errors;
}

/** Page errors, console errors and unhandled rejections seen so far (none is the only good answer). */
export async function problems(page: Page, errors: string[]): Promise<string[]> {
  const unhandled = await page.evaluate(() => window.faults.unhandled.map((r) => `unhandledrejection: ${r}`));
  return [...errors, ...unhandled];
}

export const badge = (page: Page) => page.locator('#target .ch-badge[role=status]');
export const pill = (page: Page) => page.locator('#target .ch-pill');
export const reasons = (page: Page) => page.locator('#target .ch-reason-text');

/** Every data-kind the badge takes from now on, in order (a MutationObserver: independent of timers). */
export async function recordKinds(page: Page): Promise<void> {
  await page.evaluate(() => {
    const log: string[] = [];
    Object.assign(window, { kindLog: log });
    const note = () => {
      const k = document.querySelector('#target .ch-badge')?.getAttribute('data-kind') ?? '';
      if (k !== log[log.length - 1]) log.push(k);
    };
    note();
    new MutationObserver(note).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-kind'] });
  });
}

export const kinds = (page: Page) => page.evaluate(() => (window as unknown as { kindLog: string[] }).kindLog.filter((k) => k !== ''));
