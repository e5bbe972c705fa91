// `npx vitest run --config bench/agreement.config.ts`: the verdict-agreement figures alone (see
// bench/agreement.ts). Kept apart from vite.config.ts, whose test run must not pick this file up.
import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: resolve(import.meta.dirname, '..'),
  test: {
    include: ['bench/agreement.bench-run.ts'],
    environment: 'node',
  },
});
