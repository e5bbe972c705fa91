import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { FIREFOX_NULLS, HEALTHY } from '../src/core/fixtures/samples';
import { openReadyPage } from './widget-helpers';

// The n/a note says the true cause, here in Chromium: a replayed recording's gap is the
// recording's (its format, the browser it was made in), a live call's is never blamed on Firefox.
// Needs src/embed/create-widget.ts to pass `provenance: provenanceOf(source)` to the store.

const why = (page: Page, id: string) => page.locator(`.ch-metric[data-metric=${id}] .ch-metric-why:not([data-ch=metric-note])`);

async function open(page: Page): Promise<string[]> {
  return openReadyPage(page, '/e2e/pages/widget-fit.html?w=640&h=700');
}

test('a replayed rtcstats dump from Firefox: "Not in this recording (rtcstats dump from Firefox 118)"', async ({ page }) => {
  const errors = await open(page);
  const text = readFileSync('src/sources/fixtures/realcalls/jitsi-rtcstats-server/firefox-relay', 'utf8');
  await page.evaluate((t) => window.fit.mountRecording(t), text);
  await expect(why(page, 'availableOutgoingBitrate')).toHaveText('Not in this recording (rtcstats dump from Firefox 118)', { timeout: 10_000 });
  await expect(page.locator('.ch-metric-why', { hasText: 'Not reported by this browser' })).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('a replayed trace says it is the recording, not this browser', async ({ page }) => {
  await open(page);
  await page.evaluate(() => window.fit.mount({ position: 'inline', mode: 'panel' }));
  await expect(why(page, 'roundTripTime')).toHaveText('Not in this recording (trace “Firefox”)', { timeout: 10_000 });
  await expect(page.locator('.ch-metric-why', { hasText: 'this browser' })).toHaveCount(0);
});

test('live in Chromium: a missing figure is never blamed on Firefox', async ({ page }) => {
  await open(page);
  // Firefox-shaped figures, but live in Chromium: the causes are Chromium's (no round trip yet, nothing sent).
  await page.evaluate((latest) => window.fit.mountLive(latest), { ...HEALTHY, ...FIREFOX_NULLS } as Record<string, number | null>);
  await expect(why(page, 'roundTripTime')).toHaveText('Not reported by this browser (no round trip measured yet)', { timeout: 10_000 });
  await expect(why(page, 'audioSendJitter')).toHaveText('No media flowing in this direction');
  await expect(page.locator('.ch-metric-why', { hasText: 'Firefox' })).toHaveCount(0);
});
