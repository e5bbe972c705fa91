import { expect, test, type Page } from '@playwright/test';
import { openFaults, problems } from './fault-helpers';
import { counts, INSTRUMENT } from './leak-instrument';

// 200 mount/destroy cycles — badge and panel (uPlot charts), over a source and over a fake Daily call —
// leave no timer, interval, animation frame, listener or node behind. Counted two ways, in two runs: the
// page's own instrumentation (e2e/leak-instrument.ts), and Chromium's DOM counters after a forced GC
// (without the instrumentation, whose bookkeeping holds on to every target it saw).

async function domCounters(page: Page): Promise<{ nodes: number; jsEventListeners: number }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const c = await cdp.send('Memory.getDOMCounters');
  await cdp.detach();
  return { nodes: c.nodes, jsEventListeners: c.jsEventListeners };
}

/** Mounts and destroys `n` times in the page; returns the listeners left on the fake calls. */
const cycle = (page: Page, n = 200) =>
  page.evaluate(async (n) => {
    const f = window.faults;
    const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    let leftOnCalls = 0;
    for (let i = 0; i < n; i++) {
      const extra = { mode: i % 2 ? ('panel' as const) : ('badge' as const), position: i % 3 ? ('inline' as const) : ('top-right' as const) };
      const call = i % 4 === 3 ? f.mountCall('https://team.daily.co/room?t=secret', extra) : null;
      if (call) call.join();
      else f.mount(extra);
      // Every tenth cycle lives long enough to poll, draw its charts and open the pill.
      if (i % 10 === 0) {
        await new Promise((r) => setTimeout(r, 120));
        document.querySelector<HTMLButtonElement>('#target .ch-pill')?.click();
      }
      await frame();
      f.destroy();
      leftOnCalls += call?.listenerCount() ?? 0;
    }
    return leftOnCalls;
  }, n);

test('200 mount/destroy cycles leave no timers, listeners or nodes, and nothing polls', async ({ page }) => {
  await page.addInitScript(INSTRUMENT);
  const errors = await openFaults(page);
  await page.waitForTimeout(400);
  const before = await counts(page);
  expect(await cycle(page)).toBe(0);
  const polled = await page.evaluate(() => window.faults.polls);
  expect(polled).toBeGreaterThan(20);
  await page.waitForTimeout(500);
  expect(await page.evaluate(() => window.faults.polls)).toBe(polled);
  expect(await counts(page)).toEqual(before);
  expect(await page.locator('#target').evaluate((t) => t.childNodes.length)).toBe(0);
  expect(await problems(page, errors)).toEqual([]);
});

test('200 mount/destroy cycles: the DOM counters of Chromium do not grow (after GC)', async ({ page }) => {
  const errors = await openFaults(page);
  // A warm-up first: the last widget rendered stays reachable from library module state until the next
  // render (a constant, one widget's worth); what must not happen is growth with every cycle.
  expect(await cycle(page, 20)).toBe(0);
  await page.waitForTimeout(400);
  const before = await domCounters(page);
  expect(await cycle(page)).toBe(0);
  await page.waitForTimeout(400);
  expect(await domCounters(page)).toEqual(before);
  expect(await problems(page, errors)).toEqual([]);
});
