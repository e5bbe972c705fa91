import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// The consumer apps: what each installs and how it is configured, and the writer that lays one out from the
// *.tmpl sources beside this file.

const TEMPLATES = import.meta.dirname;

// What the official Vite templates install today, from the registry.
export const SHARED_DEV = { vite: '^8.4.0', typescript: '^7.0.2', '@vitejs/plugin-react': '^6.0.0' };
const PREACT_10 = '^10.29.8'; // what the preact-ts template pins
const PREACT_11 = '^11.2.0';

export interface AppSpec {
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
  // One Preact app, installed with each major the widget supports.
  ...(
    [
      ['preact-10-ts', PREACT_10],
      ['preact-11-ts', PREACT_11],
    ] as const
  ).map(
    ([name, preact]): AppSpec => ({
      name,
      ext: 'tsx',
      dir: 'preact-ts',
      body: FRAME_AND_HOST,
      dependencies: { preact },
      devDependencies: { '@preact/preset-vite': '^2.10.2' },
      compilerOptions: { jsx: 'react-jsx', jsxImportSource: 'preact' },
      preact: true,
      element: null,
    }),
  ),
];

// CONSUMERS_ONLY=react-ts,vanilla-ts runs a subset (for working on one app).
const only = process.env['CONSUMERS_ONLY']?.split(',');
const APPS = only ? ALL_APPS.filter((a) => only.includes(a.name)) : ALL_APPS;

/** The apps to run: those above, and one more on the lowest Preact 10 that the peer range given names. */
export function appsToRun(preactPeerRange: string | undefined): AppSpec[] {
  const lowest10 = /(?:^|[\s|^~>=])(10\.\d+\.\d+)/.exec(preactPeerRange ?? '')?.[1];
  const apps = [...APPS];
  if (lowest10 && (!only || only.includes('preact-10-lowest-ts'))) {
    const p10 = ALL_APPS.find((a) => a.name === 'preact-10-ts')!;
    apps.push({ ...p10, name: 'preact-10-lowest-ts', dependencies: { preact: lowest10 } });
  }
  return apps;
}

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

export function writeJson(file: string, value: unknown): void {
  writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}

/** Lays out one app under `work`/apps, depending on the tarball; returns its folder. */
export function writeApp(app: AppSpec, tarball: string, work: string): string {
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
