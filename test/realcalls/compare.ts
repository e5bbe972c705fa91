// The product's replayed verdict against the referee's, on the real recorded calls.
//
// One implementation for both users: test/realcalls/agreement.test.ts pins facts on it, and
// bench/agreement.bench-run.ts prints its table for `npm run bench`. The product is driven only through its
// public API (src/index.ts), the way a page replays a dropped file: createReplaySource + Monitor at speed 1
// with the source's own timing, the recorded connection states fed to the monitor as context. The clock is
// Vitest's fake one, so a 400 s recording replays in well under a second and the same way every time.
//
// Nothing here grades anything: the referee (referee.ts) works out what each moment should read from the raw
// counters, the product says what it reads, and this file lines the two up and counts.

import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { vi } from 'vitest';
import {
  createReplaySource, Monitor, parseRecordingAsync, RecordingError, type Recording, type RecordingErrorCode, type ReplayTiming, type Snapshot,
} from '../../src/index';
import { readRecording, referee, REASONS, type Level, type Levels, type Moment, type Reason, type Referee } from './referee';

export const REALCALLS = resolve(import.meta.dirname, '../../src/sources/fixtures/realcalls');
export const JITSI_DIR = join(REALCALLS, 'jitsi-rtcstats-server');
export const SKYWAY_DIR = join(REALCALLS, 'skyway-lab-rtcstats-wrapper');

export interface CorpusFile {
  /** The file's name, as the fixtures README lists it. */
  readonly name: string;
  readonly path: string;
  readonly kind: 'rtcstats' | 'snapshot';
}

/** Every recording of the corpus: the Jitsi rtcstats dumps, then the skyway single snapshots. */
export function corpus(): CorpusFile[] {
  const jitsi = readdirSync(JITSI_DIR)
    .filter((f) => f !== 'LICENSE')
    .sort()
    .map((name): CorpusFile => ({ name, path: join(JITSI_DIR, name), kind: 'rtcstats' }));
  const skyway = readdirSync(SKYWAY_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((name): CorpusFile => ({ name, path: join(SKYWAY_DIR, name), kind: 'snapshot' }));
  return [...jitsi, ...skyway];
}

// ---------------------------------------------------------------------------------------------------------
// Replaying with the product
// ---------------------------------------------------------------------------------------------------------

/** What the widget showed right after it took one replayed sample. */
export interface ProductSample {
  /** ms since the replay's first sample (newestTimestamp − the first one's): recording time since its first poll. */
  readonly sinceFirstMs: number;
  readonly levels: Levels;
  readonly networkState: Snapshot['assessment']['networkState'];
  /** The reasons the widget names for a warning or bad verdict. */
  readonly reasons: readonly Reason[];
  readonly outage: Snapshot['outage'];
  /** metrics.roundTripTime in ms (the product keeps seconds), null when it has none. */
  readonly rttMs: number | null;
  readonly rttSource: Snapshot['assessment']['rttSource'];
  readonly packets: Snapshot['assessment']['packets'];
  readonly ungraded: Snapshot['assessment']['ungraded'];
  readonly metrics: Snapshot['assessment']['metrics'];
}

export type ProductReplay =
  | { readonly refused: false; readonly samples: readonly ProductSample[]; readonly timing: ReplayTiming; readonly intervalMs: number }
  | { readonly refused: true; readonly code: RecordingErrorCode; readonly message: string };

const T0 = 1_750_000_000_000;

/**
 * Replays a recording's text through the product and collects the snapshot after every sample the window
 * took. Installs fake timers for the run and restores real ones after; a file the product will not replay
 * comes back as `refused` with the RecordingError's code and message (any other error is thrown).
 */
export async function replayWithProduct(text: string): Promise<ProductReplay> {
  // Read as a page reads a dropped file (parseRecordingAsync loads the dump reader and parses in slices),
  // on real timers; then the fake clock, before the source exists: it takes hold of Date.now when made.
  let recording: Recording;
  try {
    recording = await parseRecordingAsync(text);
  } catch (err) {
    if (err instanceof RecordingError) return { refused: true, code: err.code, message: err.message };
    throw err;
  }
  vi.useFakeTimers();
  vi.setSystemTime(T0);
  const source = createReplaySource(recording, { speed: 1 });
  const monitor = new Monitor({ source, ...source.timing });
  const unbind = source.onContext((patch) => monitor.update(patch));
  const samples: ProductSample[] = [];
  let first: number | null = null;
  let newest: number | null = null;
  const unsubscribe = monitor.subscribe((snap, event) => {
    const ts = snap.assessment.newestTimestamp;
    // Every poll answers with a 'sample' event; only one whose timestamp moved on was taken.
    if (event !== 'sample' || ts === null || ts === newest) return;
    newest = ts;
    first ??= ts;
    const a = snap.assessment;
    samples.push({
      sinceFirstMs: ts - first,
      levels: { ...a.levels },
      networkState: a.networkState,
      reasons: [...a.networkStateReasons],
      outage: snap.outage,
      rttMs: a.metrics.roundTripTime === null ? null : a.metrics.roundTripTime * 1000,
      rttSource: a.rttSource,
      packets: { ...a.packets },
      ungraded: { ...a.ungraded },
      metrics: { ...a.metrics },
    });
  });
  try {
    monitor.start();
    const last = source.trace.samples.at(-1)?.t ?? 0;
    // Past the last sample by a few polls, so the last one is surely taken.
    await vi.advanceTimersByTimeAsync(last + source.trace.intervalMs + 4 * source.timing.intervalMs);
  } finally {
    monitor.stop();
    unsubscribe();
    unbind();
    vi.useRealTimers();
  }
  return { refused: false, samples, timing: source.timing, intervalMs: source.trace.intervalMs };
}

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

// ---------------------------------------------------------------------------------------------------------
// Lining up and counting
// ---------------------------------------------------------------------------------------------------------

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

const RANK: Readonly<Record<Level, number>> = { good: 0, warning: 1, bad: 2 };

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

// ---------------------------------------------------------------------------------------------------------
// Tables for people, figures for the bench's JSON line
// ---------------------------------------------------------------------------------------------------------

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
