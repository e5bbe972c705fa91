import { expect, test, type Page } from '@playwright/test';
import { badge, mountTrace, openHarness, setVisibility } from './widget-helpers';
import { DEFAULT_THRESHOLDS } from '../src/core/thresholds';
import { yTop } from '../src/ui/series';

const metric = (page: Page, id: string) => page.locator(`.ch-metric[data-metric=${id}]`);

test('Firefox-shaped trace: RTT, available upload and send audio jitter read n/a and why, not 0 or a flat line', async ({ page }) => {
  await openHarness(page);
  await mountTrace(page, 'firefox.json', { mode: 'panel' });
  await expect(badge(page)).toHaveAttribute('data-state', 'good', { timeout: 10_000 });
  for (const id of ['roundTripTime', 'availableOutgoingBitrate', 'audioSendJitter']) {
    await expect(metric(page, id).locator('.ch-metric-value')).toHaveText('n/a');
    await expect(metric(page, id)).toHaveAttribute('data-missing', 'true');
    await expect(metric(page, id).locator('.ch-metric-why')).toContainText('Firefox');
    await expect(metric(page, id).locator('.ch-spark')).toBeHidden();
  }
  await expect(metric(page, 'sendPacketLoss').locator('.ch-metric-value')).toHaveText(/^\d+(\.\d)? %$/);
  await expect(metric(page, 'sendPacketLoss').locator('.ch-spark')).toBeVisible();
  // The verdict was reached without the missing metrics, and nothing claims they were good.
  const a = await page.evaluate(() => window.harness.assessment());
  expect(a?.metrics['roundTripTime']).toBeNull();
  expect(a?.metrics['availableOutgoingBitrate']).toBeNull();
});

test('sparklines redraw on each poll on the same long-lived canvas, with a text alternative', async ({ page }) => {
  await openHarness(page);
  await mountTrace(page, 'congested-upload.json', { mode: 'panel' });
  await expect(badge(page)).toHaveAttribute('data-state', 'warning', { timeout: 10_000 });
  const canvas = metric(page, 'sendPacketLoss').locator('canvas');
  await expect(canvas).toHaveCount(1);
  await canvas.evaluate((c) => ((c as HTMLCanvasElement & { marked?: boolean }).marked = true));
  const before = await canvas.evaluate((c) => (c as HTMLCanvasElement).toDataURL());
  await page.waitForTimeout(700); // 3+ polls at 10×
  const after = await canvas.evaluate((c) => (c as HTMLCanvasElement).toDataURL());
  expect(after).not.toBe(before);
  // Same element: the chart was fed with setData, not re-created.
  expect(await canvas.evaluate((c) => (c as HTMLCanvasElement & { marked?: boolean }).marked)).toBe(true);
  expect(await page.locator('.ch-panel canvas').count()).toBe(10);
  await expect(metric(page, 'sendPacketLoss').locator('.ch-spark')).toHaveAttribute('role', 'img');
  await expect(metric(page, 'sendPacketLoss').locator('.ch-spark')).toHaveAttribute(
    'aria-label',
    /^Upload packet loss: \d+(\.\d)? % now, (rising|falling|steady)$/,
  );
});

test('a hidden page draws no sparkline; they catch up the moment it is visible again', async ({ page }) => {
  await openHarness(page);
  await mountTrace(page, 'congested-upload.json', { mode: 'panel' });
  await expect(badge(page)).toHaveAttribute('data-state', 'warning', { timeout: 10_000 });
  const canvas = metric(page, 'sendPacketLoss').locator('canvas');
  const pixels = () => canvas.evaluate((c) => (c as HTMLCanvasElement).toDataURL());
  await setVisibility(page, 'hidden');
  const hidden = await pixels();
  const samples = await page.evaluate(() => window.harness.assessment()?.newestTimestamp);
  await page.waitForTimeout(700); // 3+ polls at 10×: the window moves on, the canvas must not
  expect(await page.evaluate(() => window.harness.assessment()?.newestTimestamp)).not.toBe(samples);
  expect(await pixels()).toBe(hidden);
  await setVisibility(page, 'visible');
  await expect.poll(pixels, { timeout: 1_000 }).not.toBe(hidden);
});

