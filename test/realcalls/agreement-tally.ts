// Counting the comparison over the corpus: per reason, samples and seconds in each call, outages on each
// side, and the samples where the widget read Good during an outage or Poor on a healthy call.

import type { RecordingErrorCode } from '../../src/index';
import type { Call, FileComparison } from './compare';
import { REASONS, type Reason } from './levels';

/** Per reason: samples and seconds in each call, and the agreement over the samples where either side graded. */
export interface ReasonTally {
  readonly samples: { readonly [C in Call]: number };
  readonly seconds: { readonly [C in Call]: number };
  /** Samples where either side graded the reason. */
  readonly compared: number;
  /** agree ÷ compared (1 when nothing was compared). */
  readonly agreement: number;
  readonly comparedSeconds: number;
  readonly agreementBySeconds: number;
}

export interface Tally {
  readonly files: number;
  readonly refused: readonly { readonly name: string; readonly code: RecordingErrorCode }[];
  readonly samples: number;
  readonly seconds: number;
  readonly reasons: { readonly [R in Reason]: ReasonTally };
  readonly outage: {
    /** Samples (seconds) where both / only the product / only the referee said outage. */
    readonly both: number;
    readonly productOnly: number;
    readonly refereeOnly: number;
    readonly bothSeconds: number;
    readonly productOnlySeconds: number;
    readonly refereeOnlySeconds: number;
  };
  /** Samples (and seconds) the widget read Good while the referee says outage. */
  readonly goodDuringOutage: number;
  readonly goodDuringOutageSeconds: number;
  /** Samples (and seconds) the widget read Poor while the referee says every reason good or ungraded, no outage. */
  readonly poorOnHealthy: number;
  readonly poorOnHealthySeconds: number;
}

function zeroCalls(): { [C in Call]: number } {
  return { agree: 0, over: 0, under: 0, 'product-only': 0, 'referee-only': 0, neither: 0 };
}

/**
 * Counts over the rtcstats recordings. The single snapshots are left out: one report is no 30 s of call,
 * and the two sides read it differently by design (the product grades a lone snapshot's loss from its
 * streams' lifetime counters, the referee grades nothing a single report can't time); agreement.test.ts
 * checks what they do share, the RTT.
 */
export function tally(all: readonly FileComparison[]): Tally {
  const results = all.filter((f) => f.kind === 'rtcstats');
  const counts = Object.fromEntries(REASONS.map((r) => [r, { samples: zeroCalls(), seconds: zeroCalls() }])) as {
    [R in Reason]: { samples: { [C in Call]: number }; seconds: { [C in Call]: number } };
  };
  const outage = { both: 0, productOnly: 0, refereeOnly: 0, bothSeconds: 0, productOnlySeconds: 0, refereeOnlySeconds: 0 };
  let samples = 0;
  let ms = 0;
  let goodDuringOutage = 0;
  let poorOnHealthy = 0;
  let goodDuringOutageMs = 0;
  let poorOnHealthyMs = 0;
  for (const f of results) {
    if (f.refused) continue;
    for (const s of f.samples) {
      samples += 1;
      ms += s.weightMs;
      for (const reason of REASONS) {
        counts[reason].samples[s.calls[reason]] += 1;
        counts[reason].seconds[s.calls[reason]] += s.weightMs / 1000;
      }
      if (s.productOutage && s.refereeOutage) {
        outage.both += 1;
        outage.bothSeconds += s.weightMs / 1000;
      } else if (s.productOutage) {
        outage.productOnly += 1;
        outage.productOnlySeconds += s.weightMs / 1000;
      } else if (s.refereeOutage) {
        outage.refereeOnly += 1;
        outage.refereeOnlySeconds += s.weightMs / 1000;
      }
      if (s.goodDuringOutage) {
        goodDuringOutage += 1;
        goodDuringOutageMs += s.weightMs;
      }
      if (s.poorOnHealthy) {
        poorOnHealthy += 1;
        poorOnHealthyMs += s.weightMs;
      }
    }
  }
  const reasons = Object.fromEntries(
    REASONS.map((reason) => {
      const c = counts[reason];
      const compared = c.samples.agree + c.samples.over + c.samples.under + c.samples['product-only'] + c.samples['referee-only'];
      const comparedSeconds = c.seconds.agree + c.seconds.over + c.seconds.under + c.seconds['product-only'] + c.seconds['referee-only'];
      const t: ReasonTally = {
        samples: c.samples,
        seconds: c.seconds,
        compared,
        agreement: compared === 0 ? 1 : c.samples.agree / compared,
        comparedSeconds,
        agreementBySeconds: comparedSeconds === 0 ? 1 : c.seconds.agree / comparedSeconds,
      };
      return [reason, t];
    }),
  ) as { [R in Reason]: ReasonTally };
  return {
    files: results.length,
    refused: results.flatMap((f) => (f.refused ? [{ name: f.name, code: f.code }] : [])),
    samples,
    seconds: ms / 1000,
    reasons,
    outage,
    goodDuringOutage,
    goodDuringOutageSeconds: goodDuringOutageMs / 1000,
    poorOnHealthy,
    poorOnHealthySeconds: poorOnHealthyMs / 1000,
  };
}
