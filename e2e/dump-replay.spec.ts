import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

// The demo's replay of getStats() dumps: real rtcstats files (Jitsi's rtcstats-server corpus, JSON lines, no
// extension), chrome://webrtc-internals dumps made from a real Chromium, and a single getStats() snapshot —
// picked with the file chooser or dropped on the page, at 10× so the suite stays short.
//
// Times below are the recording's own: a change at t seconds after the dump's first poll shows at t/10 s of
// replay, where the replay starts when the stage line says "Replaying …" (the widgets mount in the same task).

const root = resolve(import.meta.dirname, '..');
const REAL = resolve(root, 'src/sources/fixtures/realcalls/jitsi-rtcstats-server');
const DUMPS = resolve(root, 'src/sources/fixtures/dumps');
const SNAPSHOTS = resolve(root, 'src/sources/fixtures/realcalls/skyway-lab-rtcstats-wrapper');

const side = (page: Page) => page.locator('#demo-side');
const stageLine = (page: Page) => page.locator('#demo-mode');
const sideBadge = (page: Page) => side(page).locator('.ch-badge');
const frameBadge = (page: Page) => page.locator('#demo-frame .ch-badge');
const metric = (page: Page, id: string) => side(page).locator(`.ch-metric[data-metric=${id}]`);

async function openReplayDemo(page: Page): Promise<string[]> {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto('/?mode=replay');
  await expect(side(page).locator('.ch-panel')).toBeVisible({ timeout: 15_000 });
  await page.locator('select#speed').selectOption('10');
  // Every badge kind the side panel shows, timed from the start of the replay that is running then.
  await page.evaluate(() => {
    const w = window as unknown as E2EReplayLog;
    w.replayLog = { startedAt: null, line: '', kinds: [] };
    const log = w.replayLog;
    const mode = document.getElementById('demo-mode') as HTMLElement;
    const onLine = () => {
      const text = mode.textContent ?? '';
      if (text === log.line) return;
      log.line = text;
      if (text.startsWith('Replaying ')) {
        log.startedAt = performance.now();
        log.kinds = [];
      }
    };
    let last = '';
    const onBadge = () => {
      const kind = document.querySelector('#demo-side .ch-badge')?.getAttribute('data-kind') ?? '';
      if (kind === last || log.startedAt === null) return;
      last = kind;
      log.kinds.push({ kind, at: performance.now() - log.startedAt });
    };
    new MutationObserver(onLine).observe(mode, { childList: true, characterData: true, subtree: true });
    new MutationObserver(onBadge).observe(document.getElementById('demo-side') as HTMLElement, {
      subtree: true, childList: true, attributes: true, attributeFilter: ['data-kind'],
    });
  });
  return errors;
}

interface E2EReplayLog {
  replayLog: { startedAt: number | null; line: string; kinds: { kind: string; at: number }[] };
}

const kindsSeen = (page: Page) => page.evaluate(() => (window as unknown as E2EReplayLog).replayLog.kinds);

/** The file dropped on the page as a browser hands it over: a DataTransfer with a File of that name. */
async function dropFile(page: Page, path: string): Promise<void> {
  const name = path.split('/').pop() as string;
  const text = readFileSync(path, 'utf8');
  const cancelled = await page.evaluate(([n, t]) => {
    const dt = new DataTransfer();
    dt.items.add(new File([t], n, { type: n.endsWith('.json') ? 'application/json' : '' }));
    const over = new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true });
    document.body.dispatchEvent(over);
    const drop = new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true });
    document.body.dispatchEvent(drop);
    return over.defaultPrevented && drop.defaultPrevented;
  }, [name, text] as const);
  expect(cancelled).toBe(true);
}

