import type { IncidentExport, SessionExport } from '../core/session/export';
import type { Incident } from '../core/session/incidents';
import type { SessionSummary } from '../core/session/summary';

/** What the Session section needs from the widget's recorder (built in embed/session.ts). */
export interface WidgetSession {
  summary(): SessionSummary;
  /** Oldest first; the same list object may grow between calls. */
  incidents(): readonly Incident[];
  droppedIncidents(): number;
  exportSession(): SessionExport;
  exportIncident(incident: Incident): IncidentExport;
  samplesCsv(): string;
  bytes(): number;
}
