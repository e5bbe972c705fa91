import { defineConfig } from 'vite';
import { resolve } from 'node:path';
import { readdirSync } from 'node:fs';

// One config, three builds: the demo site (default), the ESM library (--mode lib, dependencies external)
// and the standalone bundle (--mode standalone: preact, signals and uPlot inside, daily-js still external).
const pages = Object.fromEntries(
  readdirSync(resolve(import.meta.dirname, 'e2e/pages'))
    .filter((f) => f.endsWith('.html'))
    .map((f) => [`e2e-${f.replace(/\.html$/, '')}`, resolve(import.meta.dirname, 'e2e/pages', f)]),
);

export default defineConfig(({ mode }) => ({
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
          sourcemap: true,
          cssCodeSplit: false,
          lib: {
            entry: resolve(import.meta.dirname, 'src/index.ts'),
            formats: ['es'],
            fileName: () => (mode === 'lib' ? 'call-health.js' : 'call-health.standalone.js'),
            cssFileName: 'call-health',
          },
          rollupOptions: {
            // Fully minified (Vite keeps whitespace in ES libraries by default): the bytes a page pays for.
            output: {
              minify: true,
              // The lazily loaded panel chunk, named after the build it belongs to.
              chunkFileNames: mode === 'lib' ? 'call-health-[name]-[hash].js' : 'call-health.standalone-[name]-[hash].js',
            },
            external:
              mode === 'lib'
                ? [/^preact(\/.*)?$/, /^@preact\/signals/, /^uplot/, /^@daily-co\/daily-js/]
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
