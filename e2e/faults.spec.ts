import { expect, test } from '@playwright/test';
import { badge, kinds, openFaults, pill, problems, reasons, recordKinds } from './fault-helpers';

// The fault table, source side: each test injects the fault through the source the widget polls
// (window.faults.behave) in real Chromium and asserts what the page shows. Short intervals and windows
// (100 ms / 1 s, set by the harness) keep them quick; none of these outcomes depends on the defaults.
// Every test ends with no page error, console error or unhandled rejection.

let errors: string[] = [];
test.beforeEach(async ({ page }) => {
  errors = await openFaults(page);
});
test.afterEach(async ({ page }) => {
  expect(await problems(page, errors)).toEqual([]);
});

test('getNetworkStats rejects every time: No data, "Stats unavailable: …", polling keeps its cadence', async ({ page }) => {
  await page.evaluate(() => {
    window.faults.behave = () => Promise.reject(new Error('stats down'));
    window.faults.mount();
  });
  await expect(badge(page)).toHaveAttribute('data-kind', 'no-data');
  await expect(badge(page)).toHaveAttribute('data-state', 'unknown');
  await expect(pill(page)).toContainText('No data');
  await pill(page).click();
  await expect(reasons(page)).toHaveText(['Stats unavailable: stats down']);
  const before = await page.evaluate(() => window.faults.polls);
  await page.waitForTimeout(1_000);
  const polled = (await page.evaluate(() => window.faults.polls)) - before;
  // 100 ms cadence: about ten in a second; a back-off (which is only for hangs) would give two or three.
  expect(polled).toBeGreaterThanOrEqual(6);
  expect(polled).toBeLessThanOrEqual(12);
});

test('rejects intermittently: the verdict comes from the samples it has, and recovers on the next good poll', async ({ page }) => {
  await recordKinds(page);
  await page.evaluate(() => {
    const f = window.faults;
    f.behave = (n) => (n % 2 === 0 ? Promise.reject(new Error('flaky')) : Promise.resolve(f.result(f.BAD)));
    f.mount({ windowMs: 3_000, staleAfterMs: 2_000 });
  });
  await expect(badge(page)).toHaveAttribute('data-kind', 'bad');
  await page.waitForTimeout(500);
  expect(await kinds(page)).toEqual(['measuring', 'bad']); // every other poll failing never hid the verdict
  // A run of failures: No data. Then one good poll brings the verdict straight back.
  await page.evaluate(() => (window.faults.behave = () => Promise.reject(new Error('down'))));
  await expect(badge(page)).toHaveAttribute('data-kind', 'no-data');
  await page.evaluate(() => {
    const f = window.faults;
    f.behave = () => Promise.resolve(f.result(f.GOOD));
  });
  await expect(badge(page)).toHaveAttribute('data-kind', 'bad', { timeout: 400 }); // mostly bad samples in the window
  await expect(badge(page)).toHaveAttribute('data-kind', 'good', { timeout: 5_000 }); // once the window has rolled
});

test('a synchronous throw, or a non-promise, is a failed poll', async ({ page }) => {
  await page.evaluate(() => {
    window.faults.behave = (n) => {
      if (n % 2) throw new Error('sync boom');
      return { not: 'a promise' };
    };
    window.faults.mount();
  });
  await expect(badge(page)).toHaveAttribute('data-kind', 'no-data');
  await pill(page).click();
  await expect(reasons(page)).toHaveText([/^Stats unavailable: (sync boom|getNetworkStats\(\) did not return a promise)$/]);
  const n = await page.evaluate(() => window.faults.polls);
  await expect.poll(() => page.evaluate(() => window.faults.polls)).toBeGreaterThan(n + 3);
});

