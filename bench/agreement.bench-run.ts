// Not a test: the verdict-agreement part of `npm run bench`, run by Vitest (for its fake clock) with
// bench/agreement.config.ts, so the normal test run (vite.config.ts) never collects it. It only computes and
// writes; test/realcalls/agreement.test.ts is where disagreements fail.

import { expect, test } from 'vitest';
import { runAgreement } from './agreement';

test('verdict agreement over the real-call corpus', async () => {
  const { figures } = await runAgreement({ perFile: process.env.BENCH_AGREEMENT_FILES === '1' });
  expect(figures.samples).toBeGreaterThan(0);
}, 120_000);
