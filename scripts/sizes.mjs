// Gzip sizes of what the widget ships, and the budgets `npm test` enforces (after `npm run build`).
// "Up front" is an entry file plus the chunks it imports statically — what a page downloads before the widget
// shows its badge; the panel (uPlot, graphs, session view) is a chunk loaded the first time it opens.
import { readFileSync, existsSync, readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';

/**
 * Budgets: a heavy dependency or a runaway module fails the tests. They sit a little above today's
 * measured sizes (34 018 and 22 953 B once outages, evidence and connection states came in; the dump
 * readers are a chunk loaded on demand and not counted); the size goals are printed
 * beside them (see docs/performance.md).
 */
export const BUDGETS = {
  standaloneGzipBytes: { budget: 35_000, goal: 35_000 },
  libraryOwnGzipBytes: { budget: 24_000, goal: 8_000 },
};

const gz = (file) => gzipSync(readFileSync(file), { level: 9 }).length;

/** Static `import … from "./x.js"` / `import "./x.js"` targets (not `import("./x.js")`), transitively. */
function staticClosure(dir, entry) {
  const seen = new Set();
  const visit = (name) => {
    if (seen.has(name)) return;
    seen.add(name);
    const code = readFileSync(join(dir, name), 'utf8');
    for (const m of code.matchAll(/(?:from|import)\s*["'`]\.\/([^"'`]+\.js)["'`]/g)) visit(m[1]);
  };
  visit(entry);
  return [...seen];
}

export function measureSizes(dir = process.env.LIB_DIR ?? 'dist') {
  const need = ['call-health.js', 'call-health.standalone.js', 'call-health.css'];
  const missing = need.filter((f) => !existsSync(join(dir, f)));
  if (missing.length) throw new Error(`build first (npm run build): missing ${missing.join(', ')}`);
  const sum = (files) => files.reduce((n, f) => n + gz(join(dir, f)), 0);
  const all = (prefix) => readdirSync(dir).filter((f) => f.endsWith('.js') && (f === `${prefix}.js` || f.startsWith(`${prefix}-`)));
  const css = gz(join(dir, 'call-health.css'));
  const standaloneUpFront = staticClosure(dir, 'call-health.standalone.js');
  const libUpFront = staticClosure(dir, 'call-health.js');
  return {
    standaloneGzipBytes: sum(standaloneUpFront) + css,
    standaloneTotalGzipBytes: sum(all('call-health.standalone')) + css,
    libraryOwnGzipBytes: sum(libUpFront),
    libraryOwnTotalGzipBytes: sum(all('call-health')),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const sizes = measureSizes();
  let failed = false;
  for (const [key, { budget, goal }] of Object.entries(BUDGETS)) {
    const v = sizes[key];
    const ok = v <= budget;
    failed ||= !ok;
    console.log(`[size] ${key}: ${v} B gzip up front (budget ${budget}, goal ${goal})${ok ? '' : '  OVER BUDGET'}`);
  }
  console.log(`[size] with the panel chunk loaded: standalone ${sizes.standaloneTotalGzipBytes} B, library ${sizes.libraryOwnTotalGzipBytes} B`);
  if (failed) process.exit(1);
}
