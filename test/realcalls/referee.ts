// An independent referee for real recorded calls.
//
// It reads getStats() recordings (Jitsi rtcstats JSON-lines dumps and single `Array.from(report)` snapshots)
// with its own small reader, turns them into per-connection time series of raw counters, and grades every
// report time by the rules written down in `expectedVerdicts` below. Nothing here is imported from src/:
// the point is a second, deliberately plain implementation that the product's replayed verdicts can be
// checked against. Where the rules leave room for interpretation, the choice made is said at the spot.
//
// This file puts the page together from its connections; the parts are beside it: recording-reader.ts
// (the reader), counter-series.ts (the raw counters per report), selected-pair.ts (the path),
// counter-deltas.ts (what changed between reports), rtt-and-upload.ts, connection-states.ts (states and the
// outages they say), grade-connection.ts (one connection at one time), levels.ts (levels and thresholds)
// and verdict-table.ts (the table for people).

import { readFileSync } from 'node:fs';
import type { OutageCause } from './connection-states';
import { analyse, type Analysed } from './counter-deltas';
import { seriesOf, type PcSeries } from './counter-series';
import { gradeConnection, type PcWindow, type RefereeOptions } from './grade-connection';
import { RANK, REASONS, type Level, type Levels, type Reason } from './levels';
import { readRecording, type Recording } from './recording-reader';
import type { RttSource } from './rtt-and-upload';

export interface Moment {
  /** Epoch ms: a report time of some connection (from expectedVerdicts), or any time given to at(). */
  readonly t: number;
  /** t − the file's first report time. */
  readonly sinceFirstMs: number;
  /** Per reason, the worst level over the connections (null when no connection can be graded on it). */
  readonly levels: Levels;
  /**
   * Why the page is in an outage, or null. A connection's own failed state counts alone; disconnected
   * counts unless a connection not failed received packets over an interval that began after the drop; a
   * silence counts only when nothing arrives anywhere: a page that moved its media to another connection
   * (Jitsi suspends the bridge connection while a peer-to-peer one carries the call) is not in an outage.
   */
  readonly outage: { readonly cause: OutageCause; readonly pcIds: readonly string[] } | null;
  /** 'outage' when the page is in one, else the worst of the levels, null when nothing is gradable. */
  readonly overall: Level | 'outage' | null;
  /**
   * Per reason, the connection the page-level number comes from: the worst gradable one; when none is
   * gradable, the one with the most packets / samples, so a null can still be explained.
   */
  readonly deciding: { readonly [R in Reason]: PcWindow | null };
  /** The page-level numbers behind the levels, flattened from `deciding` for printing and comparing. */
  readonly numbers: MomentNumbers;
  readonly perPc: readonly PcWindow[];
}

export interface MomentNumbers {
  readonly recvLossPct: number | null;
  readonly recvExpected: number | null;
  readonly sendLossPct: number | null;
  readonly sendExpected: number | null;
  readonly rttMs: number | null;
  readonly rttSource: RttSource | null;
  readonly uploadBps: number | null;
}

export interface FileVerdicts {
  readonly format: Recording['format'];
  /** The file's first report time (epoch ms); null when it holds no getstats at all. */
  readonly firstReportT: number | null;
  readonly series: readonly PcSeries[];
  /** Per connection, the per-interval facts (stream deltas, silences, send-loss deltas) the grading used. */
  readonly connections: readonly Analysed[];
  readonly moments: readonly Moment[];
}

/** The key a connection is ranked by for one reason: higher is worse. */
function badness(w: PcWindow, reason: Reason): number {
  switch (reason) {
    case 'recvPacketLoss':
      return w.recv.fraction ?? -1;
    case 'sendPacketLoss':
      return w.send.fraction ?? -1;
    case 'roundTripTime':
      return w.rtt?.meanMs ?? -1;
    case 'availableOutgoingBitrate':
      return w.upload ? -w.upload.meanBps : -Infinity;
  }
}

