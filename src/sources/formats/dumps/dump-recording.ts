import { FIELDS, type Field } from '../../../core/catalogue';
import type { ConnectionState } from '../../../core/live/monitor';
import { ConnectionStates } from '../../connection-state';
import { medianSpacing, type TraceSample } from '../trace';
import { NetworkStatsCalculator } from '../../webrtc-calculator';
import { DumpError, type DumpConnection, type DumpReport, type StatsDump } from './dump';
import type { Reading } from './pacing';
import { numbersAsText } from './numbers-as-text';
import { POLL_INTERVAL_MS } from '../../../core/defaults';

/**
 * A dump's recorded getStats() reports, replayed through the same WebRTC maths as a live call, turned into
 * the samples a replay plays. Every connection of the page together by default (as a mesh page is watched
 * live), or one chosen connection. Recorded connection-state changes become the samples' context, at the
 * moment they happened, so the widget says Reconnecting… or Connection lost when the user saw it.
 */

export interface DumpSelection {
  /** One connection's id (DumpConnection.id); all of them when absent. */
  connection?: string | undefined;
}

export interface DumpSamples {
  samples: TraceSample[];
  /** The recording's poll spacing (median), ms. */
  intervalMs: number;
  /** Ids of the connections replayed. */
  connections: string[];
  /** ms since the epoch of the first sample, when the dump's times are wall-clock; else null. */
  startedAt: number | null;
  /** What the replay could not work out, for the user to see beside the reader's warnings. */
  warnings: string[];
}

/** Dumps before 2001 are relative times (rtcstats v3), not wall-clock ones. */
const EPOCH_MS = 1e12;

/**
 * The conversion, as a generator that yields between slices of work so an async driver can let the page
 * breathe on a 5 MB dump (see pacing.ts). Throws DumpError when nothing can be replayed.
 */
export function* dumpSamples(dump: StatsDump, selection: DumpSelection = {}): Reading<DumpSamples> {
  const { connections: chosen, undated } = withDates(choose(dump, selection));
  const polls = groupIntoPolls(chosen);
  if (polls.length === 0 && undated > 0) {
    throw new DumpError('no-media', 'None of the getStats() reports in this dump has a time that could be a date: there is no timeline to replay.');
  }
  if (polls.length === 0) throw new DumpError('no-media', 'This dump holds peer connections but not one getStats() report.');
  const origin = polls[0]?.at ?? 0;
  const calc = new NetworkStatsCalculator<string>();
  // A single snapshot has no previous report to take deltas from. Its streams' counters run from the
  // stream's start, so loss is counted from zero against an empty report; bitrates, which need the
  // elapsed time, stay unknown.
  const single = polls.length === 1;
  if (single) calc.step(chosen.map((c) => ({ key: c.id, report: new Map() })), origin);
  const states = new ConnectionStates<string>();
  const events = stateEvents(chosen);
  let nextEvent = 0;
  let last: ConnectionState | null | undefined;
  const samples: TraceSample[] = [];
  let flowed = false;
  let uncomputable = 0;
  let asText = 0;

  /** Applies the recorded state changes up to `at`; the connection state after them when it changed. */
  const statesUpTo = (at: number): { connection: ConnectionState | null } | null => {
    let now = last;
    for (; nextEvent < events.length && (events[nextEvent]?.at ?? Infinity) <= at; nextEvent++) {
      const e = events[nextEvent];
      if (!e) continue;
      now = e.closed ? states.close(e.id) : states.update(e.id, e);
    }
    if (now === undefined || now === last) return null;
    last = now;
    return { connection: now };
  };

  for (let p = 0; p < polls.length; p++) {
    const poll = polls[p];
    if (!poll) continue;
    // A state change between two polls is shown when it happened, on a sample of its own with no new numbers.
    const after = Math.max(origin, polls[p - 1]?.at ?? origin);
    for (let e = events[nextEvent]; e && e.at > after && e.at < poll.at; e = events[nextEvent]) {
      const context = statesUpTo(e.at);
      if (context) samples.push({ t: e.at - origin, latest: null, context });
    }
    for (const r of poll.reports) asText += numbersAsText(r.report);
    const result = calc.step(poll.reports.map((r) => ({ key: r.id, report: r.report })), poll.at);
    const latest: Partial<Record<Field, number | null>> = {};
    for (const f of FIELDS) {
      const value = single && f.endsWith('BitsPerSecond') ? null : result.stats.latest[f];
      // Counters near the largest double (a broken file) overflow the maths into Infinity or NaN: unknown.
      if (typeof value === 'number' && !Number.isFinite(value)) uncomputable += 1;
      latest[f] = typeof value === 'number' && Number.isFinite(value) ? value : null;
    }
    const ev = result.stats.evidence;
    if ((latest.sendBitsPerSecond ?? 0) > 0 || (latest.recvBitsPerSecond ?? 0) > 0 || (ev.recvExpected ?? 0) > 0 || (ev.sendPackets ?? 0) > 0) flowed = true;
    const context = statesUpTo(poll.at);
    const t = poll.at - origin;
    const prev = samples[samples.length - 1];
    const sample: TraceSample = { t, latest, evidence: result.stats.evidence, ...(context ? { context } : {}) };
    // A state change timed exactly at a poll (or just before it, inside the same ms) merges into the poll.
    if (prev && prev.t >= t) samples[samples.length - 1] = { ...sample, t: prev.t, context: { ...prev.context, ...sample.context } };
    else samples.push(sample);
    yield;
  }
  if (!flowed) {
    throw new DumpError('no-media', 'No media ever flowed in this recording: no byte was sent or received on any connection.');
  }
  // State changes after the last report (a failure that ended the recording) still reach the widget, each
  // at its own moment.
  for (let e = events[nextEvent]; e; e = events[nextEvent]) {
    const context = statesUpTo(e.at);
    const tail = samples[samples.length - 1];
    if (context && tail) samples.push({ t: Math.max(tail.t + 1, e.at - origin), latest: null, context });
  }
  return {
    samples,
    intervalMs: medianSpacing(polls.map((p) => p.at)),
    connections: chosen.map((c) => c.id),
    startedAt: origin >= EPOCH_MS ? origin : null,
    warnings: [
      ...(undated === 0 ? [] : [`${undated} reports or state changes with a time no date can have (out of range) were skipped`]),
      ...(uncomputable === 0 ? [] : [`${uncomputable} figures could not be worked out from the recorded counters (out of range) and read as n/a`]),
      ...(asText === 0 ? [] : [`${asText} measurements written as text (not numbers, as browsers write them) read as n/a`]),
    ],
  };
}

