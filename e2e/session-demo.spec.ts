import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { exportSession } from '../src/core/session/export';
import { SessionRecord } from '../src/core/session/session-record';
import { parseTrace } from '../src/sources/formats/trace';

// The demo's file replay: an exported session (file picker and drop) and a saved Daily /logs response.

const root = resolve(import.meta.dirname, '..');

/** A real export, as Download JSON writes it: the congested-upload trace recorded at its own 2 s pace. */
function exportedSession(): string {
  const trace = parseTrace(JSON.parse(readFileSync(resolve(root, 'public/traces/congested-upload.json'), 'utf8')));
  const t0 = Date.UTC(2026, 2, 26, 17, 0, 0);
  const record = new SessionRecord({ startedAt: t0 });
  for (const s of trace.samples) {
    if (s.latest) record.push({ stats: { latest: { ...s.latest, timestamp: t0 + s.t } } }, { networkState: 'good', reportedNetworkState: s.networkState ?? null });
  }
  record.close(t0 + trace.samples.length * trace.intervalMs);
  return JSON.stringify(exportSession(record, { roomUrl: 'https://acme.daily.co/room?t=secret' }));
}

async function openReplayDemo(page: Page): Promise<string[]> {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto('/?mode=replay');
  await expect(page.locator('#demo-side .ch-panel')).toBeVisible({ timeout: 15_000 });
  await page.locator('select#speed').selectOption('10');
  return errors;
}

const side = (page: Page) => page.locator('#demo-side');

test('an exported session chosen with the file picker replays with the same badge, panel and summary', async ({ page }) => {
  const errors = await openReplayDemo(page);
  await page.locator('input#recording-file').setInputFiles({ name: 'session.json', mimeType: 'application/json', buffer: Buffer.from(exportedSession()) });
  await expect(page.locator('#demo-mode')).toHaveText(/^Replaying session\.json \(exported session, \d+ samples over \d+ s\) at 10×\.$/);
  // Congested upload turns bad; the replayed session records that turn as an incident of its own.
  await expect(side(page).locator('.ch-badge')).toHaveAttribute('data-state', 'bad', { timeout: 15_000 });
  await expect(page.locator('#demo-frame .ch-badge')).toHaveAttribute('data-state', 'bad');
  await side(page).locator('[data-ch=session-toggle]').click();
  await expect(side(page).locator('[data-ch=incident]').first()).toContainText('Upload packet loss');
  await expect(side(page).locator('[data-ch=time-in-state]')).toContainText('Poor');
  await expect(page.locator('.call-health')).toHaveCount(2);
  expect(errors).toEqual([]);
});

test('a file dropped on the page replays too; a file that is not a recording says why', async ({ page }) => {
  const errors = await openReplayDemo(page);
  const drop = (name: string, text: string) =>
    page.evaluate(([n, t]) => {
      const dt = new DataTransfer();
      dt.items.add(new File([t], n, { type: 'application/json' }));
      const over = new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true });
      document.body.dispatchEvent(over);
      const marked = document.body.dataset['dropping'];
      const ev = new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true });
      document.body.dispatchEvent(ev);
      // Both cancelled: the browser would otherwise open the file instead of the page reading it.
      return { overCancelled: over.defaultPrevented, dropCancelled: ev.defaultPrevented, marked };
    }, [name, text] as const);

  expect(await drop('notes.json', '{"hello": 1}')).toEqual({ overCancelled: true, dropCancelled: true, marked: 'true' });
  await expect(page.locator('#demo-mode')).toHaveText(/^Could not replay notes\.json: not a recording/);

  await drop('dropped.json', exportedSession());
  await expect(page.locator('#demo-mode')).toContainText('Replaying dropped.json (exported session');
  await expect(side(page).locator('.ch-badge')).toHaveAttribute('data-state', 'bad', { timeout: 15_000 });
  expect(await page.evaluate(() => document.body.dataset['dropping'])).toBeUndefined();

  // The trace picker still takes over again.
  await page.locator('select#trace').selectOption('good.json');
  await expect(page.locator('#demo-mode')).toContainText('Replaying “Good”');
  expect(errors).toEqual([]);
});

test('a saved Daily /logs response replays its metrics and says which it lacks', async ({ page }) => {
  const errors = await openReplayDemo(page);
  await page.locator('input#recording-file').setInputFiles(resolve(root, 'src/core/fixtures/daily-logs.json'));
  await expect(page.locator('#demo-mode')).toContainText('(Daily /logs response, 10 samples over 135 s) at 10×.');
  await expect(page.locator('#demo-mode')).toContainText("Daily's /logs lacks Upload packet loss, Round-trip time, Available upload");

  const metric = (id: string) => side(page).locator(`.ch-metric[data-metric=${id}]`);
  // What /logs carries is drawn on the timeline…
  await expect(metric('recvBitsPerSecond').locator('.ch-metric-value')).toHaveText(/ (k|M)bps$/, { timeout: 10_000 });
  await expect(metric('recvBitsPerSecond').locator('.ch-spark')).toBeVisible();
  await expect(metric('recvPacketLoss').locator('.ch-metric-value')).toHaveText(/ %$/);
  // …what it lacks is n/a, and why is the format, not the browser.
  for (const id of ['roundTripTime', 'sendPacketLoss', 'videoRecvJitter', 'availableOutgoingBitrate']) {
    await expect(metric(id).locator('.ch-metric-value')).toHaveText('n/a');
    await expect(metric(id).locator('.ch-metric-why')).toHaveText("Not in Daily's /logs");
  }
  // Download loss alone grades it: Fair at the 14 % interval.
  await expect(side(page).locator('.ch-badge')).toHaveAttribute('data-state', 'warning', { timeout: 15_000 });
  await side(page).locator('[data-ch=session-toggle]').click();
  await expect(side(page).locator('[data-ch=not-reported]')).toContainText('Round-trip time');
  expect(errors).toEqual([]);
});