test('resolves null, {}, {stats:null}, a string, a number: not taken, no error, never a verdict, and No data once staleAfterMs passes', async ({ page }) => {
  await recordKinds(page);
  await page.evaluate(() => {
    const junk: unknown[] = [null, {}, { stats: null }, 'ok', 42, { stats: {} }, { stats: { latest: null } }, { stats: { latest: {} } }, [], true];
    window.faults.behave = (n) => Promise.resolve(junk[n % junk.length]);
    window.faults.mount();
  });
  await expect.poll(() => page.evaluate(() => window.faults.polls)).toBeGreaterThan(15);
  expect(await page.evaluate(() => window.faults.assessment()?.sampleCount)).toBe(0);
  // Measuring… only while it could still be filling; then an honest No data, never a made-up verdict.
  expect(await kinds(page)).toEqual(['measuring', 'no-data']);
  await pill(page).click();
  await expect(reasons(page)).toHaveText(['The call answers, but with no usable measurements.']);
});

test('garbage in every field (NaN, ±Infinity, negative, strings, loss > 1, 1e300, missing, extra): nothing crashes, nothing renders NaN or Infinity', async ({ page }) => {
  await page.evaluate(() => {
    const f = window.faults;
    const garbage: unknown[] = [Number.NaN, Infinity, -Infinity, -1, '0.1', 1.5, 1e300, undefined, null, { n: 1 }];
    const fields = Object.keys(f.GOOD);
    f.behave = (n) => {
      const latest: Record<string, unknown> = { timestamp: Date.now(), extraField: 'x', another: { nested: [1] } };
      // Each field cycles through the garbage; a third of the samples keep it valid so there is a graph.
      fields.forEach((k, i) => (latest[k] = (n + i) % 3 === 0 ? f.GOOD[k as keyof typeof f.GOOD] : garbage[(n + i) % garbage.length]));
      if (n % 4 === 0) delete latest['networkRoundTripTime'];
      return Promise.resolve({ stats: { latest }, networkState: garbage[n % garbage.length], networkStateReasons: 'bad' });
    };
    f.mount({ mode: 'panel' });
  });
  await expect(page.locator('#target .ch-panel canvas').first()).toBeAttached();
  await expect.poll(() => page.evaluate(() => window.faults.polls)).toBeGreaterThan(20);
  const shown = await page.locator('#target').evaluate((root) => {
    const attrs = [...root.querySelectorAll('*')].flatMap((el) => [...el.attributes].map((a) => a.value));
    return [root.textContent ?? '', ...attrs].join('\n');
  });
  expect(shown).not.toMatch(/NaN|Infinity|undefined|\[object|e\+\d/);
  expect(shown).toContain('%'); // the rows did render values
  await expect(badge(page)).toHaveAttribute('data-state', /^(good|warning|bad|unknown)$/);
});

test('payload keys __proto__, constructor, prototype: ignored, Object.prototype unchanged', async ({ page }) => {
  const before = await page.evaluate(() => Object.getOwnPropertyNames(Object.prototype).sort());
  await page.evaluate(() => {
    window.faults.behave = () => {
      const t = Date.now();
      return Promise.resolve(
        JSON.parse(
          `{"__proto__":{"polluted":1,"stats":{"latest":{"timestamp":${t + 1}}}},"constructor":{"prototype":{"polluted":2}},"prototype":{"polluted":3},` +
            `"stats":{"__proto__":{"polluted":4},"latest":{"__proto__":{"networkRoundTripTime":9,"polluted":5},"constructor":{"prototype":{"polluted":6}},` +
            `"timestamp":${t},"totalSendPacketLoss":0.01,"totalRecvPacketLoss":0.01,"networkRoundTripTime":0.05}}}`,
        ),
      );
    };
    window.faults.mount();
  });
  await expect(badge(page)).toHaveAttribute('data-kind', 'good'); // the 9 s RTT on the payload's prototype was not read
  await pill(page).click();
  await page.waitForTimeout(300);
  expect(await page.evaluate(() => Object.getOwnPropertyNames(Object.prototype).sort())).toEqual(before);
  expect(await page.evaluate(() => [({} as Record<string, unknown>)['polluted'], ({} as Record<string, unknown>)['networkRoundTripTime']])).toEqual([undefined, undefined]);
});

test('timestamps in seconds are converted; repeated and backward ones are not taken', async ({ page }) => {
  await page.evaluate(() => {
    const f = window.faults;
    f.behave = () => Promise.resolve(f.result(f.BAD, Date.now() / 1000));
    f.mount();
  });
  await expect(badge(page)).toHaveAttribute('data-kind', 'bad');
  const newest = await page.evaluate(() => [window.faults.assessment()?.newestTimestamp ?? 0, Date.now()]);
  expect(Math.abs(newest[0]! - newest[1]!)).toBeLessThan(1_000);

  // Repeated, then going backwards: one sample taken, then stale → No data. Never a verdict.
  await page.evaluate(() => window.faults.destroy());
  await recordKinds(page);
  await page.evaluate(() => {
    const f = window.faults;
    const t0 = Date.now();
    f.behave = (n) => Promise.resolve(f.result(f.BAD, n < 10 ? t0 : t0 - n * 100));
    f.mount();
  });
  await expect.poll(() => page.evaluate(() => window.faults.polls), { timeout: 5_000 }).toBeGreaterThan(25);
  expect(await page.evaluate(() => window.faults.assessment()?.sampleCount)).toBe(1); // only the first
  expect(await kinds(page)).toEqual(['measuring', 'no-data']);
});

test('a timestamp far in the future is refused and does not freeze the window', async ({ page }) => {
  await page.evaluate(() => {
    const f = window.faults;
    f.behave = (n) => Promise.resolve(f.result(f.BAD, n <= 2 ? Date.now() + 3_600_000 : Date.now()));
    f.mount();
  });
  await expect(badge(page)).toHaveAttribute('data-kind', 'bad');
  const a = await page.evaluate(() => [window.faults.assessment()?.newestTimestamp ?? 0, Date.now()]);
  expect(a[0]!).toBeLessThanOrEqual(a[1]!);
});

test('destroy during an in-flight poll: no late DOM update, no error', async ({ page }) => {
  await page.evaluate(() => window.faults.mount({ mode: 'panel' }));
  await expect(badge(page)).toHaveAttribute('data-kind', 'good');
  // One evaluate from switching to held polls to destroying: a round trip between them (slow on a loaded
  // machine) could let one held poll time out and a second start.
  const held = await page.evaluate(async () => {
    const f = window.faults;
    f.behave = () => f.hold();
    const n = f.polls;
    while (f.polls === n) await new Promise((r) => setTimeout(r, 10)); // a poll is now in flight
    f.destroy();
    const mutations: string[] = [];
    new MutationObserver((records) => records.forEach((r) => mutations.push(`${r.type} ${(r.target as Element).className ?? ''}`))).observe(document.body, {
      subtree: true, childList: true, attributes: true, characterData: true,
    });
    Object.assign(window, { lateMutations: mutations });
    return f.release(f.result(f.BAD));
  });
  expect(held).toBe(1);
  await page.waitForTimeout(500);
  expect(await page.evaluate(() => (window as unknown as { lateMutations: string[] }).lateMutations)).toEqual([]);
  expect(await page.locator('#target').evaluate((t) => t.childNodes.length)).toBe(0);
});

test('labels containing HTML are shown as text; nothing executes', async ({ page }) => {
  const requests: string[] = [];
  page.on('request', (r) => requests.push(new URL(r.url()).pathname));
  const evil = '<img src=x onerror="window.__pwned=1">';
  await page.evaluate((html) => {
    window.faults.mount({
      mode: 'panel',
      labels: { good: html, title: html, allGood: `${html} all good`, scope: html, showGraphs: html, hideGraphs: html, metrics: { sendPacketLoss: html }, sparklineAlt: html },
    });
  }, evil);
  await expect(pill(page)).toContainText(evil);
  await expect(reasons(page)).toHaveText([`${evil} all good`]);
  await expect(page.locator('#target .ch-metric-label').first()).toHaveText(evil);
  expect(await page.locator('#target .ch-spark').first().getAttribute('aria-label')).toBe(evil);
  await page.waitForTimeout(300);
  expect(await page.locator('img').count()).toBe(0);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(requests.filter((p) => p.endsWith('/x'))).toEqual([]);
});
