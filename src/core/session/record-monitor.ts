import { exportSession, type ExportOptions, type SessionExport } from './export';
import { IncidentLog, type IncidentLogOptions } from './incidents';
import type { Monitor } from '../live/monitor';
import { SessionRecord, type SessionRecordOptions } from './session-record';
import { summarize, type SessionSummary, type SummaryOptions } from './summary';
import { POLL_INTERVAL_MS } from '../defaults';

export interface RecordMonitorOptions extends Omit<SessionRecordOptions, 'startedAt'> {
  browser?: SummaryOptions['browser'];
  /** Kept without its query or hash in every export. */
  roomUrl?: string;
  incidents?: Omit<IncidentLogOptions, 'intervalMs'>;
  /** Told when a session with samples ends (left-meeting, a new join, or stop()). */
  onClose?: (session: { record: SessionRecord; incidents: IncidentLog }) => void;
  now?: () => number;
}

export interface SessionRecorder {
  /** The current session's record; a new join replaces it (take the old one from onClose). */
  readonly record: SessionRecord;
  readonly incidents: IncidentLog;
  summary(): SessionSummary;
  exportSession(options?: Pick<ExportOptions, 'roomUrl' | 'browser'>): SessionExport;
  /** Stops recording and closes the current record; it stays readable and exportable. */
  stop(): void;
}

/**
 * Records every sample a Monitor takes. It listens through `subscribe` only: after a 'sample' event the
 * window's newest sample is the one just taken (already normalised by the window), and the snapshot
 * holds both verdicts for it. The monitor stopping (left-meeting) closes the record; a reset or a new
 * start (a new join) opens a fresh one.
 */
export function recordMonitor(monitor: Monitor, options: RecordMonitorOptions = {}): SessionRecorder {
  const now = options.now ?? Date.now;
  const w = monitor.window;
  const intervalMs = options.intervalMs ?? POLL_INTERVAL_MS;
  const fresh = (startedAt?: number) => ({
    record: new SessionRecord({ maxDurationMs: options.maxDurationMs, maxSamples: options.maxSamples, chunkSize: options.chunkSize, intervalMs, startedAt }),
    incidents: new IncidentLog({ ...options.incidents, intervalMs }),
  });
  let active = monitor.snapshot().active;
  let current = fresh(active ? now() : undefined);

  const close = () => {
    if (current.record.closed) return;
    current.record.close(now());
    current.incidents.close();
    if (current.record.length > 0) options.onClose?.(current);
  };
  const begin = () => {
    close();
    current = fresh(now());
  };

  const unsubscribe = monitor.subscribe((snap, event) => {
    // A reset or a start is a new join: a new session, begun now (an empty record is simply replaced).
    if (event === 'reset') {
      begin();
      return;
    }
    if (event === 'context') {
      if (snap.active && !active) begin();
      if (!snap.active && active) close();
      active = snap.active;
      return;
    }
    if (event !== 'sample') return;
    const count = w.count();
    const ts = w.newestTimestamp();
    if (ts === null || count === 0) return;
    const { record, incidents } = current;
    const taken = record.append(ts, (f) => w.fieldAt(f, count - 1, count), {
      networkState: snap.assessment.networkState,
      networkStateReasons: snap.assessment.networkStateReasons,
      reportedNetworkState: snap.reported?.networkState ?? null,
      outage: snap.outage,
    });
    if (taken) incidents.observe(record);
  });

  const summaryOptions = (): SummaryOptions => ({
    browser: options.browser,
    thresholds: w.thresholds,
    windowMs: w.windowMs,
    intervalMs,
    maxHoldMs: w.staleAfterMs,
  });

  return {
    get record() {
      return current.record;
    },
    get incidents() {
      return current.incidents;
    },
    summary: () => summarize(current.record, summaryOptions()),
    exportSession: (o = {}) =>
      exportSession(current.record, { ...summaryOptions(), incidents: current.incidents, roomUrl: options.roomUrl, ...o }),
    stop() {
      unsubscribe();
      close();
    },
  };
}
