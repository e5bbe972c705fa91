// Grading one connection at one time: its loss, round trip, upload and own state over the reports in
// (t − windowMs, t]. Part of the independent referee (referee.ts): nothing here is imported from src/.

import { lastState, stateChangedAt, stateOutageAt, type StateOutage } from './connection-states';
import type { Analysed } from './counter-deltas';
import { lossLevel, rttLevel, uploadLevel, type Levels } from './levels';
import { rttWindow, uploadWindow, type RttWindow, type UploadWindow } from './rtt-and-upload';

export interface LossWindow {
  readonly lost: number;
  /** Received + lost (receive side) or sent (send side): the packets the loss is a share of. */
  readonly expected: number;
  /** lost ÷ expected, floored at 0 (duplicates can make loss counters step back); null when nothing expected. */
  readonly fraction: number | null;
}

export interface PcWindow {
  readonly pcId: string;
  /** Reports of this connection inside (t − windowMs, t]. */
  readonly reports: number;
  readonly recv: LossWindow;
  readonly send: LossWindow;
  readonly rtt: RttWindow | null;
  readonly upload: UploadWindow | null;
  /** The connection had been connected and its state now says disconnected / failed. */
  readonly stateOutage: StateOutage | null;
  /** When the connection's state last changed (at or before t): when a drop began. */
  readonly stateSince: number | null;
  /** Reports in a row, up to the newest one in the window, in which no packet arrived on streams that had been receiving. */
  readonly silentReports: number;
  /** Inbound packets received in the interval ending at the newest report in the window; null when that is the connection's first. */
  readonly receivedLatest: number | null;
  /** The report time that interval began at (the report before the newest); null when there is none. */
  readonly latestFrom: number | null;
  readonly levels: Levels;
}

export interface RefereeOptions {
  readonly windowMs?: number;
  readonly minPackets?: number;
}

function loss(lost: number, expected: number): LossWindow {
  return { lost, expected, fraction: expected > 0 ? Math.max(0, lost) / expected : null };
}

export function gradeConnection(a: Analysed, t: number, windowMs: number, minPackets: number): PcWindow | null {
  const { points } = a.series;
  const inWindow = (i: number): boolean => {
    const p = points[i];
    return p !== undefined && p.t > t - windowMs && p.t <= t;
  };
  const indices = [...points.keys()].filter(inWindow);
  const newest = indices.at(-1);
  // A closed connection is no longer part of the call: its last reports stop counting when it closes,
  // not 30 s later.
  const states = a.series.states;
  if (newest === undefined || lastState(states, 'closed', t) !== null) return null;

  // Receive loss: every interval that ENDS in the window, whenever it began. That is the window the product
  // documents (docs/grading.md: the samples in (t − 30 s, t], each carrying the deltas since the previous
  // report), so a window of 10 s reports holds three intervals, reaching up to 10 s before its start, and the
  // first report in it brings the packets counted since the one before.
  let rLost = 0;
  let rReceived = 0;
  for (const i of indices) {
    const interval = a.intervals[i];
    if (interval) {
      rLost += interval.lost;
      rReceived += interval.received;
    }
  }
  const recv = loss(rLost, rLost + rReceived);

  // Send loss likewise: a measurement between two receiver reports counts when the later one is in the window.
  let sLost = 0;
  let sSent = 0;
  for (const d of a.sendDeltas) {
    if (inWindow(d.to)) {
      sLost += d.lost;
      sSent += d.sent;
    }
  }
  const send = loss(sLost, sSent);

  const rtt = rttWindow(points, indices);
  const upload = uploadWindow(a, indices);
  const stateOutage = stateOutageAt(states, t);
  let silentReports = 0;
  for (let i = newest; a.intervals[i]?.silent; i -= 1) silentReports += 1;
  // The newest interval is the one ending at the newest report, which is in the window by definition.
  const latest = a.intervals[newest] ?? null;
  const receivedLatest = latest ? latest.received : null;
  const latestFrom = points[newest - 1]?.t ?? null;

  const levels: Levels = {
    recvPacketLoss: recv.fraction !== null && recv.expected >= minPackets ? lossLevel(recv.fraction) : null,
    sendPacketLoss: send.fraction !== null && send.expected >= minPackets ? lossLevel(send.fraction) : null,
    roundTripTime: rtt ? rttLevel(rtt.meanMs) : null,
    availableOutgoingBitrate: upload ? uploadLevel(upload.meanBps) : null,
  };
  return { pcId: a.series.pcId, reports: indices.length, recv, send, rtt, upload, stateOutage, stateSince: stateChangedAt(states, t), silentReports, receivedLatest, latestFrom, levels };
}
