import { expect, test } from '@playwright/test';
import type { Page } from 'puppeteer-core';

import { cspProbe, DRAWN_METRICS, inkPerMetric } from '../in-page';
import { firefoxMissing, launchFirefox, openPage, type LaunchedFirefox } from './launch';
import { missingLibBuild, serveLibPages, type LibServer } from '../lib-pages';
import { shoot } from '../screenshots';

// The widget from the production build in a real Firefox (firefox-esr, headless, WebDriver BiDi): every
// embedding — the mount function in badge and panel mode, the custom element, the Preact component, the
// standalone bundle in a plain page and under a strict CSP — in both themes where it draws differently. The
// harness pages are the Chromium specs' own (e2e/pages/widget.ts, plain/, csp/).

test.describe.configure({ mode: 'serial' });

let ff: LaunchedFirefox | null = null;
let lib: LibServer | null = null;
let skipReason: string | null = null;

test.beforeAll(async () => {
  test.setTimeout(60_000);
  skipReason = firefoxMissing();
  if (skipReason) return;
  ff = await launchFirefox();
  lib = await serveLibPages();
});

test.afterAll(async () => {
  await ff?.close();
  await lib?.close();
});

test.beforeEach(() => {
  test.skip(skipReason !== null, `Firefox specs skipped: ${skipReason}`);
});

function browser() {
  if (!ff) throw new Error('Firefox not launched');
  return ff.browser;
}

async function openHarness(baseURL: string | undefined, viewport?: { width: number; height: number }) {
  const opened = await openPage(browser(), `${baseURL}/e2e/pages/widget.html`, viewport);
  await opened.page.waitForSelector('body[data-ready=true]', { timeout: 10_000 });
  return opened;
}

const mountTrace = (page: Page, file: string, extra: Record<string, unknown>) =>
  page.evaluate((f, x) => window.harness.mountTrace(f, x), file, extra);

const attr = (page: Page, selector: string, name: string) =>
  page.$eval(selector, (el, n) => el.getAttribute(n), name);

const waitState = (page: Page, scope: string, state: string) =>
  page.waitForSelector(`${scope} .ch-badge[role=status][data-state=${state}]`, { timeout: 10_000 });

for (const theme of ['light', 'dark'] as const) {
  test(`badge (mount function), ${theme}: a verdict, keyboard open and Escape, the live region speaks`, async ({ baseURL }) => {
    const { page, errors } = await openHarness(baseURL, { width: 520, height: 420 });
    await page.evaluate((t) => document.body.classList.toggle('dark', t === 'dark'), theme);
    await mountTrace(page, 'congested-upload.json', { theme, speed: 10 });
    await waitState(page, '', 'bad');
    expect(await attr(page, '.call-health', 'data-scheme')).toBe(theme);
    const root = await page.$('.call-health');
    await shoot(`badge-${theme}-firefox.png`, async (path) => { await root?.screenshot({ path }); });

    // Keyboard only: Tab reaches the pill, Enter opens it, Escape closes it and gives focus back.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('ch-pill');
    await page.keyboard.press('Enter');
    await page.waitForSelector('.ch-reason', { visible: true, timeout: 5_000 });
    expect(await attr(page, '.ch-pill', 'aria-expanded')).toBe('true');
    const reasons = await page.$$eval('.ch-reason', (els) => els.map((e) => (e as HTMLElement).dataset['reason']));
    expect(reasons).toContain('availableOutgoingBitrate');
    await shoot(`badge-open-${theme}-firefox.png`, async (path) => { await page.screenshot({ path }); });
    await page.keyboard.press('Escape');
    expect(await attr(page, '.ch-pill', 'aria-expanded')).toBe('false');
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('ch-pill');

    // The polite live region says the verdict once it has held.
    await page.waitForFunction(() => /^Network: Poor\./.test(document.querySelector('[data-ch=announcement]')?.textContent ?? ''), { timeout: 10_000 });
    expect(await attr(page, '.ch-badge', 'role')).toBe('status');
    await page.close();
    expect(errors).toEqual([]);
  });

  test(`panel (mount function), ${theme}: every row, the sparklines draw and redraw`, async ({ baseURL }) => {
    const { page, errors } = await openHarness(baseURL, { width: 520, height: 760 });
    await page.evaluate((t) => document.body.classList.toggle('dark', t === 'dark'), theme);
    await mountTrace(page, 'congested-upload.json', { theme, mode: 'panel', speed: 10 });
    await waitState(page, '', 'bad');
    await page.waitForSelector('[data-ch=cpu]', { visible: true, timeout: 10_000 });
    expect(await page.$$eval('.ch-panel canvas', (c) => c.length)).toBe(10);
    // Wait for a few polls' worth of points, then every metric with values has a line on its canvas.
    await page.waitForFunction(() => (window.harness.assessment()?.newestTimestamp ?? 0) > 0, { timeout: 5_000 });
    await new Promise((r) => setTimeout(r, 1_500));
    const ink = await page.evaluate(inkPerMetric);
    for (const m of DRAWN_METRICS) {
      expect(ink[m], `${m} sparkline`).toBeGreaterThan(20);
    }
    const before = await page.$eval('.ch-metric[data-metric=sendBitsPerSecond] canvas', (c) => (c as HTMLCanvasElement).toDataURL());
    await page.waitForFunction(
      (b) => (document.querySelector('.ch-metric[data-metric=sendBitsPerSecond] canvas') as HTMLCanvasElement).toDataURL() !== b,
      { timeout: 5_000 },
      before,
    );
    await shoot(`panel-${theme}-firefox.png`, async (path) => { await page.screenshot({ path }); });
    await page.close();
    expect(errors).toEqual([]);
  });
}