/** How much evidence a connection had for one reason, to pick the one to show when none is gradable. */
function evidence(w: PcWindow, reason: Reason): number {
  switch (reason) {
    case 'recvPacketLoss':
      return w.recv.expected;
    case 'sendPacketLoss':
      return w.send.expected;
    case 'roundTripTime':
      return w.rtt?.samples ?? 0;
    case 'availableOutgoingBitrate':
      return w.upload?.samples ?? 0;
  }
}

function decide(windows: readonly PcWindow[], reason: Reason): PcWindow | null {
  let best: PcWindow | null = null;
  for (const w of windows) {
    if (!best) {
      best = w;
      continue;
    }
    const a = w.levels[reason];
    const b = best.levels[reason];
    if (a !== null && b === null) best = w;
    else if (a !== null && b !== null) {
      const worse = badness(w, reason) - badness(best, reason);
      // Equal levels: the worse number decides, then the one with more evidence behind it.
      if (RANK[a] > RANK[b] || (RANK[a] === RANK[b] && (worse > 0 || (worse === 0 && evidence(w, reason) > evidence(best, reason))))) {
        best = w;
      }
    } else if (a === null && b === null && evidence(w, reason) > evidence(best, reason)) best = w;
  }
  return best;
}

/** The analysed connections of a recording, ready to be graded at any time. */
export interface Referee {
  readonly format: Recording['format'];
  readonly firstReportT: number | null;
  readonly series: readonly PcSeries[];
  readonly connections: readonly Analysed[];
  /** Every report time of every connection, ascending, without repeats. */
  readonly reportTimes: readonly number[];
  /** Grades the page at any time t (epoch ms), e.g. once a second to line up with a replay. */
  at(t: number): Moment;
}

export function referee(recording: Recording, options: RefereeOptions = {}): Referee {
  const windowMs = options.windowMs ?? 30_000;
  const minPackets = options.minPackets ?? 100;
  const analysed = recording.pcs.map((pc) => analyse(seriesOf(pc)));
  const reportTimes = [...new Set(recording.pcs.flatMap((pc) => pc.reports.map((r) => r.t)))].sort((x, y) => x - y);
  const firstReportT = reportTimes[0] ?? null;
  return {
    format: recording.format,
    firstReportT,
    series: analysed.map((a) => a.series),
    connections: analysed,
    reportTimes,
    at(t: number): Moment {
      const perPc = analysed.flatMap((a) => {
        const w = gradeConnection(a, t, windowMs, minPackets);
        return w ? [w] : [];
      });
      const deciding = {
        recvPacketLoss: decide(perPc, 'recvPacketLoss'),
        sendPacketLoss: decide(perPc, 'sendPacketLoss'),
        roundTripTime: decide(perPc, 'roundTripTime'),
        availableOutgoingBitrate: decide(perPc, 'availableOutgoingBitrate'),
      };
      const levels: Levels = {
        recvPacketLoss: deciding.recvPacketLoss?.levels.recvPacketLoss ?? null,
        sendPacketLoss: deciding.sendPacketLoss?.levels.sendPacketLoss ?? null,
        roundTripTime: deciding.roundTripTime?.levels.roundTripTime ?? null,
        availableOutgoingBitrate: deciding.availableOutgoingBitrate?.levels.availableOutgoingBitrate ?? null,
      };
      // A drop that media outlives is no outage: packets counted over an interval that began at or after the
      // latest drop, on a connection not failed, show the page still receives. Failed is final, as both
      // browsers behave live (media stops); chrome-standard-pc-failed's appended 'failed' stays an outage.
      const dropped = perPc.filter((w) => w.stateOutage !== null);
      const dropAt = Math.max(...dropped.map((w) => w.stateSince ?? -Infinity));
      const outlived = perPc.some(
        (w) => w.stateOutage !== 'failed' && (w.receivedLatest ?? 0) > 0 && (w.latestFrom ?? -Infinity) >= dropAt,
      );
      const down = outlived && dropped.every((w) => w.stateOutage === 'disconnected') ? [] : dropped;
      const silent = perPc.filter((w) => w.silentReports >= 2);
      const anyArriving = perPc.some((w) => (w.receivedLatest ?? 0) > 0);
      const firstDown = down[0];
      const outage: Moment['outage'] = firstDown?.stateOutage
        ? { cause: firstDown.stateOutage, pcIds: down.map((w) => w.pcId) }
        : silent.length > 0 && !anyArriving
          ? { cause: 'no-packets', pcIds: silent.map((w) => w.pcId) }
          : null;
      let worst: Level | null = null;
      for (const reason of REASONS) {
        const l = levels[reason];
        if (l !== null && (worst === null || RANK[l] > RANK[worst])) worst = l;
      }
      const pct = (f: number | null | undefined): number | null => (f === null || f === undefined ? null : f * 100);
      const numbers: MomentNumbers = {
        recvLossPct: pct(deciding.recvPacketLoss?.recv.fraction),
        recvExpected: deciding.recvPacketLoss?.recv.expected ?? null,
        sendLossPct: pct(deciding.sendPacketLoss?.send.fraction),
        sendExpected: deciding.sendPacketLoss?.send.expected ?? null,
        rttMs: deciding.roundTripTime?.rtt?.meanMs ?? null,
        rttSource: deciding.roundTripTime?.rtt?.source ?? null,
        uploadBps: deciding.availableOutgoingBitrate?.upload?.meanBps ?? null,
      };
      return {
        t,
        sinceFirstMs: firstReportT === null ? 0 : t - firstReportT,
        numbers,
        levels,
        outage,
        overall: outage !== null ? 'outage' : worst,
        deciding,
        perPc,
      };
    },
  };
}

