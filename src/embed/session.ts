import { FIELDS, type Field } from '../core/catalogue';
import { exportIncident, safeRoomUrl, toCsv, type SessionExport } from '../core/session/export';
import type { Monitor, Snapshot, StatsSource } from '../core/live/monitor';
import { recordMonitor, type RecordMonitorOptions, type SessionRecorder } from '../core/session/record-monitor';
import type { SessionSummary } from '../core/session/summary';
import type { Assessment } from '../core/live/window';
import type { WidgetSession } from '../ui/widget-session';

/** What every embedding offers about the call it watches: the mount handle, the element, the component's onReady. */
export interface CallHealthApi {
  /** The verdict right now. */
  assessment(): Assessment;
  /** The whole call so far (or the last one, once it ended) in post-call-log terms. */
  summary(): SessionSummary;
  /** `{ version, startedAt, endedAt, roomUrl, samples, summary, incidents }`; roomUrl without query or hash. */
  exportSession(): SessionExport;
  /** Memory the session record holds, in bytes (bounded by its cap; a 2 s poll adds ~140 kB an hour). */
  sessionBytes(): number;
}

/** The one place the API object is built, for the mount handle and the component's onReady alike. */
export function apiOf(monitor: Monitor, session: WidgetSession): CallHealthApi {
  return {
    assessment: () => monitor.snapshot().assessment,
    summary: () => session.summary(),
    exportSession: () => session.exportSession(),
    sessionBytes: () => session.bytes(),
  };
}

/** Told after every poll; see `CallHealthHandle.onPoll`. */
export type PollListener = (snapshot: Snapshot) => void;

/**
 * Calls `listener` after every poll (answered or failed), with the snapshot that poll produced. Subscribed
 * after the widget's own listeners (session record, view state), so by then the poll has been taken in.
 * Context changes (join, leave, a connection event) are not polls. Returns the unsubscribe.
 */
export function subscribePolls(monitor: Monitor, listener: PollListener): () => void {
  const unsubscribe = monitor.subscribe((snapshot, event) => {
    if (event === 'sample' || event === 'failure') listener(snapshot);
  });
  return () => {
    unsubscribe();
  };
}

export interface SessionControl {
  session: WidgetSession;
  /** Records again after a stop (a widget started twice gets a fresh record, not a silent one). */
  resume(): void;
  /** Closes the record; it stays readable and exportable. */
  stop(): void;
}

/**
 * Every widget records its call from the moment it exists. The record follows the monitor (see
 * recordMonitor): Daily's left-meeting stops the monitor and closes it, a new join opens a fresh one.
 */
export function startWidgetSession(monitor: Monitor, o: { intervalMs?: number; roomUrl?: string }): SessionControl {
  const roomUrl = safeRoomUrl(o.roomUrl) ?? undefined;
  // An incident keeps one window either side of the turn: 30 s by default, and what a sped-up replay
  // (whose window is scaled by its speed) needs so that its incidents span the same part of the call.
  const span = monitor.window.windowMs;
  const options: RecordMonitorOptions = {
    intervalMs: o.intervalMs,
    roomUrl,
    incidents: { beforeMs: span, afterMs: span },
    browser: typeof navigator === 'undefined' ? undefined : { userAgent: navigator.userAgent },
  };
  let recorder: SessionRecorder = recordMonitor(monitor, options);
  let recording = true;
  return {
    session: {
      summary: () => recorder.summary(),
      incidents: () => recorder.incidents.list(),
      droppedIncidents: () => recorder.incidents.dropped,
      exportSession: () => recorder.exportSession(),
      exportIncident: (incident) => exportIncident(incident, { roomUrl }),
      samplesCsv: () => toCsv(recorder.record.samples()),
      bytes: () => recorder.record.bytes(),
    },
    resume() {
      if (recording) return;
      recorder = recordMonitor(monitor, options);
      recording = true;
    },
    stop() {
      recorder.stop();
      recording = false;
    },
  };
}

/** Fields a source's format can't carry, when it says so (a replayed Daily /logs response does). */
export function sourceLacks(source: StatsSource | undefined): Field[] {
  if (!source || !('lacks' in source) || !Array.isArray(source.lacks)) return [];
  const lacks: unknown[] = source.lacks;
  return FIELDS.filter((f) => lacks.includes(f));
}
