import { expect, test, type Browser } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { createServer, type Server } from 'node:http';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';

// The packed package as a new user meets it: `npm pack`'s tarball installed into
// template-shaped apps in a temporary folder (plain TS, React 19, Preact 10 — the latest and the lowest the
// peer range claims — and Preact 11), each
// type-checked (strict, bundler and nodenext resolution), built with Vite, served, and run in Chromium on a
// real loopback call. App sources live in e2e/consumers/ as *.tmpl files (so the repo's own tsc skips them).
//
// Every check is a soft assertion inside one test, so one missing piece doesn't hide the others; the end
// of the test prints a table of every check and the time each phase took.
// KEEP_CONSUMERS=1 keeps the temporary folder (its path is printed) for a look afterwards.

const ROOT = resolve(import.meta.dirname, '..');
const TEMPLATES = resolve(import.meta.dirname, 'consumers');

// What the official Vite templates install today, from the registry.
const SHARED_DEV = { vite: '^8.4.0', typescript: '^7.0.2', '@vitejs/plugin-react': '^6.0.0' };
const PREACT_10 = '^10.29.8'; // what the preact-ts template pins
const PREACT_11 = '^11.2.0';

interface AppSpec {
  name: string;
  ext: 'ts' | 'tsx';
  dir: string; // template folder under e2e/consumers
  body: string;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  compilerOptions: Record<string, unknown>;
  /** Preact app: exactly one Preact in node_modules and in the bundle. */
  preact: boolean;
  /** Has a `<call-health>` element whose statechange is shown in the page. */
  element: 'data' | 'span' | null;
}

const FRAME_AND_HOST = '<div id="root"></div>\n    <div id="element-host"></div>';
const ALL_APPS: AppSpec[] = [
  {
    name: 'vanilla-ts',
    ext: 'ts',
    dir: 'vanilla-ts',
    body: '<div id="app" class="frame"></div>\n    <div id="element-host"></div>',
    dependencies: {},
    devDependencies: {},
    compilerOptions: {},
    preact: false,
    element: 'data',
  },
  {
    name: 'react-ts',
    ext: 'tsx',
    dir: 'react-ts',
    body: FRAME_AND_HOST,
    dependencies: { react: '^19.2.0', 'react-dom': '^19.2.0' },
    devDependencies: { '@types/react': '^19.2.0', '@types/react-dom': '^19.2.0' },
    compilerOptions: { jsx: 'react-jsx' },
    preact: false,
    element: 'span',
  },
  {
    name: 'preact-10-ts',
    ext: 'tsx',
    dir: 'preact-ts',
    body: FRAME_AND_HOST,
    dependencies: { preact: PREACT_10 },
    devDependencies: { '@preact/preset-vite': '^2.10.2' },
    compilerOptions: { jsx: 'react-jsx', jsxImportSource: 'preact' },
    preact: true,
    element: null,
  },
  {
    name: 'preact-11-ts',
    ext: 'tsx',
    dir: 'preact-ts',
    body: FRAME_AND_HOST,
    dependencies: { preact: PREACT_11 },
    devDependencies: { '@preact/preset-vite': '^2.10.2' },
    compilerOptions: { jsx: 'react-jsx', jsxImportSource: 'preact' },
    preact: true,
    element: null,
  },
];

// CONSUMERS_ONLY=react-ts,vanilla-ts runs a subset (for working on one app).
const only = process.env['CONSUMERS_ONLY']?.split(',');
const APPS = only ? ALL_APPS.filter((a) => only.includes(a.name)) : ALL_APPS;

// The template's tsconfig.app.json, strict.
const TEMPLATE_TS = {
  target: 'ES2022',
  useDefineForClassFields: true,
  lib: ['ES2022', 'DOM', 'DOM.Iterable'],
  module: 'ESNext',
  types: ['vite/client'],
  skipLibCheck: true,
  moduleResolution: 'bundler',
  allowImportingTsExtensions: true,
  verbatimModuleSyntax: true,
  moduleDetection: 'force',
  noEmit: true,
  strict: true,
  noUnusedLocals: true,
  noUnusedParameters: true,
  erasableSyntaxOnly: true,
  noFallthroughCasesInSwitch: true,
  noUncheckedSideEffectImports: true,
};
// Same entry under node's own resolution, and without vite's types (its CSS import is declared by the app).
const NODENEXT_TS = { ...TEMPLATE_TS, module: 'nodenext', moduleResolution: 'nodenext', types: [], allowImportingTsExtensions: false };

