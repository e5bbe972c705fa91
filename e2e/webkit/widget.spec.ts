import { expect, test } from '@playwright/test';
import { cspProbe, DRAWN_METRICS, inkPerMetric } from '../in-page';
import { missingLibBuild, serveLibPages, type LibServer } from '../lib-pages';
import { startWebKit, webkitMissing, type WebKitSession } from './webdriver';
import { shoot } from '../screenshots';

// The widget from the production build in WebKit — Debian's WebKitGTK 2.50 MiniBrowser, the engine Safari is
// built on, on an Xvfb display: badge and panel in both themes, the custom element and the Preact component,
// the standalone bundle in a plain page and under a strict CSP. Rendering only: Debian builds WebKitGTK
// without WebRTC (no RTCPeerConnection), so no live call can run in it here (checked below).
// The browser runs with LANG=C.UTF-8, a Debian container's default, under which WebKitGTK reports
// navigator.language "C": the panel's charts must load anyway.

test.describe.configure({ mode: 'serial' });

let wk: WebKitSession | null = null;
let lib: LibServer | null = null;
let skipReason: string | null = null;

test.beforeAll(async () => {
  test.setTimeout(60_000);
  skipReason = webkitMissing();
  if (skipReason) return;
  wk = await startWebKit();
  lib = await serveLibPages();
});

test.afterAll(async () => {
  await wk?.close();
  await lib?.close();
});

test.beforeEach(() => test.skip(skipReason !== null, `WebKit specs skipped: ${skipReason}`));

function session(): WebKitSession {
  if (!wk) throw new Error('WebKit not started');
  return wk;
}

const hasState = (scope: string, state: string) =>
  document.querySelector(`${scope} .ch-badge[role=status]`)?.getAttribute('data-state') === state;

const pageErrors = () => (window as unknown as { pageErrors: string[] }).pageErrors;

async function openHarness(baseURL: string | undefined, theme: 'light' | 'dark') {
  const s = session();
  await s.navigate(`${baseURL}/e2e/pages/widget.html`);
  await s.waitUntil(() => document.body.dataset['ready'] === 'true', 'harness ready (panel chunk preloaded)', 10_000);
  await s.run((t) => document.body.classList.toggle('dark', t === 'dark'), theme);
  return s;
}

test('this WebKitGTK: no WebRTC, and the navigator.language the locale guard exists for', async ({ baseURL }) => {
  const s = await openHarness(baseURL, 'light');
  const facts = await s.run(() => ({ rtc: typeof RTCPeerConnection, language: navigator.language, ua: navigator.userAgent }));
  console.log(`[webkit] ${facts.ua}; RTCPeerConnection: ${facts.rtc}; navigator.language: ${facts.language}`);
  expect(facts.rtc).toBe('undefined');
  expect(facts.language).toBe('C');
});

for (const theme of ['light', 'dark'] as const) {
  test(`panel (mount function), ${theme}: a verdict, every row, the sparklines draw`, async ({ baseURL }) => {
    const s = await openHarness(baseURL, theme);
    await s.setWindowSize(560, 900);
    await s.run((t) => window.harness.mountTrace('congested-upload.json', { theme: t, mode: 'panel', speed: 10 }), theme);
    await s.waitUntil(hasState, 'Poor', 10_000, '', 'bad');
    await s.waitUntil(() => document.querySelectorAll('.ch-panel canvas').length === 10, '10 sparklines', 10_000);
    await new Promise((r) => setTimeout(r, 1_500));
    const ink = await s.run(inkPerMetric);
    for (const m of DRAWN_METRICS) expect(ink[m], `${m} sparkline`).toBeGreaterThan(20);
    expect(await s.run(() => document.querySelector('.call-health')?.getAttribute('data-scheme'))).toBe(theme);
    // The page keeps its own language: the guard gave uPlot a valid one only while its chunk loaded.
    expect(await s.run(() => navigator.language)).toBe('C');
    await shoot(`panel-${theme}-webkit.png`, (path) => s.screenshot(path));
    expect(await s.run(pageErrors)).toEqual([]);
  });

  test(`badge (mount function), ${theme}: a verdict, opens to its reasons`, async ({ baseURL }) => {
    const s = await openHarness(baseURL, theme);
    await s.setWindowSize(560, 480);
    await s.run((t) => window.harness.mountTrace('congested-upload.json', { theme: t, speed: 10 }), theme);
    await s.waitUntil(hasState, 'Poor', 10_000, '', 'bad');
    await s.run(() => document.querySelector<HTMLButtonElement>('.ch-pill')?.click());
    await s.waitUntil(() => document.querySelectorAll('.ch-reason').length > 0, 'reasons', 5_000);
    expect(await s.run(() => document.querySelector('.ch-pill')?.getAttribute('aria-expanded'))).toBe('true');
    const reasons = await s.run(() => [...document.querySelectorAll<HTMLElement>('.ch-reason')].map((e) => e.dataset['reason']));
    expect(reasons).toContain('availableOutgoingBitrate');
    await shoot(`badge-open-${theme}-webkit.png`, (path) => s.screenshot(path));
    expect(await s.run(pageErrors)).toEqual([]);
  });
}