test('a real Safari rtcstats dump picked with the file chooser replays: Poor at the loss burst, with its reason and incident', async ({ page }) => {
  test.setTimeout(45_000);
  const errors = await openReplayDemo(page);
  // The file as a QA engineer has it: its real name (no extension), its bytes.
  await page.locator('input#recording-file').setInputFiles(resolve(REAL, 'safari-relay'));
  await expect(stageLine(page)).toHaveText(
    'Replaying safari-relay (rtcstats dump, recorded in Safari 17, 20 polls over 190 s, 1 connection) at 10×.',
  );
  await expect(page.locator('.call-health')).toHaveCount(2);

  // The burst: 27 % then 88 % of download packets lost in the polls at 146.4 s and 153.3 s (of 190 s); the
  // second takes the window's download loss past 10 %: Poor at 15.3 s of a 10× replay.
  await expect(sideBadge(page)).toHaveAttribute('data-state', 'bad', { timeout: 20_000 });
  const poorAt = (await kindsSeen(page)).find((k) => k.kind === 'bad')?.at ?? NaN;
  expect(poorAt).toBeGreaterThan(15_000);
  expect(poorAt).toBeLessThan(16_500);
  const reason = side(page).locator('.ch-reason[data-reason=recvPacketLoss]');
  await expect(reason).toBeVisible();
  await expect(reason.locator('.ch-reason-text')).toHaveText(/^Your download is losing \d+(\.\d)? % of packets/);
  await expect(frameBadge(page)).toHaveAttribute('data-state', 'bad', { timeout: 2_000 });
  await expect(frameBadge(page).locator('.ch-pill-text')).toHaveText('Poor');

  await side(page).locator('[data-ch=session-toggle]').click();
  await expect(side(page).locator('[data-ch=incident]').first()).toContainText('Download packet loss');
  // Never Poor before the burst: the call was Fair (Safari's upload estimate, graded as it is; the burst's
  // first poll, 348 of 1295 lost, is 9.6 % of the window) or Good. The recorded ICE drop at 152.9 s lasted
  // 0.44 s, 44 ms at 10×: a poll may or may not land in it, so Reconnecting… may flash there, and only there.
  const before = (await kindsSeen(page)).filter((k) => k.at < poorAt);
  const trail = JSON.stringify(before);
  expect(before.every((k) => ['measuring', 'good', 'warning', 'reconnecting'].includes(k.kind)), trail).toBe(true);
  expect(before.filter((k) => k.kind === 'reconnecting').every((k) => k.at > 15_000), trail).toBe(true);
  expect(errors).toEqual([]);
});

test('a webrtc-internals dump dropped on the page replays, round trip measured by ICE connectivity checks', async ({ page }) => {
  const errors = await openReplayDemo(page);
  await dropFile(page, resolve(DUMPS, 'webrtc-internals-chromium.json'));
  await expect(stageLine(page)).toHaveText(
    'Replaying webrtc-internals-chromium.json (webrtc-internals dump, recorded in Chrome 156, 9 polls over 8 s, 2 connections) at 10×.',
  );
  await expect(sideBadge(page)).toHaveAttribute('data-kind', 'good', { timeout: 5_000 });
  await expect(metric(page, 'roundTripTime').locator('.ch-metric-value')).toHaveText(/^\d+ ms$/);
  await expect(metric(page, 'roundTripTime').locator('[data-ch=metric-note]')).toHaveText('Measured by ICE connectivity checks');
  // Both peer connections of the loopback page were recorded: the picker offers each.
  await expect(page.locator('select#connection option')).toHaveText(['All connections', '8-1', '8-2']);

  // The dump of the older webrtc-internals layout (stats as JSON strings) replays the same.
  await dropFile(page, resolve(DUMPS, 'webrtc-internals-chromium-legacy.json'));
  await expect(stageLine(page)).toContainText('Replaying webrtc-internals-chromium-legacy.json (webrtc-internals dump of an older Chrome, recorded in Chrome 156');
  await expect(sideBadge(page)).toHaveAttribute('data-kind', 'good', { timeout: 5_000 });
  await expect(metric(page, 'roundTripTime').locator('[data-ch=metric-note]')).toHaveText('Measured by ICE connectivity checks');
  await expect(page.locator('.call-health')).toHaveCount(2);
  await expect(page.locator('select#connection')).toHaveCount(1);
  expect(errors).toEqual([]);
});

