import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, expect, type Browser, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from '../../scripts/browsers.mjs';
import type { Namespace } from './namespace';
import { stopGroup } from './sh';
import { STATUS } from './widget-state';

/** Inside the namespace the port space is private, so this can't collide with other test servers. */
export const NETNS_PORT = 4185;

export interface NamespacedSite {
  origin: string;
  stop(): Promise<void>;
}

/** Serves the built site (SITE_DIR) from inside the namespace, on its own lo. */
export async function serveSiteInNamespace(ns: Namespace, siteDir: string): Promise<NamespacedSite> {
  const dir = resolve(siteDir);
  if (!existsSync(join(dir, 'e2e/pages/loopback.html'))) {
    throw new Error(`${dir}/e2e/pages/loopback.html is missing: build the site first (SITE_DIR=${siteDir} npx vite build)`);
  }
  const vite = resolve('node_modules/vite/bin/vite.js');
  // Its own process group, so stopping it ends node and anything it started, and nothing else.
  const child = spawn(
    'ip',
    ['netns', 'exec', ns.name, process.execPath, vite, 'preview', '--host', '127.0.0.1', '--port', String(NETNS_PORT), '--strictPort', '--outDir', dir],
    { detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const origin = `http://127.0.0.1:${NETNS_PORT}`;
  await new Promise<void>((ok, fail) => {
    let log = '';
    const timer = setTimeout(() => fail(new Error(`preview server in ${ns.name} not up after 20 s:\n${log}`)), 20_000);
    const onData = (b: Buffer) => {
      // Vite colours its banner; the escapes sit between host and port.
      log += b.toString().replace(/\x1b\[[0-9;]*m/g, '');
      if (log.includes(`127.0.0.1:${NETNS_PORT}`)) {
        clearTimeout(timer);
        ok();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`preview server exited (${code}):\n${log}`));
    });
  });
  return { origin, stop: () => stopGroup(child) };
}

/**
 * Headless Chromium running inside the namespace: Playwright launches a generated wrapper that execs the
 * real binary under `ip netns exec` (the debugging pipe's file descriptors pass straight through).
 */
export async function launchChromiumInNamespace(ns: Namespace): Promise<{ browser: Browser; dispose(): void }> {
  const binary = findChromium();
  if (!binary) throw new Error('no Chromium found (set CHROMIUM_PATH, or run node scripts/browsers.mjs)');
  const dir = mkdtempSync(join(tmpdir(), `${ns.name}-`));
  const wrapper = join(dir, 'chromium-in-netns.sh');
  writeFileSync(wrapper, `#!/bin/sh\nexec ip netns exec '${ns.name}' '${binary}' "$@"\n`);
  chmodSync(wrapper, 0o755);
  const browser = await chromium.launch({ executablePath: wrapper, args: CHROMIUM_ARGS });
  return { browser, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface NamespacedCall {
  page: Page;
  /** Closes the browser and stops the site; the namespace is the caller's. */
  close(): Promise<void>;
}

/**
 * What both real-network specs start from: the built site served inside `ns`, Chromium launched inside it,
 * and the loopback call page up and connected. Generated media, not the fake camera: that sends ≈ 180 kbit/s
 * of video, and libwebrtc's estimate can't climb above ≈ 1.5× what is acknowledged, so after any cut it
 * stays ≈ 430 kbit/s — under the 500 kbit/s warning, which the widget then rightly shows. The canvas sends
 * ≈ 540 kbit/s, like a real 360p camera.
 */
export async function openLoopbackInNamespace(ns: Namespace, siteDir: string, tag: string): Promise<NamespacedCall> {
  const site = await serveSiteInNamespace(ns, siteDir);
  const launched = await launchChromiumInNamespace(ns).catch(async (err: unknown) => {
    await site.stop();
    throw err;
  });
  const close = async () => {
    await launched.browser.close().catch(() => undefined);
    launched.dispose();
    await site.stop();
  };
  try {
    const page = await launched.browser.newPage();
    page.on('pageerror', (e) => console.log(`[${tag}] page error: ${e.message}`));
    await page.goto(`${site.origin}/e2e/pages/loopback.html?devices=0`);
    await expect(page.locator('#call')).toHaveAttribute('data-call', 'connected', { timeout: 20_000 });
    await expect(page.locator(STATUS)).toBeAttached();
    return { page, close };
  } catch (err) {
    await close();
    throw err;
  }
}
