// The referee's verdicts as a table for people: runs of report times that read the same, with the
// numbers behind each level. Part of the independent referee (referee.ts): nothing here is imported from
// src/.

import type { Level } from './levels';
import type { FileVerdicts, Moment } from './referee';

const LETTER: Readonly<Record<Level, string>> = { good: 'good', warning: 'WARN', bad: 'BAD' };

function level(l: Level | null): string {
  return l === null ? '-' : LETTER[l];
}

/** "a" when every value rounds the same, else "min–max". */
function span(values: readonly number[], show: (n: number) => string): string {
  if (values.length === 0) return '';
  const low = show(Math.min(...values));
  const high = show(Math.max(...values));
  return low === high ? low : `${low}–${high}`;
}

const percent = (f: number): string => (f * 100).toFixed(1);
const whole = (n: number): string => String(Math.round(n));
const kilo = (n: number): string => String(Math.round(n / 1000));

function lossCell(run: readonly Moment[], reason: 'recvPacketLoss' | 'sendPacketLoss'): string {
  const windows = run.flatMap((m) => {
    const w = m.deciding[reason];
    const l = w ? (reason === 'recvPacketLoss' ? w.recv : w.send) : null;
    return l && l.fraction !== null ? [l] : [];
  });
  const head = level(run[0]?.levels[reason] ?? null);
  if (windows.length === 0) return head;
  return `${head} ${span(
    windows.map((w) => w.fraction ?? 0),
    percent,
  )}% of ${span(
    windows.map((w) => w.expected),
    whole,
  )}`;
}

function rttCell(run: readonly Moment[]): string {
  const windows = run.flatMap((m) => (m.deciding.roundTripTime?.rtt ? [m.deciding.roundTripTime.rtt] : []));
  const head = level(run[0]?.levels.roundTripTime ?? null);
  if (windows.length === 0) return head;
  const sources = [...new Set(windows.map((w) => (w.source === 'candidate-pair' ? 'pair' : 'rr')))].join('+');
  return `${head} ${span(
    windows.map((w) => w.meanMs),
    whole,
  )}ms ${sources}`;
}

function uploadCell(run: readonly Moment[]): string {
  const windows = run.flatMap((m) => (m.deciding.availableOutgoingBitrate?.upload ? [m.deciding.availableOutgoingBitrate.upload] : []));
  const head = level(run[0]?.levels.availableOutgoingBitrate ?? null);
  if (windows.length === 0) return head;
  return `${head} ${span(
    windows.map((w) => w.meanBps),
    kilo,
  )}k`;
}

function runKey(m: Moment): string {
  return JSON.stringify([m.levels, m.outage?.cause ?? null]);
}

/**
 * A table for eyes: consecutive report times with the same levels (and outage) share a row, which shows
 * the seconds since the first report they span, how many report times, and per reason the level with the
 * range of the number behind it: loss % of packets expected, mean RTT in ms with its source (pair = the
 * selected candidate pair, rr = remote-inbound-rtp), mean available upload in kbps. `everyReport` gives
 * one row per report time instead.
 */
export function formatTable(v: FileVerdicts, options: { readonly everyReport?: boolean } = {}): string {
  const runs: Moment[][] = [];
  for (const m of v.moments) {
    const current = runs.at(-1);
    const first = current?.[0];
    if (current && first && !options.everyReport && runKey(first) === runKey(m)) current.push(m);
    else runs.push([m]);
  }
  const seconds = (m: Moment | undefined): string => ((m?.sinceFirstMs ?? 0) / 1000).toFixed(1);
  const rows = runs.map((run) => {
    const from = seconds(run[0]);
    const to = seconds(run.at(-1));
    const outage = run[0]?.outage;
    return [
      `${(from === to ? from : `${from}–${to}`).padStart(13)} ${`(${run.length})`.padStart(5)}`,
      lossCell(run, 'recvPacketLoss').padEnd(27),
      lossCell(run, 'sendPacketLoss').padEnd(27),
      rttCell(run).padEnd(20),
      uploadCell(run).padEnd(16),
      outage ? `OUTAGE ${outage.cause} (${outage.pcIds.join(' ')})` : '',
    ].join(' ');
  });
  const header = [
    `${'t(s)'.padStart(13)} ${'n'.padStart(5)}`,
    'recv loss'.padEnd(27),
    'send loss'.padEnd(27),
    'rtt'.padEnd(20),
    'upload'.padEnd(16),
    'outage',
  ].join(' ');
  return [header, ...rows].map((r) => r.trimEnd()).join('\n');
}
