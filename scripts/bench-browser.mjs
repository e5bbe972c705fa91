// The benchmark's browser side: the built site under `vite preview`, headless Chromium, and the page every
// phase opens.
import { execFileSync, spawn } from 'node:child_process';
import { cpus } from 'node:os';
import { chromium } from 'playwright';
import { CHROMIUM_ARGS, findChromium } from './browsers.mjs';

const PORT = Number(process.env.BENCH_PORT ?? 4195);
const SITE = process.env.SITE_DIR ?? 'build/site';

export async function serve() {
  const server = spawn('npx', ['vite', 'preview', '--host', '127.0.0.1', '--port', String(PORT), '--strictPort', '--outDir', SITE], { stdio: 'ignore', detached: true });
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${PORT}/bench/bench.html`)).ok) return server;
    } catch {}
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('preview server did not start');
}

export function stopServer(server) {
  try {
    process.kill(-server.pid);
  } catch {}
}

export function launchChromium() {
  return chromium.launch({ executablePath: findChromium() ?? undefined, args: [...CHROMIUM_ARGS, '--enable-precise-memory-info'] });
}

export async function openPage(browser) {
  const page = await browser.newPage();
  page.on('pageerror', (e) => console.error('[page error]', e.message));
  // Cross-origin isolation: performance.now() then ticks in 5 µs steps instead of 100 µs, which a
  // sub-millisecond poll needs. Only the benchmark's page gets these headers.
  await page.route('**/*', async (route) => {
    const response = await route.fetch();
    const headers = { ...response.headers(), 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' };
    await route.fulfill({ response, headers });
  });
  await page.goto(`http://127.0.0.1:${PORT}/bench/bench.html`);
  if (!(await page.evaluate(() => window.crossOriginIsolated))) console.warn('[bench] page is not cross-origin isolated: timings have 0.1 ms steps');
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  return { page, cdp };
}

/** The CPU and the Chromium the figures were measured on. */
export function machine() {
  const version = execFileSync(findChromium() ?? 'chromium', ['--version']).toString().trim();
  return `${cpus()[0]?.model ?? 'cpu'} ×${cpus().length}, ${version}`;
}
