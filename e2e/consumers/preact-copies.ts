import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { run } from './commands';

/** Distinct installed copies of preact under an app (paths from `npm ls --parseable`; the tree too when not one). */
export async function preactCopies(dir: string): Promise<{ paths: string[]; tree: string }> {
  const parseable = await run('npm', ['ls', 'preact', '--all', '--parseable'], dir, 60_000);
  const paths = [...new Set(parseable.out.split('\n').map((l) => l.trim()).filter((l) => l.endsWith('/preact')))];
  const tree = paths.length === 1 ? paths[0]! : (await run('npm', ['ls', 'preact', '--all'], dir, 60_000)).out.trim();
  return { paths, tree };
}

/**
 * Copies of Preact in the built JS: the distinct `…/node_modules/preact` folders the bundle's source maps
 * name (the app is built with `--sourcemap`; a nested copy shows as `call-health/node_modules/preact`).
 */
export function preactInBundle(dist: string): string[] {
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
