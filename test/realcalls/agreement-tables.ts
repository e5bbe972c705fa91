// The comparison as tables for people: the corpus table and one file's run by run.

import type { Call, ComparedSample, FileComparison } from './compare';
import type { Tally } from './agreement-tally';
import { REASONS, type Level, type Reason } from './levels';

const SHORT: Readonly<Record<Reason, string>> = {
  recvPacketLoss: 'recv loss',
  sendPacketLoss: 'send loss',
  roundTripTime: 'rtt',
  availableOutgoingBitrate: 'upload',
};

const pct = (f: number): string => `${(f * 100).toFixed(1)} %`;
const secs = (n: number): string => n.toFixed(0);

/** The corpus table: per reason, seconds (and samples) in each call, and the agreement. */
export function formatTally(t: Tally): string {
  const head = ['reason'.padEnd(10), 'agree', 'over', 'under', 'prod-only', 'ref-only', 'neither', 'agreement (samples)', 'agreement (seconds)'];
  const widths = [10, 12, 10, 10, 10, 10, 12, 20, 20];
  const row = (cells: readonly string[]): string => cells.map((c, i) => c.padEnd(widths[i] ?? 10)).join(' ').trimEnd();
  const lines = [
    `Verdict agreement with the referee: ${t.files} rtcstats recordings, ${t.files - t.refused.length} replayed, ${t.samples} samples ` +
      `(${secs(t.seconds)} s of call); seconds (samples)`,
    row(head),
    ...REASONS.map((reason) => {
      const r = t.reasons[reason];
      const cell = (c: Call): string => `${secs(r.seconds[c])} (${r.samples[c]})`;
      return row([
        SHORT[reason],
        cell('agree'),
        cell('over'),
        cell('under'),
        cell('product-only'),
        cell('referee-only'),
        cell('neither'),
        `${pct(r.agreement)} of ${r.compared}`,
        `${pct(r.agreementBySeconds)} of ${secs(r.comparedSeconds)} s`,
      ]);
    }),
    `outage: both ${secs(t.outage.bothSeconds)} s (${t.outage.both}), product only ${secs(t.outage.productOnlySeconds)} s (${t.outage.productOnly}), ` +
      `referee only ${secs(t.outage.refereeOnlySeconds)} s (${t.outage.refereeOnly})`,
    `Good during an outage: ${t.goodDuringOutage} samples (${secs(t.goodDuringOutageSeconds)} s); ` +
      `Poor on a healthy call: ${t.poorOnHealthy} samples (${secs(t.poorOnHealthySeconds)} s)`,
    `refused by the product: ${t.refused.map((r) => `${r.name} (${r.code})`).join(', ') || 'none'}`,
  ];
  return lines.join('\n');
}

const LETTER: Readonly<Record<Level, string>> = { good: 'g', warning: 'W', bad: 'B' };
const letter = (l: Level | null): string => (l === null ? '-' : LETTER[l]);

/**
 * One file, one row per run of samples that read the same on both sides: per reason product/referee level
 * (g, W, B, - for none), the outage on each side, and where they part, a mark.
 */
export function formatFile(f: FileComparison): string {
  if (f.refused) return `== ${f.name}: refused by the product (${f.code}): ${f.message}`;
  const key = (s: ComparedSample): string =>
    REASONS.map((r) => `${letter(s.product.levels[r])}/${letter(s.referee.levels[r])}`).join(' ') +
    ` ${s.product.outage ?? '-'}/${s.referee.outage?.cause ?? '-'} ${s.product.networkState}`;
  const runs: ComparedSample[][] = [];
  for (const s of f.samples) {
    const current = runs.at(-1);
    const head = current?.[0];
    if (current && head && key(head) === key(s)) current.push(s);
    else runs.push([s]);
  }
  const rows = runs.map((run) => {
    const a = run[0];
    const b = run.at(-1);
    if (!a || !b) return '';
    const span = a === b ? a.s.toFixed(1) : `${a.s.toFixed(1)}–${b.s.toFixed(1)}`;
    const marks = [
      ...REASONS.filter((r) => a.calls[r] !== 'agree' && a.calls[r] !== 'neither').map((r) => `${SHORT[r]} ${a.calls[r]}`),
      ...(a.goodDuringOutage ? ['GOOD DURING OUTAGE'] : []),
      ...(a.poorOnHealthy ? ['POOR ON HEALTHY'] : []),
      ...(a.productOutage !== a.refereeOutage ? ['outage differs'] : []),
    ];
    return [
      `${span.padStart(13)} ${`(${run.length})`.padStart(5)}`,
      ...REASONS.map((r) => `${letter(a.product.levels[r])}/${letter(a.referee.levels[r])}`.padEnd(6)),
      `${a.product.outage ?? '-'}/${a.referee.outage?.cause ?? '-'}`.padEnd(24),
      a.product.networkState.padEnd(8),
      marks.join(', '),
    ]
      .join(' ')
      .trimEnd();
  });
  const header = [`${'t(s)'.padStart(13)} ${'n'.padStart(5)}`, ...REASONS.map((r) => SHORT[r].slice(0, 6).padEnd(6)), 'outage prod/ref'.padEnd(24), 'widget'].join(' ');
  return [`== ${f.name} (window ${f.windowMs} ms; product/referee)`, header, ...rows].join('\n');
}
