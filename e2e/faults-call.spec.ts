import { expect, test, type Page } from '@playwright/test';
import { badge, kinds, openFaults, pill, problems, reasons, recordKinds } from './fault-helpers';
import { setVisibility } from './widget-helpers';

// The fault table, call side: a fake daily-js call object (e2e/pages/fake-call.ts, implementing
// DailyCallLike) — the real daily-js can't join a room without internet — and the faults that need a
// controlled clock (hangs, a sleeping tab), driven with Playwright's page.clock.

const ROOM = 'https://team.daily.co/standup?t=secret-meeting-token';
let errors: string[] = [];
test.afterEach(async ({ page }) => {
  expect(await problems(page, errors)).toEqual([]);
});

/** Opens the harness with a fake clock that only moves when the test says so. */
async function openWithClock(page: Page): Promise<void> {
  await page.clock.install({ time: new Date('2025-06-01T12:00:00Z') });
  errors = await openFaults(page);
  await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 100);
}
const polls = (page: Page) => page.evaluate(() => window.faults.polls);
const daily = { intervalMs: 2_000, windowMs: 30_000, staleAfterMs: 10_000 }; // the product defaults

test.describe('with a fake daily-js call', () => {
  test.beforeEach(async ({ page }) => {
    errors = await openFaults(page);
    // A 3 s window outlasts the ~1 s outage below, as 30 s outlasts a real blip; stale after 0.5 s.
    await page.evaluate((url) => window.faults.mountCall(url, { windowMs: 3_000 }), ROOM);
  });

  test('destroyed mid-poll: polling stops without error, listeners go, the old verdict is not kept', async ({ page }) => {
    await expect(badge(page)).toHaveAttribute('data-kind', 'no-data');
    await pill(page).click();
    await expect(reasons(page)).toHaveText(['Not in a call yet.']);
    expect(await polls(page)).toBe(0); // not joined: not polled
    await page.evaluate(() => window.faults.call?.join());
    await expect(badge(page)).toHaveAttribute('data-kind', 'good');
    const held = await page.evaluate(async () => {
      const f = window.faults;
      f.behaveCall = () => f.holdCall();
      const n = f.polls;
      while (f.polls === n) await new Promise((r) => setTimeout(r, 10));
      f.call?.destroy(); // while that poll is in flight
      return f.release();
    });
    expect(held).toBe(1);
    await expect(badge(page)).toHaveAttribute('data-kind', 'no-data');
    await expect(reasons(page)).toHaveText(['Not in the call any more.']);
    const n = await polls(page);
    await page.waitForTimeout(500);
    expect(await polls(page)).toBe(n);
    expect(await page.evaluate(() => window.faults.call?.listenerCount())).toBe(0);
    expect(await page.evaluate(() => window.faults.call?.unexpected)).toEqual([]);
  });

  test('left-meeting stops polling; joining again starts a fresh window (never the old verdict)', async ({ page }) => {
    await page.evaluate(() => window.faults.call?.join());
    await expect(badge(page)).toHaveAttribute('data-kind', 'good');
    await page.evaluate(() => window.faults.call?.leave());
    await expect(badge(page)).toHaveAttribute('data-kind', 'no-data');
    await pill(page).click();
    await expect(reasons(page)).toHaveText(['Not in the call any more.']);
    const n = await polls(page);
    await page.waitForTimeout(400);
    expect(await polls(page)).toBe(n);

    await recordKinds(page);
    await page.evaluate(() => {
      const f = window.faults;
      f.behaveCall = () => Promise.resolve(f.result(f.BAD));
      f.call?.join();
    });
    await expect(badge(page)).toHaveAttribute('data-kind', 'bad');
    expect(await kinds(page)).toEqual(['no-data', 'measuring', 'bad']);
  });

  test('network-connection interrupted then connected: Reconnecting…, then back to the verdict', async ({ page }) => {
    await page.evaluate(() => window.faults.call?.join());
    await expect(badge(page)).toHaveAttribute('data-kind', 'good');
    await recordKinds(page);
    await page.evaluate(() => {
      const f = window.faults;
      // While the connection is down Daily keeps answering with its last sample.
      const frozen = Date.now();
      f.behaveCall = () => Promise.resolve(f.result(f.GOOD, frozen));
      f.call?.connection('sfu', 'interrupted');
    });
    await expect(badge(page)).toHaveAttribute('data-kind', 'reconnecting');
    await expect(pill(page)).toContainText('Reconnecting…');
    await page.waitForTimeout(800); // past staleAfterMs: the samples went stale under it
    await page.evaluate(() => window.faults.call?.connection('sfu', 'connected'));
    await page.waitForTimeout(300);
    await expect(badge(page)).toHaveAttribute('data-kind', 'reconnecting'); // until a fresh sample
    await page.evaluate(() => {
      const f = window.faults;
      f.behaveCall = () => Promise.resolve(f.result(f.GOOD));
    });
    await expect(badge(page)).toHaveAttribute('data-kind', 'good');
    expect(await kinds(page)).toEqual(['good', 'reconnecting', 'good']); // never a "No data" flash
  });
});

