/**
 * One fuzzing test per format, shared by the fuzz test files (two, so Vitest can run them side by side):
 * NUM_RUNS mutated real recordings, each through check.ts's properties. FUZZ_SEED=<n> varies the inputs, and
 * fast-check prints the seed and path of a failure to replay it; FUZZ_RUNS=<n> hunts longer.
 */
import fc from 'fast-check';
import { beforeAll, it } from 'vitest';
import { checkInput, takeBaseline } from './check';
import { mutatedInputs, type Seed } from './mutate';
import { seedsFor, type FuzzFormat } from './seeds';

/** Mutated inputs per format on every `npm run test:unit`. */
export const NUM_RUNS = Number.parseInt(process.env['FUZZ_RUNS'] ?? '', 10) || 10_000;
/** Fixed, so a run in CI is the run on a laptop. */
const DEFAULT_SEED = 20_260_130;
const requested = Number.parseInt(process.env['FUZZ_SEED'] ?? '', 10);
export const FUZZ_SEED = Number.isFinite(requested) ? requested : DEFAULT_SEED;

const DUMPS: ReadonlySet<FuzzFormat> = new Set(['webrtc-internals', 'webrtc-internals-legacy', 'rtcstats', 'rtcstats-v3', 'getstats-snapshot']);

/** Registers, inside a describe, the fuzzing of one format. */
export function fuzzFormat(format: FuzzFormat): void {
  let seeds: Seed[] = [];
  beforeAll(async () => {
    seeds = await seedsFor(format);
  }, 60_000);
  it(`${NUM_RUNS} mutated inputs: a Recording or a RecordingError, finite numbers, prototypes untouched`, async () => {
    takeBaseline();
    await fc.assert(
      fc.asyncProperty(mutatedInputs(seeds), (m) => checkInput(m.input, m.plan.alsoAsync, DUMPS.has(format))),
      { numRuns: NUM_RUNS, seed: FUZZ_SEED },
    );
  }, 600_000);
}
