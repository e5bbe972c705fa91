import { expect, test, type Download, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { openReadyPage } from './widget-helpers';

// The panel's Session section against the production build: summary, incidents, downloads, and the session
// API of each embedding. Harness: e2e/pages/session.ts (window.sessionHarness).

const badge = (page: Page) => page.locator('.ch-badge[role=status]');

const open = (page: Page): Promise<string[]> => openReadyPage(page, '/e2e/pages/session.html');

/** The congested-upload trace at 10× until its incident is complete (30 s after the turn = 3 s here). */
async function afterTurnToBad(page: Page): Promise<void> {
  await page.evaluate(() => window.sessionHarness.mount('congested-upload.json'));
  await expect(badge(page)).toHaveAttribute('data-state', 'bad', { timeout: 15_000 });
  await page.locator('[data-ch=session-toggle]').click();
  await expect(page.locator('[data-ch=incident]').first()).toHaveAttribute('data-complete', 'true', { timeout: 10_000 });
}

async function text(download: Download): Promise<string> {
  const path = await download.path();
  return readFile(path, 'utf8');
}

test('the panel shows the summary and incidents after a trace with a turn to bad', async ({ page }) => {
  const errors = await open(page);
  await afterTurnToBad(page);
  await expect(page.locator('[data-ch=session-toggle]')).toHaveAttribute('aria-expanded', 'true');
  await expect(page.locator('[data-ch=session-recorded]')).toHaveText(/^\d+ s, \d+ samples$/);
  const states = page.locator('[data-ch=time-in-state] .ch-state-time');
  await expect(states.filter({ hasText: /^Poor \d+ s$/ })).toHaveCount(1);
  await expect(states.filter({ hasText: /^Good \d+ s$/ })).toHaveCount(1);
  expect(Number(await page.locator('[data-ch=transitions]').textContent())).toBeGreaterThanOrEqual(2);
  // 10× compresses the window to 3 s; the worst one is named with its cause and mean.
  await expect(page.locator('dt', { hasText: 'Worst 3 s' })).toBeVisible();
  await expect(page.locator('[data-ch=worst]')).toHaveText(/^\d+:\d\d–\d+:\d\d: (Upload packet loss|Round-trip time) \d+(\.\d)? (%|ms)$/);
  const row = (id: string) => page.locator(`[data-ch=figures] tr[data-stat=${id}] td`);
  await expect(row('sendPacketLoss')).toHaveText([/^\d+(\.\d)? %$/, /^\d+(\.\d)? %$/]);
  await expect(row('sendBitsPerSecond')).toHaveText([/ (k|M)bps$/, / (k|M)bps$/]);
  await expect(row('roundTripTime')).toHaveText([/ ms$/, / ms$/]);

  const incident = page.locator('[data-ch=incident]').first();
  await expect(incident.locator('time')).toHaveText(/^\d\d:\d\d:\d\d$/);
  await expect(incident.locator('.ch-incident-reasons')).toContainText('Upload packet loss');
  await expect(incident.locator('[data-ch=export-incident]')).toHaveAccessibleName(/^Export the incident at \d\d:\d\d:\d\d$/);

  // What the panel says is what the API exports.
  const exported = await page.evaluate(() => window.sessionHarness.exportSession());
  expect(exported?.incidents.length).toBe(await page.locator('[data-ch=incident]').count());
  expect(exported?.summary.timeInStateMs.bad).toBeGreaterThan(0);
  expect(errors).toEqual([]);
});

test('Download JSON and CSV save the session: JSON parses, CSV has units in its header, no token anywhere', async ({ page }) => {
  await open(page);
  await afterTurnToBad(page);
  await page.evaluate(() => {
    const w = window as Window & { revoked?: string[] };
    w.revoked = [];
    const revoke = URL.revokeObjectURL.bind(URL);
    URL.revokeObjectURL = (url: string) => {
      w.revoked?.push(url);
      revoke(url);
    };
  });

  const [json] = await Promise.all([page.waitForEvent('download'), page.locator('[data-ch=download-json]').click()]);
  expect(json.suggestedFilename()).toMatch(/^call-health-session-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ\.json$/);
  const body = await text(json);
  expect(body).not.toContain('secret-token');
  const session = JSON.parse(body) as { version: number; roomUrl: string; samples: { timestamp: number }[]; summary: { sampleCount: number }; incidents: unknown[] };
  expect(session.version).toBe(1);
  expect(session.roomUrl).toBe('https://acme.daily.co/support-room');
  expect(session.samples.length).toBeGreaterThan(20);
  expect(session.summary.sampleCount).toBe(session.samples.length);
  expect(session.incidents.length).toBeGreaterThanOrEqual(1);

  const [csv] = await Promise.all([page.waitForEvent('download'), page.locator('[data-ch=download-csv]').click()]);
  expect(csv.suggestedFilename()).toMatch(/^call-health-samples-.+\.csv$/);
  const lines = (await text(csv)).split('\r\n').filter(Boolean);
  const header = lines[0]?.split(',') ?? [];
  expect(header.slice(0, 3)).toEqual(['timestamp (ms)', 'time (UTC)', 'networkState']);
  expect(header).toContain('sendBitsPerSecond (bit/s)');
  expect(header).toContain('totalSendPacketLoss (0-1)');
  expect(header).toContain('networkRoundTripTime (s)');
  expect(lines.length - 1).toBeGreaterThanOrEqual(session.samples.length);
  expect(lines[1]?.split(',')).toHaveLength(header.length);

  // The temporary links are gone, and their object URLs are revoked shortly after.
  await expect(page.locator('a[download]')).toHaveCount(0);
  await expect.poll(() => page.evaluate(() => (window as Window & { revoked?: string[] }).revoked?.length ?? 0)).toBe(2);
});

test('each incident exports alone, with its samples around the turn', async ({ page }) => {
  await open(page);
  await afterTurnToBad(page);
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-ch=export-incident]').first().click()]);
  expect(download.suggestedFilename()).toMatch(/^call-health-incident-1-.+\.json$/);
  const body = await text(download);
  expect(body).not.toContain('secret-token');
  const incident = JSON.parse(body) as { kind: string; id: number; at: number; reasons: string[]; complete: boolean; from: number; to: number; samples: { timestamp: number; networkState: string }[] };
  expect(incident).toMatchObject({ kind: 'incident', id: 1, complete: true });
  expect(incident.reasons).toContain('sendPacketLoss');
  // 30 s before and after the turn, compressed 10× by the replay: [at − 3 s, at + 3 s].
  expect(incident.from).toBeGreaterThanOrEqual(incident.at - 3_000);
  expect(incident.to).toBeLessThanOrEqual(incident.at + 3_000);
  expect(incident.samples.find((s) => s.timestamp === incident.at)?.networkState).toBe('bad');
  expect(incident.samples[incident.samples.length - 1]?.timestamp).toBe(incident.to);
});

