import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Browser as BrowserName, createProfile } from '@puppeteer/browsers';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { FIREFOX_PREFS, findFirefox } from '../../scripts/browsers.mjs';
import type { Namespace } from '../netns/namespace';
import { stopGroup } from '../netns/sh';

// Firefox in the suite: Debian's firefox-esr, headless, driven by puppeteer-core over WebDriver BiDi.
// Playwright can only drive its own patched Firefox build, which can't be downloaded here; puppeteer-core
// downloads nothing and speaks BiDi to a stock Firefox. Playwright's runner still runs these specs (one
// report, one preview server); they never ask for its `page`, so no Chromium starts for them.

/** Why Firefox's specs can't run here, or null. Under CI a missing Firefox fails the run instead. */
export function firefoxMissing(): string | null {
  if (findFirefox()) return null;
  const why = 'no Firefox found: run `node scripts/browsers.mjs` (installs Debian firefox-esr as root) or set FIREFOX_PATH';
  if (process.env.CI) throw new Error(why);
  return why;
}

export interface LaunchedFirefox {
  browser: Browser;
  close(): Promise<void>;
}

function requireFirefox(): string {
  const binary = findFirefox();
  if (!binary) throw new Error('no Firefox found (run node scripts/browsers.mjs)');
  return binary;
}

/** Headless Firefox with the suite's prefs. */
export async function launchFirefox(): Promise<LaunchedFirefox> {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: requireFirefox(),
    headless: true,
    extraPrefsFirefox: FIREFOX_PREFS,
    defaultViewport: null,
  });
  return { browser, close: () => browser.close().catch(() => undefined) };
}

/** The BiDi port inside a namespace: its port space is private, so a fixed one can't collide. */
const NETNS_BIDI_PORT = 9222;

/**
 * Headless Firefox running inside network namespace `ns`. Its BiDi socket listens on the namespace's own
 * loopback, out of the test process's reach, so a relay inside (bidi-relay.mjs) opens it on the namespace's
 * veth address, which the host routes to.
 */
export async function launchFirefoxInNamespace(ns: Namespace): Promise<LaunchedFirefox> {
  const binary = requireFirefox();
  const profile = mkdtempSync(join(tmpdir(), `${ns.name}-ff-`));
  await createProfile(BrowserName.FIREFOX, { path: profile, preferences: FIREFOX_PREFS });
  const inNs = (args: string[]) => spawn('ip', ['netns', 'exec', ns.name, ...args], { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const firefox = inNs([binary, '--headless', '--profile', profile, `--remote-debugging-port=${NETNS_BIDI_PORT}`, 'about:blank']);
  const relay = inNs([process.execPath, resolve(import.meta.dirname, 'bidi-relay.mjs'), ns.address, String(NETNS_BIDI_PORT)]);
  const stop = async () => {
    await Promise.all([stopGroup(firefox), stopGroup(relay)]);
    rmSync(profile, { recursive: true, force: true });
  };
  try {
    await Promise.all([waitForLine(firefox, 'WebDriver BiDi listening on', 'firefox'), waitForLine(relay, 'relay listening on', 'relay')]);
    const browser = await puppeteer.connect({
      browserWSEndpoint: `ws://${ns.address}:${NETNS_BIDI_PORT}/session`,
      protocol: 'webDriverBiDi',
      defaultViewport: null,
    });
    return {
      browser,
      async close() {
        await browser.close().catch(() => undefined);
        await stop();
      },
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

function waitForLine(child: ReturnType<typeof spawn>, text: string, what: string): Promise<void> {
  return new Promise((ok, fail) => {
    let log = '';
    const timer = setTimeout(() => fail(new Error(`${what} not up after 30 s:\n${log}`)), 30_000);
    const onData = (b: Buffer) => {
      log += b.toString();
      if (log.includes(text)) {
        clearTimeout(timer);
        ok();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`${what} exited (${code}):\n${log}`));
    });
  });
}

/** A new tab that collects page errors and console errors, as the Chromium specs do, at `url`. */
export async function openPage(browser: Browser, url: string, viewport = { width: 520, height: 760 }): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e instanceof Error ? e.message : String(e)}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  await page.setViewport(viewport);
  await page.goto(url);
  return { page, errors };
}
