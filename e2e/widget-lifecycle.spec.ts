import { expect, test, type Page } from '@playwright/test';
import { badge, mountTrace, openHarness, pill } from './widget-helpers';

// Counts what a page has running — pending timeouts, intervals, animation frames, and event listeners on
// targets that outlive the widget (window, document, media queries, connected nodes) — so a test can
// compare before mounting and after destroying. Listeners on nodes that left the document don't count:
// they go with their nodes.
const INSTRUMENT = () => {
  const timeouts = new Set<number>();
  const intervals = new Set<number>();
  const frames = new Set<number>();
  const listeners = new Map<EventTarget, Set<string>>();
  const fnIds = new WeakMap<object, number>();
  let nextFn = 0;
  const w = window;
  const st = w.setTimeout.bind(w);
  const ct = w.clearTimeout.bind(w);
  const si = w.setInterval.bind(w);
  const ci = w.clearInterval.bind(w);
  const raf = w.requestAnimationFrame.bind(w);
  const caf = w.cancelAnimationFrame.bind(w);
  w.setTimeout = ((fn: TimerHandler, ms?: number, ...rest: unknown[]) => {
    const id: number = st((...a: unknown[]) => {
      timeouts.delete(id);
      if (typeof fn === 'function') fn(...a);
    }, ms, ...rest);
    timeouts.add(id);
    return id;
  }) as typeof setTimeout;
  w.clearTimeout = ((id?: number) => {
    if (id !== undefined) timeouts.delete(id);
    ct(id);
  }) as typeof clearTimeout;
  w.setInterval = ((fn: TimerHandler, ms?: number, ...rest: unknown[]) => {
    const id: number = si(fn, ms, ...rest);
    intervals.add(id);
    return id;
  }) as typeof setInterval;
  w.clearInterval = ((id?: number) => {
    if (id !== undefined) intervals.delete(id);
    ci(id);
  }) as typeof clearInterval;
  w.requestAnimationFrame = (fn) => {
    const id = raf((t) => {
      frames.delete(id);
      fn(t);
    });
    frames.add(id);
    return id;
  };
  w.cancelAnimationFrame = (id) => {
    frames.delete(id);
    caf(id);
  };
  const key = (type: string, fn: unknown, opts: unknown) => {
    if (typeof fn !== 'object' && typeof fn !== 'function') return null;
    if (fn === null) return null;
    let id = fnIds.get(fn);
    if (id === undefined) fnIds.set(fn, (id = ++nextFn));
    const capture = typeof opts === 'boolean' ? opts : typeof opts === 'object' && opts !== null && 'capture' in opts ? Boolean(opts.capture) : false;
    return `${type}|${id}|${capture}`;
  };
  const add = EventTarget.prototype.addEventListener;
  const remove = EventTarget.prototype.removeEventListener;
  // Only listeners added by the page's own scripts count: Playwright adds (and later drops) some of its own.
  const fromPage = () => (new Error().stack ?? '').includes(location.origin);
  EventTarget.prototype.addEventListener = function (type, fn, opts) {
    const k = fromPage() ? key(type, fn, opts) : null;
    if (k) {
      const set = listeners.get(this) ?? new Set();
      set.add(k);
      listeners.set(this, set);
    }
    return add.call(this, type, fn, opts);
  };
  EventTarget.prototype.removeEventListener = function (type, fn, opts) {
    const k = key(type, fn, opts);
    if (k) listeners.get(this)?.delete(k);
    return remove.call(this, type, fn, opts);
  };
  Object.assign(window, {
    leakCounts: () => {
      let live = 0;
      for (const [target, set] of listeners) {
        if (target instanceof Node && !target.isConnected && target !== document) continue;
        live += set.size;
      }
      return {
        timeouts: timeouts.size,
        intervals: intervals.size,
        frames: frames.size,
        listeners: live,
        nodes: document.getElementsByTagName('*').length,
      };
    },
  });
};

type Counts = { timeouts: number; intervals: number; frames: number; listeners: number; nodes: number };
const counts = (page: Page) => page.evaluate(() => (window as unknown as { leakCounts(): Counts }).leakCounts());

async function settle(page: Page) {
  await page.waitForTimeout(400); // Preact's after-paint effects and uPlot's queued commit have run by then
}

test.beforeEach(async ({ page }) => {
  await page.addInitScript(INSTRUMENT);
});