test('never resolves: one call pending until the timeout, then back-off; 10 minutes leave a handful; the badge says stats stopped answering', async ({ page }) => {
  await openWithClock(page);
  await page.evaluate((o) => window.faults.mount(o), daily);
  await page.clock.runFor(6_000);
  await expect(badge(page)).toHaveAttribute('data-kind', 'good');
  await page.evaluate(() => (window.faults.behave = () => new Promise(() => {})));
  const start = await polls(page);
  await page.clock.runFor(2_000);
  expect(await polls(page)).toBe(start + 1); // hanging now
  await page.clock.runFor(4_900);
  expect(await polls(page)).toBe(start + 1); // no second call while the first is pending
  await page.clock.runFor(200);
  await expect(badge(page)).toHaveAttribute('data-kind', 'no-data'); // abandoned at 5 s
  await pill(page).click();
  await expect(reasons(page)).toHaveText([/^Stats stopped answering/]);
  await page.clock.runFor(10 * 60_000);
  const hung = (await polls(page)) - start;
  expect(hung).toBeGreaterThanOrEqual(5); // it does keep trying…
  expect(hung).toBeLessThanOrEqual(10); // …backing off: 2 s polls would have been 120 calls
  await expect(badge(page)).toHaveAttribute('data-kind', 'no-data');
  await expect(reasons(page)).toHaveText([/^Stats stopped answering/]);
});

test('tab hidden 10 minutes with its timers asleep, then visible: never the old verdict; a fresh one after new samples', async ({ page }) => {
  await openWithClock(page);
  await page.evaluate((o) => {
    const f = window.faults;
    f.behave = () => Promise.resolve(f.result(f.BAD));
    f.mount(o);
  }, daily);
  await page.clock.runFor(6_000);
  await expect(badge(page)).toHaveAttribute('data-kind', 'bad');
  await setVisibility(page, 'hidden');
  // Ten minutes pass on the wall clock while no timer runs (a throttled background tab).
  await page.clock.setSystemTime((await page.evaluate(() => Date.now())) + 10 * 60_000);
  await page.evaluate(() => {
    const f = window.faults;
    f.behave = () => Promise.resolve(f.result(f.GOOD));
  });
  await recordKinds(page);
  await setVisibility(page, 'visible');
  // No timer has run: only the visibility change can have told the widget.
  await expect(badge(page)).toHaveAttribute('data-kind', 'no-data');
  await pill(page).click();
  await expect(reasons(page)).toHaveText([/^No new measurements for 10 min( \d s)?\.$/]);
  await page.clock.runFor(2_000);
  await expect(badge(page)).toHaveAttribute('data-kind', 'measuring'); // one fresh sample: not a verdict yet
  await page.clock.runFor(4_000);
  await expect(badge(page)).toHaveAttribute('data-kind', 'good');
  expect(await kinds(page)).toEqual(['bad', 'no-data', 'measuring', 'good']);
});
