// Gzip sizes of what the widget ships, and the budgets `npm test` enforces (after `npm run build`).
import { readFileSync, existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';

/**
 * Budgets: a heavy dependency or a runaway module fails the tests. They sit a little above today's
 * measured sizes; the goals from the performance issue are printed beside them (see README, Performance).
 */
export const BUDGETS = {
  standaloneGzipBytes: { budget: 58_000, goal: 35_000 },
  libraryOwnGzipBytes: { budget: 23_500, goal: 8_000 },
};

const gz = (file) => gzipSync(readFileSync(file), { level: 9 }).length;

export function measureSizes(dir = process.env.LIB_DIR ?? 'dist') {
  const need = ['call-health.js', 'call-health.standalone.js', 'call-health.css'].map((f) => join(dir, f));
  const missing = need.filter((f) => !existsSync(f));
  if (missing.length) throw new Error(`build first (npm run build): missing ${missing.join(', ')}`);
  const [lib, standalone, css] = need;
  return {
    standaloneGzipBytes: gz(standalone) + gz(css),
    libraryOwnGzipBytes: gz(lib),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const sizes = measureSizes();
  let failed = false;
  for (const [key, { budget, goal }] of Object.entries(BUDGETS)) {
    const v = sizes[key];
    const ok = v <= budget;
    failed ||= !ok;
    console.log(`[size] ${key}: ${v} B gzip (budget ${budget}, goal ${goal})${ok ? '' : '  OVER BUDGET'}`);
  }
  if (failed) process.exit(1);
}
