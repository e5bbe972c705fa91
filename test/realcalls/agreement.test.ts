// The product's verdict on each real recorded call, replayed as a page replays a dropped file, against the
// referee's, at every sample the widget took. The facts pinned here come from the referee (and, where it
// says so, from the raw counters); a failing test here is the product disagreeing with the recording.

import { beforeAll, describe, expect, test } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createReplaySource, loadDumpReader, RecordingError } from '../../src/index';
import { formatFile, formatTally } from './agreement-tables';
import { tally } from './agreement-tally';
import { compareCorpus, compareFile, type Call, type ComparedSample, type FileComparison } from './compare';
import { corpus, JITSI_DIR } from './corpus';
import { REASONS, type Level, type Reason } from './levels';
import { CLEAN_CALLS, FIREFOX_CALLS, isLegacyOnly } from './what-they-hold';

const results = new Map<string, FileComparison>();
beforeAll(async () => {
  await loadDumpReader(); // so the synchronous createReplaySource reads dumps too (see the legacy files below)
  for (const r of await compareCorpus()) results.set(r.name, r);
}, 120_000);

function replayed(name: string): readonly ComparedSample[] {
  const r = results.get(name);
  if (!r) throw new Error(`${name}: not in the corpus`);
  if (r.refused) throw new Error(`${name}: refused by the product (${r.code}): ${r.message}`);
  return r.samples;
}

/** Seconds since the file's first report, to 0.1 s. */
const sec = (s: ComparedSample): number => Math.round(s.s * 10) / 10;
const flagged = (l: Level | null): boolean => l === 'warning' || l === 'bad';

function times(samples: readonly ComparedSample[], keep: (s: ComparedSample) => boolean): number[] {
  return samples.filter(keep).map(sec);
}

/** "file 12.3 s reason: product/referee" for every sample where a reason's call is one of `calls`. */
function cases(calls: readonly Call[], reasons: readonly Reason[] = REASONS, files: readonly FileComparison[] = [...results.values()]): string[] {
  return files.flatMap((f) =>
    f.refused || f.kind !== 'rtcstats'
      ? []
      : f.samples.flatMap((s) =>
          reasons
            .filter((r) => calls.includes(s.calls[r]))
            .map((r) => `${f.name} ${sec(s).toFixed(1)} s ${r}: ${s.product.levels[r] ?? '-'}/${s.referee.levels[r] ?? '-'}`),
        ),
  );
}

const CLEAN: readonly string[] = CLEAN_CALLS;
const FIREFOX: readonly string[] = FIREFOX_CALLS;
const LEGACY = corpus()
  .filter((f) => isLegacyOnly(f.name))
  .map((f) => f.name);

/**
 * The least share of compared samples (either side graded the reason) on which the two must agree, per reason.
 * Measured over the 13 replayable rtcstats recordings: receive loss 99.4 %, send loss 98.8 %, RTT 100 %,
 * available upload 99.2 %; every remaining difference is pinned below with its explanation.
 */
const MIN_AGREEMENT = 0.95;

test('every replayed sample lands exactly on a report time of the recording', () => {
  const off = [...results.values()].flatMap((f) => {
    if (f.refused) return [];
    const reportTimes = new Set(f.referee.reportTimes);
    return f.samples.filter((s) => !reportTimes.has(s.t)).map((s) => `${f.name} ${s.s}`);
  });
  expect(off).toEqual([]);
  const replayable = [...results.values()].flatMap((f) => (!f.refused && f.kind === 'rtcstats' ? [f] : []));
  expect(replayable.map((f) => f.name)).toHaveLength(13);
  expect(replayable.every((f) => f.samples.length >= 3)).toBe(true);
});

describe('safari-relay: impaired TURN call', () => {
  test('bad on receive and send loss near the end, exactly where the referee is', () => {
    const s = replayed('safari-relay');
    const bad = (r: Reason) => (x: ComparedSample) => x.product.levels[r] === 'bad';
    const refBad = (r: Reason) => (x: ComparedSample) => x.referee.levels[r] === 'bad';
    expect(times(s, bad('recvPacketLoss'))).toEqual(times(s, refBad('recvPacketLoss')));
    expect(times(s, bad('recvPacketLoss'))).toEqual([153.3, 157.4, 168.4, 179.4]);
    expect(times(s, bad('sendPacketLoss'))).toEqual(times(s, refBad('sendPacketLoss')));
    expect(times(s, bad('sendPacketLoss'))).toEqual([157.4, 168.4, 179.4]);
    const end = s.filter((x) => x.s > 150 && x.s < 180);
    expect(end.every((x) => x.product.networkState === 'bad' && x.product.reasons.includes('recvPacketLoss'))).toBe(true);
    expect(end.filter((x) => x.s > 155).every((x) => x.product.reasons.includes('sendPacketLoss'))).toBe(true);
    // And clear again once the loss has left the window.
    expect(s.at(-1)?.product.levels.recvPacketLoss).toBe('good');
  });
});