test('a Firefox dump shows a round trip from RTCP receiver reports, not n/a', async ({ page }) => {
  const errors = await openReplayDemo(page);
  await page.locator('input#recording-file').setInputFiles(resolve(REAL, 'firefox-relay'));
  await expect(stageLine(page)).toHaveText('Replaying firefox-relay (rtcstats dump, recorded in Firefox 118, 5 polls over 41 s, 1 connection) at 10×.');
  const rtt = metric(page, 'roundTripTime');
  await expect(rtt.locator('.ch-metric-value')).toHaveText(/^\d+ ms$/, { timeout: 5_000 });
  await expect(rtt.locator('[data-ch=metric-note]')).toContainText('From RTCP receiver reports');
  // A note, not the why-n/a line.
  await expect(rtt.locator('.ch-metric-why:not([data-ch=metric-note])')).toHaveCount(0);
  // The first interval lost 95 of 997 download packets: Fair, then Good as clean polls dilute it.
  await expect(sideBadge(page)).toHaveAttribute('data-kind', 'good', { timeout: 6_000 });
  expect((await kindsSeen(page)).map((k) => k.kind)).toContain('warning');
  expect(errors).toEqual([]);
});

test('a single getStats() snapshot replays as one poll', async ({ page }) => {
  const errors = await openReplayDemo(page);
  await page.locator('input#recording-file').setInputFiles(resolve(SNAPSHOTS, 'chrome-77.0.3842.0.json'));
  await expect(stageLine(page)).toContainText('Replaying chrome-77.0.3842.0.json (getStats() snapshot, 1 ');
  await expect(sideBadge(page)).toHaveAttribute('data-kind', 'good', { timeout: 3_000 });
  await expect(metric(page, 'roundTripTime').locator('[data-ch=metric-note]')).toHaveText('Measured by ICE connectivity checks');
  expect(errors).toEqual([]);
});

test('a dump that cannot be replayed says why in the stage line and mounts nothing new', async ({ page }) => {
  const errors = await openReplayDemo(page);
  // The widgets of the trace playing now, marked: the same two must still be there afterwards.
  await expect(sideBadge(page)).toHaveAttribute('data-kind', /good|warning|bad/, { timeout: 10_000 });
  await page.evaluate(() => document.querySelectorAll('.call-health').forEach((el) => el.setAttribute('data-e2e-before', '')));
  const cases: Array<[file: string, how: 'pick' | 'drop', why: string]> = [
    ['google-legacy-stats-p2p', 'pick', 'This dump holds only legacy stats (the goog* stats of Chrome before the standard getStats())'],
    ['google-standard-stats-relay-p2p', 'drop', 'No media ever flowed in this recording'],
  ];
  for (const [file, how, why] of cases) {
    if (how === 'pick') await page.locator('input#recording-file').setInputFiles(resolve(REAL, file));
    else await dropFile(page, resolve(REAL, file));
    await expect(stageLine(page)).toHaveText(new RegExp(`^Could not replay ${file}: ${why.replace(/[()*]/g, '\\$&')}`), { timeout: 10_000 });
    // Give a late mount every chance to show, then look: the same two widgets, whole, still playing the trace.
    await page.waitForTimeout(600);
    await expect(stageLine(page)).toContainText(`Could not replay ${file}`);
    await expect(page.locator('.call-health')).toHaveCount(2);
    await expect(page.locator('.call-health[data-e2e-before]')).toHaveCount(2);
    await expect(page.locator('#demo-frame .call-health[data-e2e-before] .ch-badge')).toHaveCount(1);
    await expect(side(page).locator('.call-health[data-e2e-before] .ch-panel')).toHaveCount(1);
    await expect(page.locator('select#connection')).toHaveCount(0);
    await expect(sideBadge(page)).toHaveAttribute('data-kind', /good|warning|bad/);
  }
  expect(errors).toEqual([]);
});

