import { FIELDS, fieldUnit, UNITS, type ReasonKey } from '../catalogue';
import type { Incident, IncidentLog } from './incidents';
import type { SessionRecord, SessionSample } from './session-record';
import { summarize, type SessionSummary, type SummaryOptions } from './summary';

/** Bumped when a reader of an older export would misread a newer one. */
export const SESSION_EXPORT_VERSION = 1;

export interface IncidentExport {
  version: typeof SESSION_EXPORT_VERSION;
  kind: 'incident';
  id: number;
  at: number;
  reasons: ReasonKey[];
  complete: boolean;
  from: number | null;
  to: number | null;
  roomUrl: string | null;
  samples: SessionSample[];
}

export interface SessionExport {
  version: typeof SESSION_EXPORT_VERSION;
  startedAt: number | null;
  /** Null while the call is still going. */
  endedAt: number | null;
  roomUrl: string | null;
  samples: SessionSample[];
  summary: SessionSummary;
  incidents: IncidentExport[];
}

export interface ExportOptions extends SummaryOptions {
  incidents?: IncidentLog | readonly Incident[];
  /** Kept as scheme, host and path only (see safeRoomUrl). */
  roomUrl?: unknown;
}

/** The whole call as plain JSON-safe data. */
export function exportSession(record: SessionRecord, options: ExportOptions = {}): SessionExport {
  const roomUrl = safeRoomUrl(options.roomUrl);
  const incidents = options.incidents === undefined ? [] : 'list' in options.incidents ? options.incidents.list() : options.incidents;
  return {
    version: SESSION_EXPORT_VERSION,
    startedAt: record.startedAt,
    endedAt: record.closed ? record.endedAt : null,
    roomUrl,
    samples: record.samples(),
    summary: summarize(record, options),
    incidents: incidents.map((incident) => exportIncident(incident, { roomUrl })),
  };
}

/** One incident on its own — what a support ticket needs. */
export function exportIncident(incident: Incident, options: { roomUrl?: unknown } = {}): IncidentExport {
  const samples = incident.record.samples();
  return {
    version: SESSION_EXPORT_VERSION,
    kind: 'incident',
    id: incident.id,
    at: incident.at,
    reasons: [...incident.reasons],
    complete: incident.complete,
    from: samples[0]?.timestamp ?? null,
    to: samples[samples.length - 1]?.timestamp ?? null,
    roomUrl: safeRoomUrl(options.roomUrl),
    samples,
  };
}

export const CSV_HEADER: readonly string[] = [
  'timestamp (ms)',
  'time (UTC)',
  'networkState',
  'reportedNetworkState',
  'networkStateReasons',
  'outage',
  ...FIELDS.map((f) => `${f} (${UNITS[fieldUnit(f)].csv})`),
];

/**
 * One row per sample, one column per catalogue field with its unit in the header; null is an empty cell.
 * RFC 4180: CRLF line ends, cells quoted only when they must be (none of ours should).
 */
export function toCsv(samples: readonly SessionSample[]): string {
  const lines = [CSV_HEADER.map(cell).join(',')];
  for (const s of samples) {
    const row: string[] = [
      String(s.timestamp),
      Number.isFinite(s.timestamp) ? new Date(s.timestamp).toISOString() : '',
      s.networkState,
      s.reportedNetworkState ?? '',
      s.networkStateReasons.join(' '),
      s.outage ?? '',
      ...FIELDS.map((f) => {
        const v = s[f];
        return v === null || !Number.isFinite(v) ? '' : String(v);
      }),
    ];
    lines.push(row.map(cell).join(','));
  }
  return lines.join('\r\n') + '\r\n';
}

function cell(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * A room URL safe to write down: scheme, host and path only. The query (Daily's `?t=` meeting token), the
 * hash and any user:password are dropped; anything that isn't an http(s) URL gives null.
 */
export function safeRoomUrl(url: unknown): string | null {
  if (typeof url !== 'string') return null;
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return null;
  return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
}
