import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { stopGroup } from '../netns/sh';
import { findWebKitDriver } from '../../scripts/browsers.mjs';

// WebKit (the engine of Safari) in the suite: Debian's WebKitGTK MiniBrowser, driven by WebKitWebDriver over
// classic WebDriver (HTTP). The GTK port has no headless mode, so it runs on a private Xvfb display.
// Playwright's own WebKit can't be downloaded here, and neither Playwright nor puppeteer drives WebKitGTK,
// so this is a small client of the W3C protocol: sessions, navigation, scripts and screenshots.

const MINIBROWSER_DIRS = ['/usr/lib/x86_64-linux-gnu', '/usr/lib/aarch64-linux-gnu', '/usr/lib'];

function findMiniBrowser(): string | null {
  for (const dir of MINIBROWSER_DIRS) {
    if (!existsSync(dir)) continue;
    for (const sub of readdirSync(dir).filter((d) => d.startsWith('webkit2gtk-')).sort().reverse()) {
      const bin = `${dir}/${sub}/MiniBrowser`;
      if (existsSync(bin)) return bin;
    }
  }
  return null;
}

/** Why WebKit's specs can't run here, or null. Under CI that fails the run instead. */
export function webkitMissing(): string | null {
  const missing = !findWebKitDriver()
    ? 'no WebKitWebDriver (Debian package webkit2gtk-driver)'
    : !findMiniBrowser()
      ? 'no WebKitGTK MiniBrowser (Debian package webkit2gtk-driver brings it)'
      : !existsSync('/usr/bin/Xvfb')
        ? 'no Xvfb (Debian package xvfb)'
        : null;
  if (missing && process.env.CI) throw new Error(`WebKit specs can't run: ${missing}; run node scripts/browsers.mjs`);
  return missing;
}

const freePort = () =>
  new Promise<number>((ok) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => ok(typeof a === 'object' && a ? a.port : 0));
    });
  });

function freeDisplay(): number {
  for (let n = 90; n < 190; n++) if (!existsSync(`/tmp/.X${n}-lock`) && !existsSync(`/tmp/.X11-unix/X${n}`)) return n;
  throw new Error('no free X display number');
}

function waitFor(check: () => Promise<boolean>, what: string, ms = 15_000): Promise<void> {
  const until = Date.now() + ms;
  return new Promise((ok, fail) => {
    const tick = () =>
      check().then(
        (done) => (done ? ok() : Date.now() > until ? fail(new Error(`${what} not up after ${ms} ms`)) : setTimeout(tick, 100)),
        () => (Date.now() > until ? fail(new Error(`${what} not up after ${ms} ms`)) : setTimeout(tick, 100)),
      );
    tick();
  });
}

export interface WebKitSession {
  navigate(url: string): Promise<void>;
  /** Runs `fn(...args)` in the page and returns its (awaited) result; a rejection throws here. */
  run<A extends unknown[], R>(fn: (...args: A) => R | Promise<R>, ...args: A): Promise<R>;
  /** Polls `fn` in the page until it returns true. */
  waitUntil<A extends unknown[]>(fn: (...args: A) => boolean, what: string, timeoutMs: number, ...args: A): Promise<void>;
  setWindowSize(width: number, height: number): Promise<void>;
  screenshot(path: string): Promise<void>;
  userAgent(): Promise<string>;
  close(): Promise<void>;
}

/**
 * Xvfb, WebKitWebDriver and a MiniBrowser session. `lang` is the browser's LANG: C.UTF-8, a Debian
 * container's default, makes WebKitGTK report navigator.language "C" — no valid tag — which the panel survives.
 */
export async function startWebKit(lang = 'C.UTF-8'): Promise<WebKitSession> {
  const miniBrowser = findMiniBrowser();
  const driverBin = findWebKitDriver();
  if (!miniBrowser || !driverBin) throw new Error(webkitMissing() ?? 'WebKit missing');
  const display = freeDisplay();
  const children: ChildProcess[] = [];
  const stopAll = () => Promise.all(children.map((c) => stopGroup(c)));
  try {
    children.push(spawn('Xvfb', [`:${display}`, '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], { detached: true, stdio: 'ignore' }));
    await waitFor(async () => existsSync(`/tmp/.X11-unix/X${display}`), 'Xvfb');
    const port = await freePort();
    children.push(
      spawn(driverBin, [`--port=${port}`], {
        detached: true,
        stdio: 'ignore',
        env: { ...process.env, DISPLAY: `:${display}`, LANG: lang, LC_ALL: lang, LANGUAGE: '' },
      }),
    );
    const base = `http://127.0.0.1:${port}`;
    await waitFor(async () => (await fetch(`${base}/status`)).ok, 'WebKitWebDriver');
    const created = await call(`${base}/session`, 'POST', {
      capabilities: { alwaysMatch: { 'webkitgtk:browserOptions': { binary: miniBrowser, args: ['--automation'] } } },
    });
    const id = String((created as { sessionId?: unknown }).sessionId);
    const at = `${base}/session/${id}`;
    const session: WebKitSession = {
      async navigate(url) {
        await call(`${at}/url`, 'POST', { url });
      },
      async run(fn, ...args) {
        // The page function as source, its result passed back as {ok} or {err}: classic WebDriver has no
        // promise results of its own, only the async script's callback.
        const script = `const done = arguments[arguments.length - 1];
          Promise.resolve().then(() => (${fn.toString()}).apply(null, Array.prototype.slice.call(arguments, 0, -1)))
            .then((v) => done({ ok: v === undefined ? null : v }), (e) => done({ err: String(e && e.stack || e) }));`;
        const out = (await call(`${at}/execute/async`, 'POST', { script, args })) as { ok?: unknown; err?: string };
        if (out.err !== undefined) throw new Error(`in WebKit: ${out.err}`);
        return out.ok as Awaited<ReturnType<typeof fn>>;
      },
      async waitUntil(fn, what, timeoutMs, ...args) {
        const until = Date.now() + timeoutMs;
        for (;;) {
          if (await session.run(fn, ...args)) return;
          if (Date.now() > until) throw new Error(`WebKit: ${what} not within ${timeoutMs} ms`);
          await new Promise((r) => setTimeout(r, 100));
        }
      },
      async setWindowSize(width, height) {
        await call(`${at}/window/rect`, 'POST', { width, height });
      },
      async screenshot(path) {
        writeFileSync(path, Buffer.from(String(await call(`${at}/screenshot`, 'GET')), 'base64'));
      },
      userAgent: () => session.run(() => navigator.userAgent),
      async close() {
        await call(at, 'DELETE').catch(() => undefined);
        await stopAll();
      },
    };
    // Scripts get 30 s, the longest any spec waits inside one.
    await call(`${at}/timeouts`, 'POST', { script: 30_000 });
    return session;
  } catch (err) {
    await stopAll();
    throw err;
  }
}

async function call(url: string, method: 'GET' | 'POST' | 'DELETE', body?: unknown): Promise<unknown> {
  const res = await fetch(url, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await res.json()) as { value?: unknown };
  if (!res.ok) throw new Error(`WebDriver ${method} ${url}: ${res.status} ${JSON.stringify(json.value)}`);
  return json.value;
}
