import { expect, type Page } from '@playwright/test';

// Shared steps of the widget specs. The harness page is e2e/pages/widget.ts (window.harness).

export type Extra = Record<string, unknown>;

/** Opens a harness page, waits for its `data-ready`, and collects page errors and console errors. */
export async function openReadyPage(page: Page, path: string): Promise<string[]> {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.goto(path);
  await expect(page.locator('body[data-ready=true]')).toBeAttached();
  return errors;
}

export const openHarness = (page: Page): Promise<string[]> => openReadyPage(page, '/e2e/pages/widget.html');

export async function mountTrace(page: Page, file: string, extra: Extra = {}): Promise<void> {
  await page.evaluate(([f, x]) => window.harness.mountTrace(f, x), [file, extra] as const);
}

/** Records every value the badge's data-kind takes, with the time, from now on. */
export async function recordKinds(page: Page): Promise<void> {
  await page.evaluate(() => {
    const log: { kind: string; at: number }[] = [];
    window.kindLog = log;
    const badge = () => document.querySelector('.ch-badge');
    let last = '';
    const note = () => {
      const k = badge()?.getAttribute('data-kind') ?? '';
      if (k !== last) log.push({ kind: (last = k), at: performance.now() });
    };
    note();
    new MutationObserver(note).observe(document.body, { subtree: true, attributes: true, attributeFilter: ['data-kind'], childList: true });
  });
}

export async function kinds(page: Page): Promise<string[]> {
  return page.evaluate(() => window.kindLog.map((e) => e.kind));
}

/** Makes the page report itself hidden or visible and fires visibilitychange, as a tab switch would. */
export const setVisibility = (page: Page, state: 'hidden' | 'visible'): Promise<void> =>
  page.evaluate((s) => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => s });
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => s === 'hidden' });
    document.dispatchEvent(new Event('visibilitychange'));
  }, state);

export const badge = (page: Page) => page.locator('.ch-badge[role=status]');
export const pill = (page: Page) => page.locator('.ch-pill');

declare global {
  interface Window {
    harness: {
      states: string[];
      polls: { count: number };
      mountDaily(): void;
      destroyDaily(): Promise<void>;
      mountComponent(file: string, extra?: Extra): Promise<void>;
      unmountComponent(): void;
      mountTrace(file: string, extra?: Extra): Promise<void>;
      mountManual(extra?: Extra): void;
      setManual(values: Record<string, number | null>): void;
      mountElement(file: string, attrs?: Record<string, string>): Promise<boolean>;
      removeElement(): void;
      destroy(): void;
      assessment(): { networkState: string; metrics: Record<string, number | null>; newestTimestamp: number | null } | null;
    };
    kindLog: { kind: string; at: number }[];
  }
}
