// The product's replayed verdict against the referee's, on the real recorded calls.
//
// One implementation for both users: test/realcalls/agreement.test.ts pins facts on it, and
// bench/agreement.bench-run.ts prints its table for `npm run bench`. The product is replayed by
// product-replay.ts, over the recordings corpus.ts lists.
//
// Nothing here grades anything: the referee (referee.ts) works out what each moment should read from the raw
// counters, the product says what it reads, and this file lines the two up; agreement-tally.ts counts.

import { readFileSync } from 'node:fs';
import type { RecordingErrorCode } from '../../src/index';
import { corpus, type CorpusFile } from './corpus';
import { RANK, REASONS, type Level, type Reason } from './levels';
import { replayWithProduct, type ProductSample } from './product-replay';
import { readRecording } from './recording-reader';
import { referee, type Moment, type Referee } from './referee';

/**
 * Where the replay's first sample sits in the recording (epoch ms). The product re-bases its samples to the
 * replay's clock; its first sample is the first poll, which the referee knows only as report times. Of the
 * report times in the file's first two seconds (a page's connections are polled a few ms apart), the one
 * that puts the most product samples exactly on a report time is it.
 */
export function alignOrigin(r: Referee, samples: readonly ProductSample[]): number | null {
  const first = r.firstReportT;
  if (first === null) return null;
  const times = new Set(r.reportTimes);
  let best = first;
  let bestHits = -1;
  for (const candidate of r.reportTimes) {
    if (candidate - first > 2_000) break;
    const hits = samples.filter((s) => times.has(candidate + s.sinceFirstMs)).length;
    if (hits > bestHits) {
      best = candidate;
      bestHits = hits;
    }
  }
  return best;
}

/**
 * How the product's level of one reason compares with the referee's at one sample:
 * - agree: the same level (both graded);
 * - over / under: the product's level is worse / better than the referee's;
 * - product-only: the product graded it, the referee had too little to grade;
 * - referee-only: the referee graded it, the product did not (ungraded, or no value);
 * - neither: neither graded it (not counted as compared).
 */
export type Call = 'agree' | 'over' | 'under' | 'product-only' | 'referee-only' | 'neither';
export const CALLS: readonly Call[] = ['agree', 'over', 'under', 'product-only', 'referee-only', 'neither'];

export function callOf(product: Level | null, expected: Level | null): Call {
  if (product === null && expected === null) return 'neither';
  if (product === null) return 'referee-only';
  if (expected === null) return 'product-only';
  if (product === expected) return 'agree';
  return RANK[product] > RANK[expected] ? 'over' : 'under';
}

export interface ComparedSample {
  /** Recording time (epoch ms) of the product's sample. */
  readonly t: number;
  /** Seconds since the file's first report. */
  readonly s: number;
  /** How long this verdict stood on the widget: until the next sample taken (the last: the recording's spacing). */
  readonly weightMs: number;
  readonly product: ProductSample;
  readonly referee: Moment;
  readonly calls: { readonly [R in Reason]: Call };
  readonly productOutage: boolean;
  readonly refereeOutage: boolean;
  /** The widget read Good while the referee says the call was in an outage. */
  readonly goodDuringOutage: boolean;
  /** The widget read Poor while the referee says every reason was good or ungraded and no outage. */
  readonly poorOnHealthy: boolean;
}

export type FileComparison =
  | {
      readonly name: string;
      readonly kind: CorpusFile['kind'];
      readonly refused: false;
      /** The window the product used (source.timing.windowMs), also the referee's, so both grade the same span. */
      readonly windowMs: number;
      readonly samples: readonly ComparedSample[];
      readonly referee: Referee;
    }
  | {
      readonly name: string;
      readonly kind: CorpusFile['kind'];
      readonly refused: true;
      readonly code: RecordingErrorCode;
      readonly message: string;
      readonly referee: Referee;
    };

/**
 * Replays one file with the product and grades the same recording times with the referee. The referee is
 * given the window the product uses for the recording (replay timing: at least 30 s, at least three of the
 * recording's intervals), so a difference is one of rules, not of window length.
 */
export async function compareFile(file: CorpusFile): Promise<FileComparison> {
  const text = readFileSync(file.path, 'utf8');
  const replay = await replayWithProduct(text);
  if (replay.refused) {
    return { name: file.name, kind: file.kind, refused: true, code: replay.code, message: replay.message, referee: referee(readRecording(text)) };
  }
  const windowMs = replay.timing.windowMs;
  const r = referee(readRecording(text), { windowMs });
  const origin = alignOrigin(r, replay.samples) ?? 0;
  const firstReport = r.firstReportT ?? origin;
  const samples = replay.samples.map((product, i): ComparedSample => {
    const t = origin + product.sinceFirstMs;
    const next = replay.samples[i + 1];
    const weightMs = next ? next.sinceFirstMs - product.sinceFirstMs : replay.intervalMs;
    const m = r.at(t);
    const calls = Object.fromEntries(REASONS.map((reason) => [reason, callOf(product.levels[reason], m.levels[reason])])) as {
      [R in Reason]: Call;
    };
    const productOutage = product.outage !== null;
    const refereeOutage = m.outage !== null;
    const healthy = !refereeOutage && REASONS.every((reason) => m.levels[reason] === null || m.levels[reason] === 'good');
    return {
      t,
      s: (t - firstReport) / 1000,
      weightMs,
      product,
      referee: m,
      calls,
      productOutage,
      refereeOutage,
      goodDuringOutage: refereeOutage && product.networkState === 'good',
      poorOnHealthy: healthy && product.networkState === 'bad',
    };
  });
  return { name: file.name, kind: file.kind, refused: false, windowMs, samples, referee: r };
}

export async function compareCorpus(files: readonly CorpusFile[] = corpus()): Promise<FileComparison[]> {
  const out: FileComparison[] = [];
  // One at a time: the fake clock is global.
  for (const f of files) out.push(await compareFile(f));
  return out;
}