test('polls that change nothing shown write nothing to the page', async ({ page }) => {
  await openHarness(page);
  await page.evaluate(() => {
    window.harness.setManual({ totalSendPacketLoss: 0.001, totalRecvPacketLoss: 0.001, networkRoundTripTime: 0.05, sendBitsPerSecond: 1e6 });
    window.harness.mountManual({ mode: 'panel', intervalMs: 100, windowMs: 1_000, minSamples: 1, staleAfterMs: 5_000 });
  });
  await expect(badge(page)).toHaveAttribute('data-state', 'good', { timeout: 5_000 });
  await page.waitForTimeout(1_500); // the window is full: the sample count has stopped growing
  const newest = await page.evaluate(() => window.harness.assessment()?.newestTimestamp);
  const mutations = await page.evaluate(async () => {
    const seen: string[] = [];
    const polls = window.harness.polls.count;
    const observer = new MutationObserver((records) =>
      records.forEach((r) => seen.push(`${r.type} ${(r.target instanceof Element ? r.target : r.target.parentElement)?.className} ${r.attributeName ?? ''}`)),
    );
    observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    while (window.harness.polls.count < polls + 8) await new Promise((r) => setTimeout(r, 20));
    observer.disconnect();
    return seen;
  });
  expect(mutations).toEqual([]);
  // The samples did reach the widget's window in the meantime.
  expect(await page.evaluate(() => window.harness.assessment()?.newestTimestamp)).toBeGreaterThan(newest ?? Infinity);
});

test('a poll that only moves a value rewrites its text; a change of state redraws the icon in place', async ({ page }) => {
  await openHarness(page);
  await page.evaluate(() => {
    window.harness.setManual({ totalSendPacketLoss: 0.001, totalRecvPacketLoss: 0.001, networkRoundTripTime: 0.4, sendBitsPerSecond: 1e6 });
    window.harness.mountManual({ mode: 'panel', intervalMs: 100, windowMs: 1_000, minSamples: 1, staleAfterMs: 5_000 });
  });
  const reason = page.locator('.ch-reason[data-reason=roundTripTime]');
  await expect(reason).toHaveText(/Round trip is 400 ms/, { timeout: 5_000 });
  await expect(badge(page)).toHaveAttribute('data-state', 'warning');
  const icon = page.locator('.ch-pill svg');
  const drawn = () => icon.evaluate((svg) => [...svg.querySelectorAll('path')].filter((p) => p.hasAttribute('d')).length);
  expect(await drawn()).toBe(3); // the warning triangle: outline, stroke, dot
  await reason.evaluate((li) => ((li as HTMLElement & { marked?: boolean }).marked = true));
  await icon.evaluate((svg) => ((svg as SVGElement & { marked?: boolean }).marked = true));
  const inReasons = await page.evaluate(async () => {
    const list = document.querySelector('.ch-reasons');
    const seen: string[] = [];
    const observer = new MutationObserver((records) => records.forEach((r) => seen.push(r.type)));
    if (list) observer.observe(list, { subtree: true, childList: true, attributes: true, characterData: true });
    window.harness.setManual({ totalSendPacketLoss: 0.001, totalRecvPacketLoss: 0.001, networkRoundTripTime: 0.45, sendBitsPerSecond: 1e6 });
    const polls = window.harness.polls.count;
    while (window.harness.polls.count < polls + 4) await new Promise((r) => setTimeout(r, 20));
    observer.disconnect();
    return seen;
  });
  // The sentence's value moved (the mean climbs towards 450 ms), and only as text: no element added, removed or re-attributed.
  expect(inReasons.length).toBeGreaterThan(0);
  expect(new Set(inReasons)).toEqual(new Set(['characterData']));
  expect(await reason.evaluate((li) => (li as HTMLElement & { marked?: boolean }).marked)).toBe(true);
  // Good again: the same <svg>, now a circle and a tick (two paths drawn, the third left empty).
  await page.evaluate(() =>
    window.harness.setManual({ totalSendPacketLoss: 0.001, totalRecvPacketLoss: 0.001, networkRoundTripTime: 0.05, sendBitsPerSecond: 1e6 }),
  );
  await expect(badge(page)).toHaveAttribute('data-state', 'good', { timeout: 5_000 });
  await expect(icon).toHaveClass('ch-icon ch-icon-good');
  expect(await drawn()).toBe(2);
  expect(await icon.evaluate((svg) => (svg as SVGElement & { marked?: boolean }).marked)).toBe(true);
});

test('threshold bands are painted: the bad zone of the loss graph has the bad band colour', async ({ page }) => {
  await openHarness(page);
  await mountTrace(page, 'good.json', { mode: 'panel', theme: 'light' });
  await expect(badge(page)).toHaveAttribute('data-state', 'good', { timeout: 10_000 });
  // Top rows of the loss chart are above the bad threshold (the y range reaches 1.3 × bad): reddish band.
  const pixel = await metric(page, 'sendPacketLoss').locator('canvas').evaluate((c) => {
    const el = c as HTMLCanvasElement;
    const d = el.getContext('2d')!.getImageData(Math.floor(el.width / 2), 2, 1, 1).data;
    return [d[0]!, d[1]!, d[2]!, d[3]!];
  });
  expect(pixel[3]).toBeGreaterThan(0);
  expect(pixel[0]).toBeGreaterThan(pixel[2]!); // red over blue: the bad band, not the line colour
});