describe('chrome-relay: one burst of video loss, a bandwidth-limited encoder', () => {
  test('receive loss flagged in the windows that hold the 79.7 → 89.7 s burst (90–110 s), as the referee', () => {
    const s = replayed('chrome-relay');
    const product = times(s, (x) => flagged(x.product.levels.recvPacketLoss));
    expect(product).toEqual(times(s, (x) => flagged(x.referee.levels.recvPacketLoss)));
    expect(product).toEqual([89.7, 99.7, 109.7]);
    expect(s.filter((x) => product.includes(sec(x))).every((x) => x.product.reasons.includes('recvPacketLoss'))).toBe(true);
  });

  test("available upload flagged at 50–70 s, where the encoder says 'bandwidth' at ~214 kbps", () => {
    const s = replayed('chrome-relay');
    const product = times(s, (x) => flagged(x.product.levels.availableOutgoingBitrate));
    expect(product).toEqual(times(s, (x) => flagged(x.referee.levels.availableOutgoingBitrate)));
    expect(product.filter((t) => t >= 45 && t <= 75)).toEqual([49.7, 59.7, 69.7]);
    const at50 = s.find((x) => sec(x) === 49.7);
    expect(at50?.product.reasons).toContain('availableOutgoingBitrate');
    expect(at50?.product.metrics.availableOutgoingBitrate).toBeCloseTo(at50?.referee.numbers.uploadBps ?? 0, 0);
    const encoder = results.get('chrome-relay')?.referee.series[0]?.points.find((p) => p.t === at50?.t);
    expect(encoder?.outbound.filter((o) => o.kind === 'video').map((o) => o.qualityLimitationReason)).toEqual(['bandwidth']);
  });
});

test('google-standard-stats-sfu: the ~470 kbps estimate of an application-limited sender is never the reason', () => {
  const s = replayed('google-standard-stats-sfu');
  expect(s.every((x) => x.product.levels.availableOutgoingBitrate === null && !x.product.reasons.includes('availableOutgoingBitrate'))).toBe(true);
  const measured = s.filter((x) => x.product.metrics.availableOutgoingBitrate !== null);
  expect(measured.length).toBeGreaterThan(20);
  expect(measured.every((x) => x.product.ungraded.availableOutgoingBitrate === 'not-limiting')).toBe(true);
});

test.each(FIREFOX)('%s: RTT from the RTCP receiver reports wherever the referee has one, within 1 ms', (name) => {
  const s = replayed(name);
  const graded = s.filter((x) => x.referee.numbers.rttMs !== null);
  expect(graded.length).toBeGreaterThan(2);
  for (const x of graded) {
    expect(x.referee.numbers.rttSource).toBe('remote-inbound-rtp');
    expect(x.product.rttSource).toBe('rtcp');
    expect(x.product.rttMs).not.toBeNull();
    expect(Math.abs((x.product.rttMs ?? NaN) - (x.referee.numbers.rttMs ?? NaN))).toBeLessThan(1);
  }
});

