import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { openFaults, problems } from './fault-helpers';
import { cspProbe } from './in-page';
import { libPageFile, missingLibBuild } from './lib-pages';

// Security: the strict-CSP page (e2e/pages/csp/) is served by Playwright with the policy as a
// real response header, next to the built standalone bundle and its CSS (e2e/lib-pages.ts).
async function serveCspPage(page: Page): Promise<void> {
  await page.route('**/csp/**', (route) => {
    const f = libPageFile(new URL(route.request().url()).pathname);
    if (!f) return route.fulfill({ status: 404 });
    return route.fulfill({ contentType: f.contentType, headers: f.headers, body: readFileSync(f.file) });
  });
}

test('under a strict CSP with Trusted Types the widget mounts in badge, panel and element form with zero violations, and requests nothing of its own', async ({ page }) => {
  expect(missingLibBuild()).toBeNull();
  const logged: string[] = [];
  page.on('pageerror', (e) => logged.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') logged.push(`${m.type()}: ${m.text()}`);
  });
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  await serveCspPage(page);
  await page.goto('/csp/index.html');
  await expect(page.locator('body[data-ready=true]')).toBeAttached();

  // The policy really is in force: an inline style attribute and a string sink are refused.
  const probe = await page.evaluate(cspProbe);
  expect(probe).toEqual({ sink: 'blocked', applied: 'rgb(0, 0, 0)' });
  await page.evaluate(() => ((window as unknown as { cspViolations: string[] }).cspViolations.length = 0));
  logged.length = 0;

  const badge = page.locator('#frame .ch-badge[role=status]');
  await expect(badge).toHaveAttribute('data-state', 'bad', { timeout: 10_000 });
  await expect(page.locator('#panel .ch-badge[role=status]')).toHaveAttribute('data-state', 'bad', { timeout: 10_000 });
  await expect(page.locator('call-health .ch-badge[role=status]')).toHaveAttribute('data-state', 'bad', { timeout: 10_000 });
  await expect(page.locator('#panel .ch-panel canvas')).toHaveCount(10);
  // The stylesheet applies (docked top-right) and the charts have drawn.
  expect(await page.locator('#frame .call-health').evaluate((el) => getComputedStyle(el).position)).toBe('absolute');
  await page.locator('#frame .ch-pill').click();
  await page.locator('#frame [data-ch=toggle-graphs]').click();
  await expect(page.locator('#frame .ch-panel canvas')).toHaveCount(10);
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.waitForTimeout(1_000);
  await page.evaluate(() => {
    const w = window as unknown as { badge: { destroy(): void }; panel: { destroy(): void } };
    w.badge.destroy();
    w.panel.destroy();
    document.querySelector('call-health')?.remove();
  });
  await page.waitForTimeout(300);

  expect(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)).toEqual([]);
  expect(logged).toEqual([]);
  const origin = new URL(page.url()).origin;
  const own = ['/csp/index.html', '/csp/call-health.css', '/csp/page.css', '/csp/listen.js', '/csp/app.js', '/csp/call-health.standalone.js', '/traces/lossy-download.json'];
  // Only the page's own files: no beacon, font, CDN or analytics request from the widget. Besides the ones
  // above, the bundle's own chunks (the lazily loaded panel, served beside it) and nothing else.
  const paths = requests.filter((u) => !u.startsWith('data:')).map((u) => (u.startsWith(origin) ? new URL(u).pathname : u));
  const chunks = paths.filter((p) => /^\/csp\/call-health\.standalone-[\w-]+\.js$/.test(p));
  expect(chunks.length).toBeGreaterThan(0); // the panel mode above loaded its chunk, under the same CSP
  expect(paths.filter((p) => !chunks.includes(p)).sort()).toEqual([...own].sort());
});

test('nothing the widget shows, exports or logs carries the room URL\'s query or a meeting token', async ({ page }) => {
  const consoleText: string[] = [];
  page.on('console', (m) => consoleText.push(m.text()));
  const errors = await openFaults(page);
  const room = 'https://team.daily.co/standup?t=secret-meeting-token#frag';
  const out = await page.evaluate(async (url) => {
    const f = window.faults;
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJyIjoic2VjcmV0LXJvb20ifQ.c2VjcmV0LXNpZw';
    // The call's own errors may quote the room URL and token: the widget must not repeat them.
    f.behaveCall = (n) =>
      n % 10 >= 6 ? Promise.reject(new Error(`Failed to fetch ${url} (token ${jwt}, t=secret-meeting-token)`)) : Promise.resolve(f.result(n % 7 ? f.GOOD : f.BAD));
    const call = f.mountCall(url, { roomUrl: url, mode: 'panel' });
    call.join();
    const shown: string[] = [];
    for (let i = 0; i < 40; i++) {
      await new Promise((r) => setTimeout(r, 50));
      shown.push(document.getElementById('target')?.textContent ?? '');
    }
    call.leave();
    const h = f.handle();
    const exported = JSON.stringify(h?.exportSession());
    const summary = JSON.stringify(h?.summary());
    f.destroy();
    return { shown: shown.join('\n'), exported, summary };
  }, room);
  expect(out.shown).toContain('Stats unavailable: Failed to fetch https://team.daily.co/standup (token [redacted], t=[redacted])');
  expect(JSON.parse(out.exported)).toMatchObject({ roomUrl: 'https://team.daily.co/standup' });
  expect(JSON.parse(out.exported).samples.length).toBeGreaterThan(5);
  for (const text of [out.shown, out.exported, out.summary, ...consoleText]) {
    expect(text).not.toMatch(/secret|eyJ|#frag|\?t=/);
  }
  expect(await problems(page, errors)).toEqual([]);
});