test('the custom element and the Preact component reach their verdicts and report state changes', async ({ baseURL }) => {
  const { page, errors } = await openHarness(baseURL);
  await page.evaluate(() => window.harness.mountElement('lossy-download.json', { mode: 'badge', theme: 'dark' }));
  await waitState(page, 'call-health', 'bad');
  expect(await page.evaluate(() => window.harness.states)).toContain('bad');
  await page.evaluate(() => window.harness.removeElement());
  expect(await page.$$eval('.call-health', (els) => els.length)).toBe(0);

  await page.evaluate(() => window.harness.mountComponent('good.json', { mode: 'panel' }));
  await waitState(page, '#target', 'good');
  await page.waitForSelector('.ch-panel canvas', { timeout: 5_000 });
  await page.evaluate(() => window.harness.unmountComponent());
  expect(await page.$$eval('.call-health', (els) => els.length)).toBe(0);
  await page.close();
  expect(errors).toEqual([]);
});

test('the standalone bundle in a plain page: docked bottom-right, opens, destroys cleanly', async () => {
  expect(missingLibBuild()).toBeNull();
  const { page, errors } = await openPage(browser(), `${lib?.origin}/plain/index.html`, { width: 800, height: 600 });
  await waitState(page, '#frame', 'good');
  await waitState(page, '#el', 'good');
  expect(await page.$eval('#frame .ch-pill', (el) => getComputedStyle(el).borderTopLeftRadius)).toBe('999px');
  const box = await page.$eval('#frame .ch-pill', (el) => {
    const f = (el.closest('#frame') as HTMLElement).getBoundingClientRect();
    const b = el.getBoundingClientRect();
    return { right: f.right - b.right, bottom: f.bottom - b.bottom };
  });
  expect(box.right).toBeLessThan(40);
  expect(box.bottom).toBeLessThan(40);
  await page.click('#frame .ch-pill');
  await page.waitForSelector('#frame .ch-reason-text', { timeout: 5_000 });
  expect(await page.$$eval('#frame .ch-reason-text', (els) => els.map((e) => e.textContent))).toEqual([
    'Upload, download and round trip are within normal ranges.',
  ]);
  await page.evaluate(() => (window as unknown as { handle: { destroy(): void } }).handle.destroy());
  expect(await page.$eval('#frame', (f) => f.childNodes.length)).toBe(0);
  await page.close();
  expect(errors).toEqual([]);
});

test('under a strict CSP with Trusted Types: badge, panel and element mount with zero violations', async () => {
  expect(missingLibBuild()).toBeNull();
  const { page, errors } = await openPage(browser(), `${lib?.origin}/csp/index.html`, { width: 800, height: 900 });
  await page.waitForSelector('body[data-ready=true]', { timeout: 10_000 });
  // The policy is in force in this Firefox: an inline style attribute and a string sink are refused. Firefox
  // reports violations as securitypolicyviolation events (listen.js collects them) and console errors.
  const probe = await page.evaluate(cspProbe);
  expect(probe).toEqual({ sink: 'blocked', applied: 'rgb(0, 0, 0)' });
  await new Promise((r) => setTimeout(r, 200));
  await page.evaluate(() => ((window as unknown as { cspViolations: string[] }).cspViolations.length = 0));
  errors.length = 0;

  await waitState(page, '#frame', 'bad');
  await waitState(page, '#panel', 'bad');
  await waitState(page, 'call-health', 'bad');
  await page.waitForFunction(() => document.querySelectorAll('#panel .ch-panel canvas').length === 10, { timeout: 10_000 });
  expect(await page.$eval('#frame .call-health', (el) => getComputedStyle(el).position)).toBe('absolute');
  await page.click('#frame .ch-pill');
  await page.click('#frame [data-ch=toggle-graphs]');
  await page.waitForFunction(() => document.querySelectorAll('#frame .ch-panel canvas').length === 10, { timeout: 10_000 });
  await new Promise((r) => setTimeout(r, 1_000));
  await page.evaluate(() => {
    const w = window as unknown as { badge: { destroy(): void }; panel: { destroy(): void } };
    w.badge.destroy();
    w.panel.destroy();
    document.querySelector('call-health')?.remove();
  });
  await new Promise((r) => setTimeout(r, 300));
  expect(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)).toEqual([]);
  await page.close();
  expect(errors).toEqual([]);
});
