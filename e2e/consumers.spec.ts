import { expect, test, type Browser } from '@playwright/test';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { appsToRun, type AppSpec } from './consumers/apps';
import { check, printSummary, timed, timings } from './consumers/checks';
import { killRunning } from './consumers/commands';
import { closeAllServers, closeServer, serve } from './consumers/dist-server';
import { buildApps, installApps, typeCheckApps } from './consumers/install-build';
import { packTarball } from './consumers/pack';

// The packed package as a new user meets it: `npm pack`'s tarball installed into
// template-shaped apps in a temporary folder (plain TS, React 19, Preact 10 — the latest and the lowest the
// peer range claims — and Preact 11), each
// type-checked (strict, bundler and nodenext resolution), built with Vite, served, and run in Chromium on a
// real loopback call. App sources live in e2e/consumers/ as *.tmpl files (so the repo's own tsc skips them),
// beside the steps that write, pack, install and build them.
//
// Every check is a soft assertion inside one test, so one missing piece doesn't hide the others; the end
// of the test prints a table of every check and the time each phase took.
// KEEP_CONSUMERS=1 keeps the temporary folder (its path is printed) for a look afterwards.

const ROOT = resolve(import.meta.dirname, '..');
let work = '';

const VERDICT = /^(good|warning|bad)$/;

async function inBrowser(browser: Browser, app: AppSpec, url: string): Promise<void> {
  const context = await browser.newContext({ viewport: { width: 800, height: 600 } });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  try {
    await page.goto(url);
    const started = await page
      .waitForFunction(() => document.body.dataset['ready'] === 'true' || document.body.dataset['error'] !== undefined, null, { timeout: 30_000 })
      .then(() => page.evaluate(() => document.body.dataset['error'] ?? 'ok'))
      .catch((e: unknown) => String(e));
    check(app.name, 'page starts (loopback call connected, widgets mounted)', started === 'ok', started);

    const frameBadge = page.locator('.frame .call-health .ch-badge[role=status]');
    const appeared = await frameBadge.waitFor({ timeout: 15_000 }).then(() => true, () => false);
    check(app.name, 'badge appears in the 480×270 frame', appeared, await page.locator('.frame').innerHTML().catch(() => 'no .frame'));

    const verdict = async (badge: typeof frameBadge): Promise<string> => {
      await expect(badge).toHaveAttribute('data-state', VERDICT, { timeout: 30_000 }).catch(() => undefined);
      return (await badge.getAttribute('data-state').catch(() => null)) ?? 'absent';
    };
    const state = appeared ? await verdict(frameBadge) : 'absent';
    const tick = await page.locator('#tick').getAttribute('data-tick').catch(() => null);
    check(app.name, 'frame badge reaches a verdict', VERDICT.test(state), `data-state=${state}${tick === null ? '' : `, parent re-renders so far: ${tick}`}`);
    if (app.ext === 'tsx') {
      // Not vacuous: the parent really re-rendered (new inline props each time) before the verdict came.
      check(app.name, 'parent re-rendered every second meanwhile (inline props, no remount)', Number(tick) >= 3, `re-renders: ${tick}`);
    }
    if (app.ext === 'tsx' && state === 'good') {
      const text = await page.locator('.frame .ch-pill-text').textContent().catch(() => null);
      check(app.name, 'inline labels={{ good: "OK" }} applied', text === 'OK', `pill text: ${text}`);
    }

    // The second embedding: <call-health> (vanilla, React) or mountCallHealth (Preact).
    const hostBadge = page.locator('#element-host .ch-badge[role=status]');
    const hostState = (await hostBadge.count()) > 0 ? await verdict(hostBadge) : 'absent';
    const second = app.element ? '<call-health> element' : 'mountCallHealth in the Preact app';
    check(app.name, `${second} reaches a verdict`, VERDICT.test(hostState), `data-state=${hostState}`);
    if (app.element) {
      const evState =
        app.element === 'data'
          ? await page.evaluate(() => document.body.dataset['elementState'] ?? 'none')
          : await page.locator('#element-state').textContent().catch(() => null);
      check(app.name, 'typed statechange event delivered (e.detail.networkState)', evState !== null && VERDICT.test(evState), `last statechange: ${evState}`);
    }

    // Open the docked badge and the graphs: every metric row must be reachable inside the frame.
    if (appeared) {
      const clicked = await page.locator('.frame .ch-pill').click().then(() => 'ok', (e: unknown) => String(e));
      check(app.name, 'badge is clickable', clicked === 'ok', clicked);
      const details = page.locator('.frame .ch-details');
      const opened = await details.waitFor({ state: 'visible', timeout: 5_000 }).then(() => true, () => false);
      check(app.name, 'badge opens its card', opened);
      const toggle = page.locator('.frame [data-ch=toggle-graphs]');
      if (opened && (await toggle.count()) > 0) {
        await toggle.click().catch(() => undefined);
        const panel = await page.locator('.frame .ch-panel').waitFor({ state: 'visible', timeout: 15_000 }).then(() => true, () => false);
        check(app.name, 'panel (graphs chunk) loads', panel);
        const rowsCount = await page.locator('.frame .ch-metric').count();
        const last = page.locator('.frame .ch-metric').last();
        await last.scrollIntoViewIfNeeded({ timeout: 5_000 }).catch(() => undefined);
        const lastVisible = rowsCount > 0 && (await last.isVisible());
        check(app.name, 'last .ch-metric scrolled into view is visible', lastVisible, `${rowsCount} metric rows`);
        // Each row: scrolled into view, inside the frame and the viewport, and the topmost element at its centre.
        const reach = await page.evaluate(() => {
          const frame = document.querySelector('.frame')!;
          const bad: string[] = [];
          const cut: string[] = [];
          for (const row of Array.from(document.querySelectorAll<HTMLElement>('.frame .ch-metric'))) {
            row.scrollIntoView({ block: 'nearest' });
            const r = row.getBoundingClientRect();
            const f = frame.getBoundingClientRect();
            const x = r.left + Math.min(r.width / 2, 40);
            const y = r.top + Math.min(r.height / 2, 10);
            const hit = document.elementFromPoint(x, y);
            const inside = r.top >= f.top - 1 && r.bottom <= f.bottom + 1 && r.left >= f.left - 1 && r.right <= f.right + 1;
            const inView = r.top >= 0 && r.bottom <= window.innerHeight;
            const id = row.dataset['metric'] ?? '?';
            if (!inside || !inView || !hit || !row.contains(hit)) {
              bad.push(`${id} (top ${r.top.toFixed(0)}, bottom ${r.bottom.toFixed(0)}; frame ${f.top.toFixed(0)}–${f.bottom.toFixed(0)}; hit ${hit?.className || hit?.tagName || 'nothing'})`);
            }
            const label = row.querySelector<HTMLElement>('.ch-metric-label');
            if (label && label.scrollWidth > label.clientWidth + 1) cut.push(`${id}: "${label.textContent}"`);
          }
          return { bad, cut };
        });
        check(app.name, 'every metric row reachable inside the 480×270 frame', rowsCount > 0 && reach.bad.length === 0, reach.bad.join('\n'));
        check(app.name, 'metric names not cut off', reach.cut.length === 0, reach.cut.join('\n'));
      }
    }
    check(app.name, 'no page error, no console error', errors.length === 0, errors.join('\n'));
  } finally {
    await context.close();
  }
}

