// The standalone bundle's entry (`call-health/standalone`): the same API as the package's main entry, with
// preact, @preact/signals and uPlot bundled in for pages without a bundler. Its types are the main entry's.
export * from './index';