/**
 * The referee's verdicts for a recording's text (rtcstats dump or snapshot), one moment per report time.
 *
 * Rules, per connection not closed by t, over its reports inside (t − windowMs, t]:
 * - recvPacketLoss: Σ lost ÷ Σ (lost + received) of the deltas between consecutive reports whose later
 *   report lies in the window (each report carries the interval ending at it, as the product's samples do),
 *   over every inbound-rtp stream; a stream first seen after the connection's first report counts from
 *   zero, one that dropped out of the stats and came back from its last values. Graded only when
 *   Σ (lost + received) ≥ minPackets.
 * - sendPacketLoss: remote-inbound-rtp packetsLost deltas ÷ the matching outbound-rtp's packetsSent
 *   (minus retransmissions) deltas, taken between reports at which the receiver report changed, the later
 *   of the two inside the window. Graded only when Σ sent ≥ minPackets.
 * - roundTripTime: mean of the selected pair's currentRoundTripTime; where the pair has none in the window,
 *   the mean of every remote-inbound-rtp roundTripTime in it.
 * - availableOutgoingBitrate: mean of the selected pair's availableOutgoingBitrate at reports where video
 *   was being sent, leaving out Chrome's 300000 start value until the estimate first moves, and, where the
 *   browser reports qualityLimitationReason on video, keeping only reports where one says 'bandwidth'.
 * - outage: a connection had been connected and its connectionState or iceConnectionState is now
 *   'failed', or 'disconnected' while no connection that isn't failed received packets over an interval
 *   that began at or after that change; or a connection's last two reports each saw no
 *   packet arrive on any stream that existed in both and had been receiving, while no other connection
 *   received anything in its newest interval either.
 * The page takes the worst connection per reason.
 */
export function expectedVerdicts(text: string, options: RefereeOptions = {}): FileVerdicts {
  const r = referee(readRecording(text), options);
  return {
    format: r.format,
    firstReportT: r.firstReportT,
    series: r.series,
    connections: r.connections,
    moments: r.reportTimes.map((t) => r.at(t)),
  };
}

export function refereeFile(path: string, options: RefereeOptions = {}): FileVerdicts {
  return expectedVerdicts(readFileSync(path, 'utf8'), options);
}
