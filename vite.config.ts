import { defineConfig, type Plugin } from 'vite';
import { dirname, resolve, sep } from 'node:path';
import { readdirSync } from 'node:fs';

// One config, three builds: the demo site (default), the ESM library (--mode lib, dependencies external)
// and the standalone bundle (--mode standalone: preact, signals and uPlot inside, daily-js still external).
// The library has two entries: the package's main one and the React wrapper (`call-health/react`), which
// shares its chunks; react, preact, @preact/signals, uPlot and daily-js stay the host app's own copies.
// (A .tsx file under src/react/ would need `/** @jsxImportSource react */`: the rest of src/ is Preact.)
const libEntries: Record<string, string> = {
  'call-health': resolve(import.meta.dirname, 'src/index.ts'),
  'call-health-react': resolve(import.meta.dirname, 'src/react/index.ts'),
};

/**
 * The React entry reaches the widget through the main entry (`import … from './call-health.js'`), so the
 * two share call-health.js itself and not a split-out chunk whose import/export glue every page would pay
 * for up front. What src/react/ imports from the rest of src/ must therefore be exported by src/index.ts
 * (the build fails on a missing export).
 */
const reactViaMainEntry: Plugin = {
  name: 'call-health:react-via-main-entry',
  enforce: 'pre',
  resolveId(source, importer) {
    const reactDir = resolve(import.meta.dirname, 'src/react') + sep;
    if (!importer?.startsWith(reactDir) || !source.startsWith('.')) return null;
    return resolve(dirname(importer), source).startsWith(reactDir) ? null : libEntries['call-health'];
  },
};
const pages = Object.fromEntries(
  readdirSync(resolve(import.meta.dirname, 'e2e/pages'))
    .filter((f) => f.endsWith('.html'))
    .map((f) => [`e2e-${f.replace(/\.html$/, '')}`, resolve(import.meta.dirname, 'e2e/pages', f)]),
);

export default defineConfig(({ mode }) => ({
  plugins: mode === 'lib' ? [reactViaMainEntry] : [],
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  server: { port: 5173, strictPort: false },
  // The demo's public/ (traces, favicon) belongs to the site, not to the published library.
  publicDir: mode === 'lib' || mode === 'standalone' ? false : 'public',
  preview: { port: 4173, strictPort: true },
  build:
    mode === 'lib' || mode === 'standalone'
      ? {
          // No <link rel=modulepreload> injected for the lazy panel chunk: the widget adds nothing to the
          // host page's <head>, and destroy() leaves the page as it found it.
          modulePreload: false,
          // LIB_DIR lets a second checkout build the library elsewhere (the browser tests read it from there too).
          outDir: process.env.LIB_DIR ?? 'dist',
          // The lib build runs first and clears old chunks; the standalone build adds beside it.
          emptyOutDir: mode === 'lib',
          // Maps stay in dist/ for debugging here but aren't referenced from the code nor packed (`files`):
          // they are four times the size of the code they map.
          sourcemap: 'hidden',
          cssCodeSplit: false,
          lib: {
            entry: mode === 'lib' ? libEntries : resolve(import.meta.dirname, 'src/standalone.ts'),
            formats: ['es'],
            fileName: (_format, entryName) => (mode === 'lib' ? `${entryName}.js` : 'call-health.standalone.js'),
            cssFileName: 'call-health',
          },
          rollupOptions: {
            // Fully minified (Vite keeps whitespace in ES libraries by default): the bytes a page pays for.
            output: {
              minify: true,
              // `/* @__PURE__ */` marks help a host's bundler drop what it doesn't use from the library; the
              // standalone bundle is loaded as it is, where they are only bytes (93 B gzip up front).
              ...(mode === 'standalone' ? { comments: { annotation: false } } : {}),
              // The lazily loaded panel chunk, named after the build it belongs to.
              chunkFileNames: mode === 'lib' ? 'call-health-[name]-[hash].js' : 'call-health.standalone-[name]-[hash].js',
            },
            external:
              mode === 'lib'
                ? [/^preact(\/.*)?$/, /^@preact\/signals/, /^uplot/, /^@daily-co\/daily-js/, /^react(\/.*)?$/, /^react-dom(\/.*)?$/]
                : [/^@daily-co\/daily-js/],
          },
        }
      : {
          modulePreload: false,
          outDir: process.env.SITE_DIR ?? 'build/site',
          emptyOutDir: true,
          rollupOptions: {
            input: { main: resolve(import.meta.dirname, 'index.html'), bench: resolve(import.meta.dirname, 'bench/bench.html'), ...pages },
          },
        },
  test: {
    // test/: checks that must share no code with src/ (the real-call referee).
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/**/*.test.ts'],
    environment: 'node',
  },
}));
