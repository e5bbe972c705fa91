// The comparison's figures for the bench's JSON line.

import type { Tally } from './agreement-tally';
import { REASONS, type Reason } from './levels';

/** The figures `npm run bench` merges into its JSON line under `verdictAgreement`. */
export interface AgreementFigures {
  /** rtcstats recordings in the corpus, and how many of them the product replayed. */
  readonly recordings: number;
  readonly replayed: number;
  readonly samples: number;
  readonly seconds: number;
  readonly refused: readonly string[];
  readonly reasons: {
    readonly [R in Reason]: {
      readonly agreeSeconds: number;
      readonly overSeconds: number;
      readonly underSeconds: number;
      readonly productOnlySeconds: number;
      readonly refereeOnlySeconds: number;
      readonly agreement: number;
      readonly agreementBySeconds: number;
    };
  };
  readonly outageBothSeconds: number;
  readonly outageProductOnlySeconds: number;
  readonly outageRefereeOnlySeconds: number;
  readonly goodDuringOutage: number;
  readonly goodDuringOutageSeconds: number;
  readonly poorOnHealthy: number;
  readonly poorOnHealthySeconds: number;
}

export function figures(t: Tally): AgreementFigures {
  const round = (n: number, d = 1): number => Math.round(n * 10 ** d) / 10 ** d;
  return {
    recordings: t.files,
    replayed: t.files - t.refused.length,
    samples: t.samples,
    seconds: round(t.seconds),
    refused: t.refused.map((r) => `${r.name}:${r.code}`),
    reasons: Object.fromEntries(
      REASONS.map((reason) => {
        const r = t.reasons[reason];
        return [
          reason,
          {
            agreeSeconds: round(r.seconds.agree),
            overSeconds: round(r.seconds.over),
            underSeconds: round(r.seconds.under),
            productOnlySeconds: round(r.seconds['product-only']),
            refereeOnlySeconds: round(r.seconds['referee-only']),
            agreement: round(r.agreement, 4),
            agreementBySeconds: round(r.agreementBySeconds, 4),
          },
        ];
      }),
    ) as AgreementFigures['reasons'],
    outageBothSeconds: round(t.outage.bothSeconds),
    outageProductOnlySeconds: round(t.outage.productOnlySeconds),
    outageRefereeOnlySeconds: round(t.outage.refereeOnlySeconds),
    goodDuringOutage: t.goodDuringOutage,
    goodDuringOutageSeconds: round(t.goodDuringOutageSeconds),
    poorOnHealthy: t.poorOnHealthy,
    poorOnHealthySeconds: round(t.poorOnHealthySeconds),
  };
}
