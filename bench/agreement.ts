// The verdict-agreement figures for `npm run bench`: the product's replayed verdicts against the real-call
// referee over the whole corpus (test/realcalls/compare.ts and the agreement-*.ts beside it do the work;
// test/realcalls/agreement.test.ts pins facts on the same comparison). Needs Vitest's fake clock, so it runs
// inside Vitest: bench/agreement.bench-run.ts with bench/agreement.config.ts, which the benchmark (scripts/bench-phases.mjs) spawns
// first.

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { figures, type AgreementFigures } from '../test/realcalls/agreement-figures';
import { formatFile, formatTally } from '../test/realcalls/agreement-tables';
import { tally } from '../test/realcalls/agreement-tally';
import { compareCorpus } from '../test/realcalls/compare';

/** Where the figures go for the benchmark to read (build/ is not committed). */
export const AGREEMENT_JSON = resolve(import.meta.dirname, '../build/verdict-agreement.json');

export interface AgreementRun {
  readonly figures: AgreementFigures;
  /** The corpus table, as printed. */
  readonly table: string;
}

/**
 * Replays every recording, compares, prints the corpus table (and each file's, with `perFile`), and writes
 * the figures to `out` as JSON.
 */
export async function runAgreement(options: { readonly out?: string; readonly perFile?: boolean } = {}): Promise<AgreementRun> {
  const results = await compareCorpus();
  const t = tally(results);
  const table = formatTally(t);
  if (options.perFile) console.log(results.map(formatFile).join('\n\n'));
  console.log(table);
  const out = options.out ?? AGREEMENT_JSON;
  const f = figures(t);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(f, null, 2)}\n`);
  return { figures: f, table };
}