function choose(dump: StatsDump, selection: DumpSelection): DumpConnection[] {
  if (dump.connections.length === 0) throw new DumpError('no-connections', 'This dump holds no peer connections: nothing was recorded to replay.');
  let list = dump.connections;
  if (selection.connection !== undefined) {
    list = list.filter((c) => c.id === selection.connection);
    if (list.length === 0) {
      throw new DumpError('no-connections', `This dump has no peer connection "${selection.connection}"; it has ${dump.connections.map((c) => c.id).join(', ')}.`);
    }
  }
  const standard = list.filter((c) => !c.legacyOnly && c.reports.length > 0);
  if (standard.length === 0 && list.some((c) => c.legacyOnly)) {
    throw new DumpError(
      'legacy-only',
      'This dump holds only legacy stats (the goog* stats of Chrome before the standard getStats()): there are no standard counters to measure.',
    );
  }
  return standard;
}

/** The most a JS Date holds either side of 1970 (±100 million days). */
const MAX_DATE_MS = 8.64e15;

function isDate(at: number): boolean {
  return Math.abs(at) <= MAX_DATE_MS;
}

/**
 * The connections with only the reports and state changes whose time could be a date. A broken file's times
 * (1e308, or an rtcstats v3 clock run past Infinity) would otherwise overflow the replay's offsets.
 */
function withDates(connections: readonly DumpConnection[]): { connections: DumpConnection[]; undated: number } {
  let undated = 0;
  const kept = connections.map((c) => {
    const reports = c.reports.filter((r) => isDate(r.at));
    const states = c.states.filter((s) => isDate(s.at));
    const closedAt = c.closedAt === null || isDate(c.closedAt) ? c.closedAt : null;
    undated += c.reports.length - reports.length + c.states.length - states.length + (closedAt === c.closedAt ? 0 : 1);
    return { ...c, reports, states, closedAt };
  });
  return { connections: kept, undated };
}

interface Poll {
  at: number;
  reports: Array<{ id: string; report: DumpReport['report'] }>;
}

/**
 * One poll per moment the page called getStats(): each connection's report joins the poll it falls in
 * (within half the recording's spacing, a second at most), since a page polls its connections together
 * but records them a few ms apart. A connection never appears twice in one poll.
 */
function groupIntoPolls(connections: readonly DumpConnection[]): Poll[] {
  const all: Array<{ id: string; at: number; report: DumpReport['report'] }> = [];
  for (const c of connections) for (const r of c.reports) all.push({ id: c.id, at: r.at, report: r.report });
  all.sort((a, b) => a.at - b.at);
  const spacing = Math.min(...connections.map((c) => medianSpacing(c.reports.map((r) => r.at))));
  const tolerance = Math.min(1_000, (Number.isFinite(spacing) ? spacing : POLL_INTERVAL_MS) / 2);
  const polls: Poll[] = [];
  let current: Poll | null = null;
  let start = -Infinity;
  for (const r of all) {
    if (!current || r.at - start > tolerance || current.reports.some((x) => x.id === r.id)) {
      current = { at: r.at, reports: [] };
      start = r.at;
      polls.push(current);
    }
    // The poll's time is its newest report's: every state change applied with it is then in the past.
    current.at = r.at;
    current.reports.push({ id: r.id, report: r.report });
  }
  return polls;
}

interface StateEvent {
  id: string;
  at: number;
  closed: boolean;
  connectionState?: string | undefined;
  iceConnectionState?: string | undefined;
}

function stateEvents(connections: readonly DumpConnection[]): StateEvent[] {
  const out: StateEvent[] = [];
  for (const c of connections) {
    for (const s of c.states) out.push({ id: c.id, at: s.at, closed: false, connectionState: s.connectionState, iceConnectionState: s.iceConnectionState });
    if (c.closedAt !== null) out.push({ id: c.id, at: c.closedAt, closed: true });
  }
  return out.sort((a, b) => a.at - b.at);
}
