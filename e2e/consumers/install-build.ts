import { expect } from '@playwright/test';
import { join } from 'node:path';
import { SHARED_DEV, writeApp, writeJson, type AppSpec } from './apps';
import { check, timed } from './checks';
import { bin, run, tail } from './commands';
import { preactCopies, preactInBundle } from './preact-copies';

const NPM_INSTALL = ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'];

/** Writes the apps under `work` and installs them; returns each app's folder. */
export async function installApps(apps: AppSpec[], tarball: string, work: string): Promise<string[]> {
  // All at once: the shared devDependencies once in the parent folder (the apps resolve vite, typescript and
  // the React plugin from there), each app its own runtime dependencies and the tarball.
  writeJson(join(work, 'package.json'), { name: 'consumers-shared', private: true, devDependencies: SHARED_DEV });
  const dirs = apps.map((app) => writeApp(app, tarball, work));
  const installs = await timed(`npm install (shared + ${apps.length} apps, in parallel)`, () =>
    Promise.all([run('npm', NPM_INSTALL, work), ...dirs.map((d) => run('npm', NPM_INSTALL, d))]),
  );
  expect(installs[0]?.code, `shared install:\n${tail(installs[0]?.out ?? '')}`).toBe(0);
  apps.forEach((app, i) => {
    const r = installs[i + 1];
    check(app.name, 'npm install (tarball + registry)', r?.code === 0, tail(r?.out ?? ''));
  });
  return dirs;
}

/** Type-checks every app twice (bundler and nodenext resolution), the apps side by side. */
export async function typeCheckApps(apps: AppSpec[], dirs: string[], work: string): Promise<void> {
  const tsc = bin(work, 'typescript', 'tsc');
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
}

/** Builds every app with Vite and counts its copies of Preact; returns which apps built. */
export async function buildApps(apps: AppSpec[], dirs: string[]): Promise<boolean[]> {
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
  return built;
}