test('the custom element and the Preact component reach their verdicts', async ({ baseURL }) => {
  const s = await openHarness(baseURL, 'light');
  await s.run(() => window.harness.mountElement('lossy-download.json', { mode: 'badge' }));
  await s.waitUntil(hasState, 'Poor in <call-health>', 10_000, 'call-health', 'bad');
  expect(await s.run(() => window.harness.states)).toContain('bad');
  await s.run(() => window.harness.removeElement());
  await s.run(() => window.harness.mountComponent('good.json', { mode: 'panel' }));
  await s.waitUntil(hasState, 'Good from the component', 10_000, '#target', 'good');
  await s.waitUntil(() => document.querySelectorAll('.ch-panel canvas').length === 10, 'its sparklines', 10_000);
  await s.run(() => window.harness.unmountComponent());
  expect(await s.run(() => document.querySelectorAll('.call-health').length)).toBe(0);
  expect(await s.run(pageErrors)).toEqual([]);
});

test('the standalone bundle in a plain page, and under a strict CSP with zero violations', async () => {
  expect(missingLibBuild()).toBeNull();
  const s = session();
  await s.navigate(`${lib?.origin}/plain/index.html`);
  await s.waitUntil(hasState, 'Good docked', 10_000, '#frame', 'good');
  await s.waitUntil(hasState, 'Good in the element', 10_000, '#el', 'good');
  expect(await s.run(() => getComputedStyle(document.querySelector('#frame .ch-pill') as Element).borderTopLeftRadius)).toBe('999px');
  await s.run(() => document.querySelector<HTMLButtonElement>('#frame .ch-pill')?.click());
  await s.waitUntil(() => !!document.querySelector('#frame .ch-reason-text'), 'its reason', 5_000);
  expect(await s.run(pageErrors)).toEqual([]);

  await s.navigate(`${lib?.origin}/csp/index.html`);
  await s.waitUntil(() => document.body.dataset['ready'] === 'true', 'CSP page ready', 10_000);
  // The policy is in force: an inline style attribute and a string HTML sink (Trusted Types) are refused.
  expect(await s.run(cspProbe)).toEqual({ sink: 'blocked', applied: 'rgb(0, 0, 0)' });
  await new Promise((r) => setTimeout(r, 200));
  await s.run(() => {
    (window as unknown as { cspViolations: string[] }).cspViolations.length = 0;
  });
  await s.waitUntil(hasState, 'Poor docked', 10_000, '#frame', 'bad');
  await s.waitUntil(hasState, 'Poor panel', 10_000, '#panel', 'bad');
  await s.waitUntil(() => document.querySelectorAll('#panel .ch-panel canvas').length === 10, 'panel sparklines', 10_000);
  await new Promise((r) => setTimeout(r, 1_000));
  await shoot('csp-page-webkit.png', (path) => s.screenshot(path));
  expect(await s.run(() => (window as unknown as { cspViolations: string[] }).cspViolations)).toEqual([]);
});