describe('recordings the product will not replay', () => {
  test.each(LEGACY)('%s: only legacy stats: a RecordingError "legacy-only", and the referee finds nothing to grade', (name) => {
    const text = readFileSync(join(JITSI_DIR, name), 'utf8');
    let thrown: unknown = null;
    try {
      createReplaySource(text);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(RecordingError);
    expect(thrown instanceof RecordingError ? thrown.code : null).toBe('legacy-only');
    expect(thrown instanceof Error ? thrown.message : '').toMatch(/legacy stats/);
    const r = results.get(name)?.referee;
    expect(r?.reportTimes.length).toBeGreaterThan(0);
    expect(r?.reportTimes.every((t) => REASONS.every((reason) => r.at(t).levels[reason] === null))).toBe(true);
  });

  test.each(['google-standard-stats-relay-p2p', 'undefined-ice-candidate'])('%s: nothing flowed: refused with "no-media", and the raw counters agree', (name) => {
    const r = results.get(name);
    expect(r?.refused && r.code).toBe('no-media');
    // Not one packet received on any inbound-rtp, not one outbound-rtp at all, on any connection.
    const points = r?.referee.series.flatMap((s) => s.points) ?? [];
    expect(points.length).toBeGreaterThan(2);
    expect(points.every((p) => p.inbound.every((i) => i.packetsReceived === 0) && p.outbound.length === 0)).toBe(true);
  });
});

test.each(CLEAN)('%s: a clean call is never Poor and never in an outage', (name) => {
  const s = replayed(name);
  expect(s.filter((x) => x.product.networkState === 'bad').map(sec)).toEqual([]);
  expect(s.filter((x) => x.product.outage !== null).map(sec)).toEqual([]);
  expect(s.filter((x) => x.referee.outage !== null).map(sec)).toEqual([]);
});

describe('outages', () => {
  test('chrome-standard-pc-reconnect: Reconnecting… where the referee has the disconnect', () => {
    const s = replayed('chrome-standard-pc-reconnect');
    expect(times(s, (x) => x.referee.outage !== null)).toEqual([19.3]);
    expect(s.map((x) => [sec(x), x.product.outage, x.referee.outage?.cause ?? null])).toEqual([
      [0, null, null],
      [9.3, null, null],
      [19.3, 'reconnecting', 'disconnected'],
    ]);
    expect(s.at(-1)?.product.networkState).toBe('bad');
  });

  test('chrome-standard-pc-failed: Connection lost from 19.3 s to the end, where the referee has the failure', () => {
    const s = replayed('chrome-standard-pc-failed');
    expect(times(s, (x) => x.product.outage === 'lost')).toEqual(times(s, (x) => x.referee.outage?.cause === 'failed'));
    expect(times(s, (x) => x.product.outage !== null)).toEqual([19.3, 29.3, 40.2, 50.2, 60.2]);
    expect(s.filter((x) => x.product.outage !== null).every((x) => x.product.networkState === 'bad')).toBe(true);
  });

  test('a drop that media outlives: Reconnecting… only while the poll straddles it, for the product and the referee', async () => {
    // chrome-standard-pc-failed with its appended last line read as 'disconnected' instead of 'failed': PC_0
    // drops at 14.8 s and goes on receiving ~67 packets a second (the counters below), as Firefox does live.
    const text = readFileSync(join(JITSI_DIR, 'chrome-standard-pc-failed'), 'utf8').trim();
    const last = '["onconnectionstatechange","PC_0","failed",1647265227269]';
    expect(text.endsWith(last)).toBe(true);
    const dir = mkdtempSync(join(tmpdir(), 'call-health-'));
    const path = join(dir, 'pc-disconnected-media-flows');
    writeFileSync(path, `${text.slice(0, -last.length)}${last.replace('failed', 'disconnected')}\n`);
    const r = await compareFile({ name: 'pc-disconnected-media-flows', path, kind: 'rtcstats' }).finally(() => rmSync(dir, { recursive: true }));
    if (r.refused) throw new Error(r.message);
    // What arrived on PC_0 in each interval after the drop, from the raw counters.
    const pc0 = r.referee.connections.find((c) => c.series.pcId === 'PC_0');
    const dropAt = 1647265227269;
    const points = pc0?.series.points ?? [];
    const after = points.flatMap((_, i) => (i > 0 && (points[i - 1]?.t ?? 0) >= dropAt ? [pc0?.intervals[i]?.received ?? 0] : []));
    expect(after.length).toBe(4);
    expect(after.every((n) => n > 500)).toBe(true);
    expect(r.samples.map((x) => [sec(x), x.product.outage, x.referee.outage?.cause ?? null])).toEqual([
      [0, null, null],
      [9.3, null, null],
      [19.3, 'reconnecting', 'disconnected'],
      [29.3, null, null],
      [40.2, null, null],
      [50.2, null, null],
      [60.2, null, null],
    ]);
  });

  test('the product is in an outage exactly where the referee is', () => {
    const differ = [...results.values()].flatMap((f) =>
      f.refused ? [] : f.samples.filter((s) => s.productOutage !== s.refereeOutage).map((s) => `${f.name} ${sec(s).toFixed(1)} s: ${s.product.outage ?? '-'}/${s.referee.outage?.cause ?? '-'}`),
    );
    // The case that pins: chrome-standard-multiple-p2p, where two of seven connections (PC_1, PC_2) never
    // connected (new → connecting → failed at 14.5 s, no RTP stream, never closed) while the call runs on
    // PC_0 / PC_3 / PC_4 with no loss. A peer that failed to set up is no outage of that call.
    expect(differ).toEqual([]);
  });
});

describe('the whole corpus', () => {
  test('per-file tables and the agreement table', () => {
    const all = [...results.values()];
    console.log(all.map(formatFile).join('\n\n'));
    console.log(formatTally(tally(all)));
  });

  test('never Good during an outage', () => {
    const t = tally([...results.values()]);
    expect(t.goodDuringOutage).toBe(0);
  });

  test('never Poor on a healthy call', () => {
    const poor = [...results.values()].flatMap((f) => (f.refused ? [] : f.samples.filter((s) => s.poorOnHealthy).map((s) => `${f.name} ${sec(s).toFixed(1)}`)));
    // The case that pins it: chrome-standard-multiple-p2p's two peers that never connected (see above).
    expect(poor).toEqual([]);
  });

  test.each(REASONS)(`%s: the product agrees with the referee on at least ${MIN_AGREEMENT * 100} % of the compared samples`, (reason) => {
    const r = tally([...results.values()]).reasons[reason];
    expect(r.compared).toBeGreaterThan(100);
    expect(r.agreement).toBeGreaterThanOrEqual(MIN_AGREEMENT);
  });

  test('the level disagreements are the explained ones, and no others', () => {
    // Both sides graded, different levels. One sample: the bridge connection resuming at 57.5 s sent 128
    // packets of which its receiver reports say 11 were lost (8.6 %). The referee grades each connection
    // over the window and takes the worst; the product takes the worst connection of each poll, and the
    // window still holds the peer-to-peer connection's 6 700 packets sent without loss before it closed at
    // 56 s (0.16 %). Two readings of "several connections" (docs/grading.md chose the product's), not an error.
    expect(cases(['over', 'under'])).toEqual(['google-standard-stats-p2p 57.5 s sendPacketLoss: good/warning']);
  });

  test('graded by one side only: the explained ones, and no others', () => {
    expect(cases(['product-only', 'referee-only'], ['recvPacketLoss'])).toEqual([
      // Start-up: the product's one-connection-per-poll counts hold 55 packets, under its 100-packet rule;
      // the referee's bridge connection alone has 131.
      'google-standard-stats-p2p 1.8 s recvPacketLoss: -/good',
      // The peer-to-peer connection closed at 56 s: the referee drops a closed connection's reports (9
      // packets left), the product's window keeps the samples taken while it was open.
      'google-standard-stats-p2p 56.2 s recvPacketLoss: good/-',
    ]);
    expect(cases(['product-only'], ['sendPacketLoss'])).toEqual(['google-standard-stats-p2p 56.2 s sendPacketLoss: good/-']);
  });

  test('send loss: a receiver report first seen after the first poll counts from zero, as docs/grading.md says', () => {
    // In every such case in the corpus the outbound stream had sent nothing at the previous report (it was
    // born in the interval), so the report's cumulative packetsLost is exactly that interval's; e.g.
    // chrome-relay at 9.6 s: 0 lost of 803 sent.
    const referee = cases(['referee-only'], ['sendPacketLoss']).filter((c) => !c.startsWith('google-standard-stats-p2p 1.8 s'));
    expect(referee).toEqual([]);
  });

  test('available upload is graded only where the referee finds a network limit', () => {
    // The case that pins: chrome-standard-multiple-p2p, 40.1–199.5 s. PC_3's video encoders say 'bandwidth'
    // while sending nothing (packetsSent frozen at 1 / 3 / 15 from 19.5 s to 179.5 s, estimate 801 kbps);
    // PC_0 sends ~280 video packets a second with 'none' (5 517 kbps). Neither is a network limit: the
    // estimate of a connection that sends no video limits nobody.
    expect(cases(['product-only'], ['availableOutgoingBitrate'])).toEqual([
      // Timing, not rules: the product times a poll by its newest report, so its poll at 291.647 s carries
      // PC_4's report of 291.639 s ('bandwidth', sending); 30 s later that poll is still in its window
      // (291.645, 321.645] while the referee, timing PC_4's report by itself, has just dropped it.
      'chrome-standard-multiple-p2p 321.6 s availableOutgoingBitrate: good/-',
    ]);
  });
});

describe('the single snapshots', () => {
  const SNAPSHOTS = corpus()
    .filter((f) => f.kind === 'snapshot')
    .map((f) => f.name);

  test.each(SNAPSHOTS)('%s: one sample, the same RTT and level as the referee', (name) => {
    const [s, ...rest] = replayed(name);
    expect(rest).toEqual([]);
    expect(s?.product.levels.roundTripTime).toBe(s?.referee.levels.roundTripTime);
    expect(Math.abs((s?.product.rttMs ?? NaN) - (s?.referee.numbers.rttMs ?? NaN))).toBeLessThan(1);
    // A product choice, not a window: a lone snapshot's loss is graded from its streams' lifetime counters
    // (src/sources/formats/dumps/dump-recording.ts); the referee grades no loss from a single report.
    expect(s?.product.levels.recvPacketLoss).toBe('good');
    expect(s?.referee.levels.recvPacketLoss).toBeNull();
  });
});