// ---------------------------------------------------------------------------------------------------------

test.describe.configure({ mode: 'serial' });

test.afterAll(async () => {
  printSummary();
  killRunning();
  await closeAllServers();
  if (work && !process.env['KEEP_CONSUMERS']) rmSync(work, { recursive: true, force: true });
});

test('the packed package in plain TS, React 19, Preact 10 (latest and lowest claimed) and Preact 11 apps', async ({ browser }) => {
  test.setTimeout(8 * 60_000);
  const t0 = Date.now();
  work = mkdtempSync(join(tmpdir(), 'call-health-consumers-'));
  console.log(`[consumers] working in ${work}`);

  // 1. The tarball, every exports target in it.
  const tarball = await packTarball(ROOT, work);

  // The lowest Preact 10 the package claims (peerDependencies), as well as the latest 10 and 11.
  const manifestPeers = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { peerDependencies?: Record<string, string> }).peerDependencies;
  const apps = appsToRun(manifestPeers?.['preact']);
  console.log(`[consumers] apps: ${apps.map((a) => `${a.name}${a.dependencies['preact'] ? ` (preact ${a.dependencies['preact']})` : ''}`).join(', ')}`);

  // 2. Installs, all at once.
  const dirs = await installApps(apps, tarball, work);

  // 3. Types, build, copies of Preact: per app (the type checks of all apps run side by side).
  await typeCheckApps(apps, dirs, work);
  const built = await buildApps(apps, dirs);

  // 4. Each build, served and opened in Chromium.
  for (const [i, app] of apps.entries()) {
    if (!built[i]) continue;
    const { url, server } = await serve(join(dirs[i]!, 'dist'));
    try {
      await timed(`Chromium: ${app.name}`, () => inBrowser(browser, app, url));
    } finally {
      await closeServer(server);
    }
  }

  timings['total'] = Date.now() - t0;
});