test('the custom element and the component expose exportSession; the badge alone has no session UI', async ({ page }) => {
  await open(page);
  await page.evaluate(() => window.sessionHarness.mountElement('good.json'));
  await expect(badge(page)).toHaveAttribute('data-state', 'good', { timeout: 10_000 });
  await expect(page.locator('[data-ch=session]')).toHaveCount(0);
  const fromElement = await page.evaluate(() => window.sessionHarness.exportSession());
  expect(fromElement?.samples.length).toBeGreaterThanOrEqual(3);
  expect(fromElement?.roomUrl).toBe('https://acme.daily.co/support-room');
  // Removed: the last record stays exportable, closed.
  await page.evaluate(() => window.sessionHarness.destroy());
  expect((await page.evaluate(() => window.sessionHarness.exportSession()))?.endedAt).toEqual(expect.any(Number));

  await page.evaluate(() => window.sessionHarness.mountComponent('lossy-download.json'));
  await expect(badge(page)).toHaveAttribute('data-state', 'bad', { timeout: 10_000 });
  const fromComponent = await page.evaluate(() => window.sessionHarness.exportSession());
  expect(fromComponent?.endedAt).toBeNull();
  expect(fromComponent?.samples.some((s) => s.networkState === 'bad')).toBe(true);
});