test('mountCallHealth → destroy leaves no timers, listeners or nodes, and polling stops', async ({ page }) => {
  await openHarness(page);
  await settle(page);
  const before = await counts(page);
  await page.evaluate(() => {
    window.harness.setManual({ totalSendPacketLoss: 0.2, networkRoundTripTime: 0.05 });
    window.harness.mountManual({ intervalMs: 100, windowMs: 400, minSamples: 1, announceDelayMs: 5000, position: 'bottom-right' });
  });
  await expect(badge(page)).toHaveAttribute('data-state', 'bad');
  await pill(page).click();
  await page.locator('[data-ch=toggle-graphs]').click();
  await expect(page.locator('.ch-panel canvas')).toHaveCount(10);
  await page.emulateMedia({ colorScheme: 'dark' }); // theme listener fires, canvases repaint
  const during = await counts(page);
  expect(during.listeners).toBeGreaterThan(before.listeners); // the instrumentation sees the widget's own
  expect(during.timeouts).toBeGreaterThan(before.timeouts); // the poller and the pending announcement

  await page.evaluate(() => window.harness.destroy());
  await settle(page);
  expect(await counts(page)).toEqual(before);
  expect(await page.locator('#target').evaluate((t) => t.childNodes.length)).toBe(0);
  const polled = await page.evaluate(() => window.harness.polls.count);
  await page.waitForTimeout(500);
  expect(await page.evaluate(() => window.harness.polls.count)).toBe(polled);
});

test('a replayed trace in panel mode, destroyed mid-run, leaves nothing either', async ({ page }) => {
  await openHarness(page);
  await settle(page);
  const before = await counts(page);
  await mountTrace(page, 'reconnect.json', { mode: 'panel' });
  await expect(pill(page)).toContainText('Good', { timeout: 10_000 });
  await page.evaluate(() => window.harness.destroy());
  await settle(page);
  expect(await counts(page)).toEqual(before);
});

test('<call-health>: set its source, it monitors and dispatches statechange; removed, it leaves nothing', async ({ page }) => {
  await openHarness(page);
  await page.evaluate(() => customElements.get('call-health')); // nothing registered yet
  await settle(page);
  const before = await counts(page);
  await page.evaluate(() => window.harness.mountElement('congested-upload.json', { mode: 'panel', theme: 'dark' }));
  await expect(page.locator('call-health .call-health')).toHaveAttribute('data-theme', 'dark');
  await expect(page.locator('call-health .ch-badge')).toHaveAttribute('data-state', 'warning', { timeout: 10_000 });
  await expect(page.locator('call-health .ch-panel')).toBeVisible();
  expect(await page.evaluate(() => window.harness.states)).toContain('warning');
  // Changing an attribute applies it.
  await page.locator('call-health').evaluate((el) => el.setAttribute('theme', 'light'));
  await expect(page.locator('call-health .call-health')).toHaveAttribute('data-theme', 'light');
  await page.evaluate(() => window.harness.removeElement());
  await settle(page);
  const after = await counts(page);
  // customElements.define itself adds nothing that runs; the element node is gone with its subtree.
  expect(after).toEqual(before);
});

test('<CallHealth> Preact component: renders, reports state, unmounts clean', async ({ page }) => {
  await openHarness(page);
  await settle(page);
  const before = await counts(page);
  await page.evaluate(() => window.harness.mountComponent('lossy-download.json', { position: 'top-right' }));
  await expect(badge(page)).toHaveAttribute('data-state', 'bad', { timeout: 10_000 });
  await expect(page.locator('.call-health')).toHaveAttribute('data-position', 'top-right');
  expect(await page.evaluate(() => window.harness.states)).toContain('bad');
  await page.evaluate(() => window.harness.unmountComponent());
  await settle(page);
  expect(await counts(page)).toEqual(before);
});

test('with a real daily-js call object that is not joined: No data, "Not in a call yet", no polling errors', async ({ page }) => {
  const errors = await openHarness(page);
  await page.evaluate(() => window.harness.mountDaily());
  await expect(badge(page)).toHaveAttribute('data-kind', 'no-data');
  await page.waitForTimeout(2500); // a poll interval: an unjoined call is not polled into a verdict
  await expect(badge(page)).toHaveAttribute('data-state', 'unknown');
  await pill(page).click();
  await expect(page.locator('.ch-reason-text')).toHaveText(['Not in a call yet.']);
  await page.evaluate(() => window.harness.destroyDaily());
  expect(await page.locator('#target').evaluate((t) => t.childNodes.length)).toBe(0);
  expect(errors).toEqual([]);
});