test('a dump of several peer connections offers each; one chosen replays alone', async ({ page }) => {
  const errors = await openReplayDemo(page);
  await page.locator('input#recording-file').setInputFiles(resolve(REAL, 'chrome-standard-multiple-p2p'));
  await expect(stageLine(page)).toHaveText(
    'Replaying chrome-standard-multiple-p2p (rtcstats dump, recorded in Chrome 99, 38 polls over 321 s, 7 connections) at 10×.',
  );
  const connection = page.locator('select#connection');
  await expect(connection.locator('option')).toHaveCount(8);
  await expect(connection.locator('option')).toHaveText(['All connections', 'PC_0', 'PC_1', 'PC_2', 'PC_3', 'PC_4', 'PC_5', 'PC_6']);
  await expect(connection).toHaveValue('');

  // PC_0 is the peer-to-peer connection that carried the call for its first three minutes.
  await connection.selectOption('PC_0');
  await expect(stageLine(page)).toHaveText(
    'Replaying chrome-standard-multiple-p2p (rtcstats dump, recorded in Chrome 99, 19 polls over 182 s, 1 connection) at 10×.',
  );
  await expect(connection).toHaveValue('PC_0');
  await expect(page.locator('select#connection')).toHaveCount(1);
  await expect(page.locator('.call-health')).toHaveCount(2);
  await expect(sideBadge(page)).toHaveAttribute('data-kind', 'good', { timeout: 5_000 });

  // Back to all of them.
  await connection.selectOption('');
  await expect(stageLine(page)).toContainText('38 polls over 321 s, 7 connections) at 10×.');
  expect(errors).toEqual([]);
});

test('a recorded failure reads Connection lost when the recording says it happened', async ({ page }) => {
  const errors = await openReplayDemo(page);
  // chrome-standard-pc-failed: PC_0 connected at 1647265213058; PC_0, PC_1 and PC_2 all report "failed"
  // (onconnectionstatechange) at 1647265227269, 14.8 s after the dump's first poll → 1.48 s into a 10× replay.
  await page.locator('input#recording-file').setInputFiles(resolve(REAL, 'chrome-standard-pc-failed'));
  await expect(stageLine(page)).toHaveText(
    'Replaying chrome-standard-pc-failed (rtcstats dump, recorded in Chrome 99, 7 polls over 60 s, 3 connections) at 10×.',
  );
  await expect(sideBadge(page)).toHaveAttribute('data-kind', 'lost', { timeout: 4_000 });
  await expect(sideBadge(page)).toHaveAttribute('data-state', 'bad');
  await expect(sideBadge(page).locator('.ch-pill-text')).toHaveText('Connection lost');
  await expect(side(page).locator('.ch-reason[data-reason=lost]')).toBeVisible();
  await expect(frameBadge(page)).toHaveAttribute('data-kind', 'lost', { timeout: 1_000 });
  const kinds = await kindsSeen(page);
  const lostAt = kinds.find((k) => k.kind === 'lost')?.at ?? NaN;
  expect(lostAt, JSON.stringify(kinds)).toBeGreaterThanOrEqual(1_400);
  expect(lostAt, JSON.stringify(kinds)).toBeLessThan(2_300);
  // Nothing but measuring or a grade before it.
  expect(kinds.filter((k) => k.at < lostAt).every((k) => k.kind === 'measuring' || k.kind === 'good'), JSON.stringify(kinds)).toBe(true);
  // The recording's later polls still count bytes, but no recorded state says the call came back: it stays lost.
  await page.waitForTimeout(1_500);
  await expect(sideBadge(page)).toHaveAttribute('data-kind', 'lost');
  expect(errors).toEqual([]);
});