test('the line is drawn at its value on the same scale as the threshold bands', async ({ page }) => {
  // The line is painted with its own arithmetic and the bands through uPlot's valToPos: they must agree.
  await openHarness(page);
  const loss = 0.02;
  await page.evaluate((v) => window.harness.setManual({ totalSendPacketLoss: v }), loss);
  await page.evaluate(() => window.harness.mountManual({ mode: 'panel', theme: 'light', intervalMs: 100, windowMs: 3_000, staleAfterMs: 1_000 }));
  await expect(metric(page, 'sendPacketLoss').locator('.ch-metric-value')).toHaveText('2.0 %');
  await page.waitForTimeout(1_000); // ~10 samples: the line spans the right third of the chart
  // One pixel column near the right edge, bottom to top: alpha of each row.
  const { alpha, height } = await metric(page, 'sendPacketLoss').locator('canvas').evaluate((c) => {
    const el = c as HTMLCanvasElement;
    const d = el.getContext('2d')!.getImageData(el.width - 4, 0, 1, el.height).data;
    return { alpha: Array.from({ length: el.height }, (_, y) => d[y * 4 + 3]!), height: el.height };
  });
  const { warning } = DEFAULT_THRESHOLDS.sendPacketLoss;
  const top = yTop({ xs: Float64Array.of(0), ys: Float64Array.of(loss), length: 1, current: loss }, 'fraction', DEFAULT_THRESHOLDS.sendPacketLoss, 'up');
  const rowOf = (v: number) => height * (1 - v / top);
  // From the bottom: the area under the line, up to the stroke; then nothing; then the warning band's hairline.
  let y = height - 1;
  while (y >= 0 && alpha[y]! > 0) y--;
  const lineTop = y + 1;
  while (y >= 0 && alpha[y] === 0) y--;
  const hairline = y;
  expect(Math.abs(lineTop - rowOf(loss))).toBeLessThanOrEqual(2);
  expect(Math.abs(hairline - rowOf(warning))).toBeLessThanOrEqual(1.5);
  expect(hairline).toBeLessThan(lineTop - 1);
});

test('Daily’s verdict beside ours, marked when they disagree; CPU load and the others in the call', async ({ page }) => {
  await openHarness(page);
  await mountTrace(page, 'lossy-download.json', { mode: 'panel' });
  await expect(badge(page)).toHaveAttribute('data-state', 'bad', { timeout: 10_000 });
  await expect(page.locator('[data-ch=local-state]')).toHaveText('Poor');
  await expect(page.locator('[data-ch=reported-state]')).toContainText('Fair', { timeout: 5000 });
  await expect(page.locator('[data-ch=disagree]')).toHaveText('≠ differs');
  await expect(page.locator('.ch-peers li[data-peer=peer-sam]')).toHaveText('SamPoor');
  await expect(page.locator('.ch-peers li[data-peer=peer-alex]')).toHaveAttribute('data-state', 'good');

  await page.evaluate(() => window.harness.destroy());
  await mountTrace(page, 'congested-upload.json', { mode: 'panel' });
  await expect(page.locator('[data-ch=cpu]')).toHaveText('high (encode)', { timeout: 10_000 });
});

test('labels translate every visible string', async ({ page }) => {
  await openHarness(page);
  await mountTrace(page, 'firefox.json', {
    mode: 'panel',
    labels: { good: 'Gut', title: 'Netz', notAvailable: 'k. A.', metrics: { roundTripTime: 'Umlaufzeit' }, missingWhy: { roundTripTime: 'Firefox meldet das nicht' }, showGraphs: 'Details', hideGraphs: 'Weniger' },
  });
  await expect(page.locator('.ch-pill-text')).toHaveText('Gut', { timeout: 10_000 });
  await expect(page.locator('.ch-pill')).toHaveAccessibleName('Netz: Gut');
  await expect(metric(page, 'roundTripTime').locator('.ch-metric-label')).toHaveText('Umlaufzeit');
  await expect(metric(page, 'roundTripTime').locator('.ch-metric-value')).toHaveText('k. A.');
  await expect(metric(page, 'roundTripTime').locator('.ch-metric-why')).toHaveText('Firefox meldet das nicht');
  await expect(page.locator('[data-ch=toggle-graphs]')).toHaveText('Weniger');
});

test('canvas colours follow the CSS variables when the colour scheme flips', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await openHarness(page);
  await mountTrace(page, 'good.json', { mode: 'panel' });
  await expect(badge(page)).toHaveAttribute('data-state', 'good', { timeout: 10_000 });
  const bandPixel = () =>
    metric(page, 'sendPacketLoss').locator('canvas').evaluate((c) => {
      const el = c as HTMLCanvasElement;
      return [...el.getContext('2d')!.getImageData(Math.floor(el.width / 2), 2, 1, 1).data].join(',');
    });
  const light = await bandPixel();
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect.poll(bandPixel).not.toBe(light);
  const dark = await bandPixel();
  await page.emulateMedia({ colorScheme: 'light' });
  await expect.poll(bandPixel).toBe(light);
  expect(dark).not.toBe(light);
});
