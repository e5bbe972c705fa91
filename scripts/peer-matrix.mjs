// The peer-dependency ranges in package.json, checked at run time: for each pair, a fresh app in a temporary
// folder installs the packed tarball and that version of preact + @preact/signals (or react + react-dom),
// builds with Vite, and loads in Chromium: the Preact app renders <CallHealth> in its own tree and also calls
// mountCallHealth (the React app renders call-health/react's <CallHealth> with inline object props and
// re-renders); both must reach a verdict with one copy of Preact and no page or console error.
// Not part of `npm test` (it needs the registry, about 20 s a pair); run it when a range changes.
//
//   npm run build && npm pack --pack-destination /tmp && node scripts/peer-matrix.mjs /tmp/call-health-0.1.0.tgz
//   node scripts/peer-matrix.mjs <tgz> 11.2.0+2.11.3 react+18     (pairs: preact+signals, or react+version)
//
// Verified 2026-11-30: preact 10.25.0, 10.29.8, 11.0.0, 11.2.0 with @preact/signals 2.11.4, React 18.3.1 and 19.3.1;
// Preact 11 with @preact/signals 2.4.0 – 2.11.3 throws "Cannot assign to read only property '__b'" (hence ^2.11.4).
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync, rmSync, readFileSync, copyFileSync, existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { join, extname, resolve } from 'node:path';
import { tmpdir } from 'node:os';
const repo = resolve(import.meta.dirname, '..');
const { chromium } = await import(`${repo}/node_modules/playwright/index.mjs`);
const { findChromium, CHROMIUM_ARGS } = await import(`${repo}/scripts/browsers.mjs`);
const tgz = process.argv[2] && resolve(process.argv[2]);
if (!tgz || !existsSync(tgz)) throw new Error('usage: node scripts/peer-matrix.mjs <call-health-x.y.z.tgz> [preact+signals | react+version ...]');
const pairs = process.argv.slice(3);
const combos = (pairs.length ? pairs : ['10.25.0+2.11.4', '11.0.0+2.11.4', '11.2.0+2.11.4', 'react+18', 'react+19']).map((c) => c.split('+'));
const root = join(tmpdir(), 'call-health-peer-matrix');
const results = [];
for (const [p, s] of combos) {
  const dir = join(root, `app-${p}-${s}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
  try {
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', tgz, ...(p === 'react' ? ['react@' + s, 'react-dom@' + s] : [`preact@${p}`, `@preact/signals@${s}`])], { cwd: dir, stdio: 'pipe' });
  } catch (e) {
    // npm refuses a pair outside our peer ranges (ERESOLVE): that is the range doing its job.
    const why = String(e.stderr ?? e).match(/ERESOLVE[^\n]*/)?.[0] ?? String(e.stderr ?? e).split('\n')[0];
    console.log(`[peers] refused ${p}+${s} by npm: ${why}`);
    continue;
  }
  const ls = execFileSync('npm', ['ls', '--all', '--parseable', 'preact'], { cwd: dir }).toString().trim().split('\n').filter((l) => l.endsWith('/preact'));
  const got = JSON.parse(readFileSync(join(dir, 'node_modules/preact/package.json'))).version;
  const gotS = JSON.parse(readFileSync(join(dir, 'node_modules/' + (p === 'react' ? 'react' : '@preact/signals') + '/package.json'))).version;
  copyFileSync(`${repo}/public/traces/good.json`, join(dir, 'good.json'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><html><body><div id="app"></div><div id="b"></div><script type="module" src="./main.js"></script></body></html>');
  writeFileSync(join(dir, 'main.js'), p === 'react' ? `
import { createElement as h, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { CallHealth } from 'call-health/react';
import { mountCallHealth, createReplaySource } from 'call-health';
import 'call-health/style.css';
import trace from './good.json';
const source = createReplaySource(trace, { speed: 20 });
function App() {
  const [n, setN] = useState(0);
  return h('div', null, h('button', { id: 'bump', onClick: () => setN(n + 1) }, 'renders ' + n),
    h('div', { id: 'a' }, h(CallHealth, { source, mode: 'badge', labels: { good: 'Fine' }, thresholds: { roundTripTime: { warning: 250, bad: 500 } } })));
}
createRoot(document.getElementById('app')).render(h(App));
mountCallHealth(document.getElementById('b'), { source: createReplaySource(trace, { speed: 20 }), mode: 'badge' });
` : `
import { h, render } from 'preact';
import { useState } from 'preact/hooks';
import { CallHealth, mountCallHealth, createReplaySource } from 'call-health';
import 'call-health/style.css';
import trace from './good.json';
function App() {
  const [n, setN] = useState(0);
  return h('div', null, h('button', { id: 'bump', onClick: () => setN(n + 1) }, 'renders ' + n),
    h('div', { id: 'a' }, h(CallHealth, { source: createReplaySource(trace, { speed: 20 }), mode: 'badge', labels: { title: 'Net' } })));
}
render(h(App), document.getElementById('app'));
mountCallHealth(document.getElementById('b'), { source: createReplaySource(trace, { speed: 20 }), mode: 'badge' });
`);
  execFileSync('node', [`${repo}/node_modules/vite/bin/vite.js`, 'build', '--logLevel', 'warn'], { cwd: dir, stdio: 'inherit' });
  const out = join(dir, 'dist');
  const server = createServer((req, res) => {
    const f = join(out, req.url === '/' ? 'index.html' : req.url.split('?')[0]);
    if (!existsSync(f)) { res.statusCode = 404; return res.end(); }
    res.setHeader('content-type', { '.js': 'text/javascript', '.css': 'text/css', '.html': 'text/html', '.json': 'application/json' }[extname(f)] ?? 'application/octet-stream');
    res.end(readFileSync(f));
  }).listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && !/favicon/.test(m.location()?.url ?? '') && errors.push(m.text() + ' ' + (m.location()?.url ?? '')));
  await page.goto(`http://127.0.0.1:${server.address().port}/`);
  let verdictA = null, verdictB = null;
  try {
    await page.click('#bump'); await page.click('#bump');
    await page.waitForFunction(() => [...document.querySelectorAll('.ch-pill-text')].length === 2 && [...document.querySelectorAll('.ch-pill-text')].every((e) => e.textContent && !/Measuring/.test(e.textContent)), null, { timeout: 20000 });
  } catch (e) { errors.push('timeout: ' + e.message.split('\n')[0]); }
  [verdictA, verdictB] = await page.$$eval('.ch-pill-text', (els) => els.map((e) => e.textContent));
  await browser.close();
  server.close();
  const r = p === 'react' ? { react: gotS, preact: got, preactCopies: ls.length, verdictComponent: verdictA, verdictMount: verdictB, errors } : { preact: got, signals: gotS, preactCopies: ls.length, verdictComponent: verdictA, verdictMount: verdictB, errors };
  console.log(`[peers] ${r.errors.length === 0 && r.preactCopies === 1 ? 'ok  ' : 'FAIL'} ${JSON.stringify(r)}`);
  results.push(r);
}
process.exit(results.every((r) => r.errors.length === 0 && r.preactCopies === 1) ? 0 : 1);