test('a recorded drop reads Reconnecting… when it happened, then Connection lost when it failed', async ({ page }) => {
  test.setTimeout(30_000);
  const errors = await openReplayDemo(page);
  // chrome-standard-pc-reconnect: PC_0 disconnected and PC_1/PC_2 failed at 1647265416870, 14.8 s after the
  // dump's first poll (→ 1.48 s at 10×); PC_0 failed for good at 1647265496870 (94.8 s → 9.48 s). PC_1 and
  // PC_2 never connected, so they are no outage of the call PC_0 carries; PC_0's own reconnections in between
  // (24.8 s and 37.8 s) are shown as they happened.
  await page.locator('input#recording-file').setInputFiles(resolve(REAL, 'chrome-standard-pc-reconnect'));
  await expect(stageLine(page)).toContainText('Replaying chrome-standard-pc-reconnect (rtcstats dump, recorded in Chrome 99, 3 polls over 95 s, 3 connections)');
  await expect(sideBadge(page)).toHaveAttribute('data-kind', 'reconnecting', { timeout: 4_000 });
  await expect(sideBadge(page).locator('.ch-pill-text')).toHaveText('Reconnecting…');
  await expect(side(page).locator('.ch-reason[data-reason=reconnecting]')).toBeVisible();
  await expect(sideBadge(page)).toHaveAttribute('data-kind', 'lost', { timeout: 10_000 });
  await expect(sideBadge(page).locator('.ch-pill-text')).toHaveText('Connection lost');
  const kinds = await kindsSeen(page);
  const reconnectingAt = kinds.find((k) => k.kind === 'reconnecting')?.at ?? NaN;
  const lostAt = kinds.find((k) => k.kind === 'lost')?.at ?? NaN;
  expect(reconnectingAt, JSON.stringify(kinds)).toBeGreaterThanOrEqual(1_400);
  expect(reconnectingAt, JSON.stringify(kinds)).toBeLessThan(2_300);
  expect(lostAt, JSON.stringify(kinds)).toBeGreaterThanOrEqual(9_400);
  expect(lostAt, JSON.stringify(kinds)).toBeLessThan(10_300);
  // Between the drop and the failure: Reconnecting…, and Good while PC_0 was connected again; No data only
  // once the dump's numbers end (its last poll is at 19.3 s, stale 20 s later: 3.93 s) with the call connected.
  const between = kinds.filter((k) => k.at > reconnectingAt && k.at < lostAt);
  expect(between.every((k) => k.kind === 'reconnecting' || k.kind === 'good' || (k.kind === 'no-data' && k.at >= 3_900)), JSON.stringify(kinds)).toBe(true);
  expect(between.some((k) => k.kind === 'good' && k.at >= 2_400 && k.at < 2_800), JSON.stringify(kinds)).toBe(true);
  expect(errors).toEqual([]);
});

// chrome-standard-pc-reconnect's PC_0 (polls up to 19.3 s) is disconnected at 14.8 s, connected again at
// 24.8 s, disconnected at 27.8 s, connected at 37.8 s and failed at 94.8 s (its onconnectionstatechange events,
// 1647265416870 … 1647265496870), most of it after the dump's last getStats(): each change is shown at its time.
test('a connection chosen from a dump shows each recorded reconnection, not only the first drop', async ({ page }) => {
  test.setTimeout(30_000);
  const errors = await openReplayDemo(page);
  await page.locator('input#recording-file').setInputFiles(resolve(REAL, 'chrome-standard-pc-reconnect'));
  await expect(page.locator('select#connection')).toBeVisible();
  await page.locator('select#connection').selectOption('PC_0');
  await expect(stageLine(page)).toContainText('3 polls over 95 s, 1 connection) at 10×.');
  await expect(sideBadge(page)).toHaveAttribute('data-kind', 'lost', { timeout: 12_000 });
  const kinds = await kindsSeen(page);
  // Reconnected at 24.8 s → 2.48 s: the badge leaves Reconnecting… until the next drop at 2.78 s.
  const between = kinds.filter((k) => k.at > 2_400 && k.at < 2_900).map((k) => k.kind);
  expect(between.some((k) => k !== 'reconnecting' && k !== 'lost'), JSON.stringify(kinds)).toBe(true);
  expect(kinds.filter((k) => k.kind === 'reconnecting').length, JSON.stringify(kinds)).toBeGreaterThanOrEqual(2);
  expect(errors).toEqual([]);
});