// ---------------------------------------------------------------------------------------------------------

interface Row {
  app: string;
  check: string;
  ok: boolean;
  detail: string;
}
const rows: Row[] = [];
const timings: Record<string, number> = {};
const children = new Set<ChildProcess>();
const servers = new Set<Server>();
let work = '';

/** A soft check that also lands in the summary table. */
function check(app: string, name: string, ok: boolean, detail = ''): void {
  rows.push({ app, check: name, ok, detail: detail.slice(0, 2000) });
  expect.soft(ok, `${app}: ${name}${detail ? `\n${detail}` : ''}`).toBe(true);
}

async function timed<T>(label: string, fn: () => Promise<T>): Promise<T> {
  const t0 = Date.now();
  try {
    return await fn();
  } finally {
    timings[label] = (timings[label] ?? 0) + (Date.now() - t0);
    console.log(`[consumers] ${label}: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
}

/** The environment for nested npm/node runs: without what `npm test` sets for this package. */
function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^npm_(package|lifecycle)_|^npm_config_(local_prefix|prefix|global|workspaces?|include_workspace_root)$|^INIT_CWD$/i.test(k)) continue;
    env[k] = v;
  }
  return env;
}

interface RunResult {
  code: number | null;
  out: string;
}

function run(cmd: string, args: string[], cwd: string, timeoutMs = 240_000): Promise<RunResult> {
  return new Promise((done) => {
    const child = spawn(cmd, args, { cwd, env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    children.add(child);
    let out = '';
    child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
    const timer = setTimeout(() => {
      out += `\n[timed out after ${timeoutMs} ms]`;
      killTree(child);
    }, timeoutMs);
    child.on('error', (err) => {
      out += String(err);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      children.delete(child);
      done({ code, out });
    });
  });
}

function killTree(child: ChildProcess): void {
  if (child.pid === undefined || child.exitCode !== null) return;
  try {
    process.kill(-child.pid, 'SIGKILL'); // its own process group (detached)
  } catch {
    child.kill('SIGKILL');
  }
}

const tail = (s: string, n = 40): string => s.trim().split('\n').slice(-n).join('\n');
const NPM_INSTALL = ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'];

function writeJson(file: string, value: unknown): void {
  writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}

function writeApp(app: AppSpec, tarball: string): string {
  const dir = join(work, 'apps', app.name);
  mkdirSync(join(dir, 'src'), { recursive: true });
  writeJson(join(dir, 'package.json'), {
    name: app.name,
    private: true,
    version: '0.0.0',
    type: 'module',
    dependencies: { 'call-health': `file:${tarball}`, ...app.dependencies },
    devDependencies: app.devDependencies,
  });
  const main = `main.${app.ext}`;
  writeFileSync(
    join(dir, 'index.html'),
    readFileSync(join(TEMPLATES, 'shared/index.html'), 'utf8').replace('<!--BODY-->', app.body).replace('main.MAIN_EXT', main),
  );
  cpSync(join(TEMPLATES, app.dir, `${main}.tmpl`), join(dir, 'src', main));
  cpSync(join(TEMPLATES, 'shared/loopback.ts.tmpl'), join(dir, 'src/loopback.ts'));
  cpSync(join(TEMPLATES, 'shared/style-module.d.ts.tmpl'), join(dir, 'src/style-module.d.ts'));
  const viteConfig = join(TEMPLATES, app.dir, 'vite.config.ts.tmpl');
  if (existsSync(viteConfig)) cpSync(viteConfig, join(dir, 'vite.config.ts'));
  writeJson(join(dir, 'tsconfig.json'), { compilerOptions: { ...TEMPLATE_TS, ...app.compilerOptions }, include: ['src'] });
  writeJson(join(dir, 'tsconfig.nodenext.json'), { compilerOptions: { ...NODENEXT_TS, ...app.compilerOptions }, include: ['src'] });
  return dir;
}

/** A file server for one app's dist/ on a free port (no process to leave behind). */
function serve(dir: string): Promise<{ url: string; server: Server }> {
  const types: Record<string, string> = {
    '.html': 'text/html',
    '.js': 'text/javascript',
    '.css': 'text/css',
    '.svg': 'image/svg+xml',
    '.json': 'application/json',
    '.map': 'application/json',
  };
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = resolve(dir, `.${path.endsWith('/') ? `${path}index.html` : path}`);
    if (!file.startsWith(dir) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  servers.add(server);
  return new Promise((done) =>
    server.listen(0, '127.0.0.1', () => done({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, server })),
  );
}

function closeServer(server: Server): Promise<void> {
  servers.delete(server);
  server.closeAllConnections();
  return new Promise((done) => server.close(() => done()));
}

function bin(fromDir: string, pkg: string, name: string): string {
  const req = createRequire(join(fromDir, 'package.json'));
  const manifestPath = req.resolve(`${pkg}/package.json`);
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { bin?: string | Record<string, string> };
  const rel = typeof manifest.bin === 'string' ? manifest.bin : manifest.bin?.[name];
  if (!rel) throw new Error(`${pkg} has no bin ${name}`);
  return resolve(manifestPath, '..', rel);
}

/** Distinct installed copies of preact under an app (paths from `npm ls --parseable`; the tree too when not one). */
async function preactCopies(dir: string): Promise<{ paths: string[]; tree: string }> {
  const parseable = await run('npm', ['ls', 'preact', '--all', '--parseable'], dir, 60_000);
  const paths = [...new Set(parseable.out.split('\n').map((l) => l.trim()).filter((l) => l.endsWith('/preact')))];
  const tree = paths.length === 1 ? paths[0]! : (await run('npm', ['ls', 'preact', '--all'], dir, 60_000)).out.trim();
  return { paths, tree };
}

/**
 * Copies of Preact in the built JS: the distinct `…/node_modules/preact` folders the bundle's source maps
 * name (the app is built with `--sourcemap`; a nested copy shows as `call-health/node_modules/preact`).
 */
function preactInBundle(dist: string): string[] {
  const assets = join(dist, 'assets');
  if (!existsSync(assets)) return [];
  const roots = new Set<string>();
  for (const f of readdirSync(assets).filter((n) => n.endsWith('.js.map'))) {
    const map = JSON.parse(readFileSync(join(assets, f), 'utf8')) as { sources?: string[] };
    for (const src of map.sources ?? []) {
      const m = /^(.*node_modules\/preact)\//.exec(src.replaceAll('\\', '/'));
      if (m?.[1]) roots.add(m[1].replace(/^(\.\.\/)+/, ''));
    }
  }
  return [...roots];
}

const VERDICT = /^(good|warning|bad)$/;

async function inBrowser(browser: Browser, app: AppSpec, url: string): Promise<void> {
  const context = await browser.newContext({ viewport: { width: 800, height: 600 } });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  try {
    await page.goto(url);
    const started = await page
      .waitForFunction(() => document.body.dataset['ready'] === 'true' || document.body.dataset['error'] !== undefined, null, { timeout: 30_000 })
      .then(() => page.evaluate(() => document.body.dataset['error'] ?? 'ok'))
      .catch((e: unknown) => String(e));
    check(app.name, 'page starts (loopback call connected, widgets mounted)', started === 'ok', started);

    const frameBadge = page.locator('.frame .call-health .ch-badge[role=status]');
    const appeared = await frameBadge.waitFor({ timeout: 15_000 }).then(() => true, () => false);
    check(app.name, 'badge appears in the 480×270 frame', appeared, await page.locator('.frame').innerHTML().catch(() => 'no .frame'));

    const verdict = async (badge: typeof frameBadge): Promise<string> => {
      await expect(badge).toHaveAttribute('data-state', VERDICT, { timeout: 30_000 }).catch(() => undefined);
      return (await badge.getAttribute('data-state').catch(() => null)) ?? 'absent';
    };
    const state = appeared ? await verdict(frameBadge) : 'absent';
    const tick = await page.locator('#tick').getAttribute('data-tick').catch(() => null);
    check(app.name, 'frame badge reaches a verdict', VERDICT.test(state), `data-state=${state}${tick === null ? '' : `, parent re-renders so far: ${tick}`}`);
    if (app.ext === 'tsx') {
      // Not vacuous: the parent really re-rendered (new inline props each time) before the verdict came.
      check(app.name, 'parent re-rendered every second meanwhile (inline props, no remount)', Number(tick) >= 3, `re-renders: ${tick}`);
    }
    if (app.ext === 'tsx' && state === 'good') {
      const text = await page.locator('.frame .ch-pill-text').textContent().catch(() => null);
      check(app.name, 'inline labels={{ good: "OK" }} applied', text === 'OK', `pill text: ${text}`);
    }

    // The second embedding: <call-health> (vanilla, React) or mountCallHealth (Preact).
    const hostBadge = page.locator('#element-host .ch-badge[role=status]');
    const hostState = (await hostBadge.count()) > 0 ? await verdict(hostBadge) : 'absent';
    const second = app.element ? '<call-health> element' : 'mountCallHealth in the Preact app';
    check(app.name, `${second} reaches a verdict`, VERDICT.test(hostState), `data-state=${hostState}`);
    if (app.element) {
      const evState =
        app.element === 'data'
          ? await page.evaluate(() => document.body.dataset['elementState'] ?? 'none')
          : await page.locator('#element-state').textContent().catch(() => null);
      check(app.name, 'typed statechange event delivered (e.detail.networkState)', evState !== null && VERDICT.test(evState), `last statechange: ${evState}`);
    }

    // Open the docked badge and the graphs: every metric row must be reachable inside the frame.
    if (appeared) {
      const clicked = await page.locator('.frame .ch-pill').click().then(() => 'ok', (e: unknown) => String(e));
      check(app.name, 'badge is clickable', clicked === 'ok', clicked);
      const details = page.locator('.frame .ch-details');
      const opened = await details.waitFor({ state: 'visible', timeout: 5_000 }).then(() => true, () => false);
      check(app.name, 'badge opens its card', opened);
      const toggle = page.locator('.frame [data-ch=toggle-graphs]');
      if (opened && (await toggle.count()) > 0) {
        await toggle.click().catch(() => undefined);
        const panel = await page.locator('.frame .ch-panel').waitFor({ state: 'visible', timeout: 15_000 }).then(() => true, () => false);
        check(app.name, 'panel (graphs chunk) loads', panel);
        const rowsCount = await page.locator('.frame .ch-metric').count();
        const last = page.locator('.frame .ch-metric').last();
        await last.scrollIntoViewIfNeeded({ timeout: 5_000 }).catch(() => undefined);
        const lastVisible = rowsCount > 0 && (await last.isVisible());
        check(app.name, 'last .ch-metric scrolled into view is visible', lastVisible, `${rowsCount} metric rows`);
        // Each row: scrolled into view, inside the frame and the viewport, and the topmost element at its centre.
        const reach = await page.evaluate(() => {
          const frame = document.querySelector('.frame')!;
          const bad: string[] = [];
          const cut: string[] = [];
          for (const row of Array.from(document.querySelectorAll<HTMLElement>('.frame .ch-metric'))) {
            row.scrollIntoView({ block: 'nearest' });
            const r = row.getBoundingClientRect();
            const f = frame.getBoundingClientRect();
            const x = r.left + Math.min(r.width / 2, 40);
            const y = r.top + Math.min(r.height / 2, 10);
            const hit = document.elementFromPoint(x, y);
            const inside = r.top >= f.top - 1 && r.bottom <= f.bottom + 1 && r.left >= f.left - 1 && r.right <= f.right + 1;
            const inView = r.top >= 0 && r.bottom <= window.innerHeight;
            const id = row.dataset['metric'] ?? '?';
            if (!inside || !inView || !hit || !row.contains(hit)) {
              bad.push(`${id} (top ${r.top.toFixed(0)}, bottom ${r.bottom.toFixed(0)}; frame ${f.top.toFixed(0)}–${f.bottom.toFixed(0)}; hit ${hit?.className || hit?.tagName || 'nothing'})`);
            }
            const label = row.querySelector<HTMLElement>('.ch-metric-label');
            if (label && label.scrollWidth > label.clientWidth + 1) cut.push(`${id}: "${label.textContent}"`);
          }
          return { bad, cut };
        });
        check(app.name, 'every metric row reachable inside the 480×270 frame', rowsCount > 0 && reach.bad.length === 0, reach.bad.join('\n'));
        check(app.name, 'metric names not cut off', reach.cut.length === 0, reach.cut.join('\n'));
      }
    }
    check(app.name, 'no page error, no console error', errors.length === 0, errors.join('\n'));
  } finally {
    await context.close();
  }
}

// ---------------------------------------------------------------------------------------------------------

test.describe.configure({ mode: 'serial' });

test.afterAll(async () => {
  const table = rows.map((r) => `${r.ok ? 'PASS' : 'FAIL'}  ${r.app.padEnd(20)} ${r.check}${r.ok || !r.detail ? '' : `\n        ${r.detail.split('\n').slice(0, 12).join('\n        ')}`}`);
  const times = Object.entries(timings).map(([k, v]) => `  ${k}: ${(v / 1000).toFixed(1)} s`);
  console.log(`[consumers] checks:\n${table.join('\n')}\n[consumers] timings:\n${times.join('\n')}`);
  for (const child of children) killTree(child);
  for (const server of servers) await closeServer(server);
  if (work && !process.env['KEEP_CONSUMERS']) rmSync(work, { recursive: true, force: true });
});

test('the packed package in plain TS, React 19, Preact 10 (latest and lowest claimed) and Preact 11 apps', async ({ browser }) => {
  test.setTimeout(8 * 60_000);
  const t0 = Date.now();
  work = mkdtempSync(join(tmpdir(), 'call-health-consumers-'));
  console.log(`[consumers] working in ${work}`);

  // 1. The tarball, from the library build `npm run build` (test:e2e) wrote.
  if (!existsSync(join(ROOT, 'dist/call-health.js'))) {
    const built = await timed('build (dist was missing)', () => run('npm', ['run', 'build'], ROOT, 300_000));
    expect(built.code, tail(built.out)).toBe(0);
  }
  const packed = await timed('npm pack', () => run('npm', ['pack', '--pack-destination', work, '--json', '--loglevel=error'], ROOT, 120_000));
  expect(packed.code, tail(packed.out)).toBe(0);
  const tarball = join(work, readdirSync(work).find((f) => f.endsWith('.tgz')) ?? 'missing.tgz');
  expect(existsSync(tarball), `no tarball in ${work}: ${tail(packed.out)}`).toBe(true);
  // Every file package.json's exports point at is in the tarball (a dist/ half-rebuilt when packing shows here).
  const packedFiles = new Set((JSON.parse(packed.out.slice(packed.out.indexOf('['))) as { files: { path: string }[] }[])[0]?.files.map((f) => f.path));
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { exports?: unknown };
  const targets = new Set<string>();
  const collect = (v: unknown): void => {
    if (typeof v === 'string') targets.add(v.replace(/^\.\//, ''));
    else if (v && typeof v === 'object') Object.values(v).forEach(collect);
  };
  collect(manifest.exports);
  const missing = [...targets].filter((t) => !packedFiles.has(t));
  check('tarball', 'every exports target is packed', missing.length === 0, `missing: ${missing.join(', ')}`);

  // The lowest Preact 10 the package claims (peerDependencies), as well as the latest 10 and 11.
  const manifestPeers = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { peerDependencies?: Record<string, string> }).peerDependencies;
  const lowest10 = /(?:^|[\s|^~>=])(10\.\d+\.\d+)/.exec(manifestPeers?.['preact'] ?? '')?.[1];
  const apps = [...APPS];
  if (lowest10 && (!only || only.includes('preact-10-lowest-ts'))) {
    const p10 = ALL_APPS.find((a) => a.name === 'preact-10-ts')!;
    apps.push({ ...p10, name: 'preact-10-lowest-ts', dependencies: { preact: lowest10 } });
  }
  console.log(`[consumers] apps: ${apps.map((a) => `${a.name}${a.dependencies['preact'] ? ` (preact ${a.dependencies['preact']})` : ''}`).join(', ')}`);

  // 2. Installs, all at once: the shared devDependencies once in the parent folder (the apps resolve vite,
  //    typescript and the React plugin from there), each app its own runtime dependencies and the tarball.
  writeJson(join(work, 'package.json'), { name: 'consumers-shared', private: true, devDependencies: SHARED_DEV });
  const dirs = apps.map((app) => writeApp(app, tarball));
  const installs = await timed(`npm install (shared + ${apps.length} apps, in parallel)`, () =>
    Promise.all([run('npm', NPM_INSTALL, work), ...dirs.map((d) => run('npm', NPM_INSTALL, d))]),
  );
  expect(installs[0]?.code, `shared install:\n${tail(installs[0]?.out ?? '')}`).toBe(0);
  apps.forEach((app, i) => {
    const r = installs[i + 1];
    check(app.name, 'npm install (tarball + registry)', r?.code === 0, tail(r?.out ?? ''));
  });
  const tsc = bin(work, 'typescript', 'tsc');

  // 3. Types, build, copies of Preact: per app (the type checks of all apps run side by side).
  await timed('tsc --noEmit ×2 per app', () =>
    Promise.all(
      apps.map(async (app, i) => {
        const dir = dirs[i]!;
        for (const [label, project] of [
          ['tsc --noEmit (strict, bundler)', 'tsconfig.json'],
          ['tsc --noEmit (strict, nodenext, no vite types)', 'tsconfig.nodenext.json'],
        ] as const) {
          const r = await run(process.execPath, [tsc, '--noEmit', '-p', project], dir, 120_000);
          check(app.name, label, r.code === 0, tail(r.out, 25));
        }
      }),
    ),
  );
  // npm ls for every app at once (it reads the tree; a second each), then the builds one by one (CPU-bound).
  const copies = await timed('npm ls preact (all apps)', () => Promise.all(dirs.map((d) => preactCopies(d))));
  const built: boolean[] = [];
  for (const [i, app] of apps.entries()) {
    const dir = dirs[i]!;
    const r = await timed(`vite build: ${app.name}`, () => run(process.execPath, [bin(dir, 'vite', 'vite'), 'build', '--sourcemap'], dir, 180_000));
    built[i] = r.code === 0;
    check(app.name, 'vite build', built[i], tail(r.out, 25));
    const tree = copies[i]?.tree ?? '';
    if (app.preact) {
      const paths = copies[i]?.paths ?? [];
      check(app.name, 'one preact in node_modules (npm ls preact)', paths.length === 1, `${paths.join('\n')}\n${tree}`);
    }
    if (built[i]) {
      const bundled = preactInBundle(join(dir, 'dist'));
      check(app.name, 'one Preact in the bundle', bundled.length === 1, `bundled from: ${bundled.join(', ') || 'none'}\nnpm ls:\n${tree}`);
    }
  }

  // 4. Each build, served and opened in Chromium.
  for (const [i, app] of apps.entries()) {
    if (!built[i]) continue;
    const { url, server } = await serve(join(dirs[i]!, 'dist'));
    try {
      await timed(`Chromium: ${app.name}`, () => inBrowser(browser, app, url));
    } finally {
      await closeServer(server);
    }
  }

  timings['total'] = Date.now() - t0;
});
