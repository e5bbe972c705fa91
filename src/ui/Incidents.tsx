import type { Incident } from '../core/session/incidents';
import { saveText } from './download';
import { fill } from './labels';
import { type WidgetSession } from './widget-session';
import { clockTime, fileStamp } from './session-text';
import type { HealthStore } from './store';
import { metricLabel } from './status';

/** Every turn to bad: its time, its reasons, and an Export button that saves that incident alone. */
export function Incidents({ store, session }: { store: HealthStore; session: WidgetSession }) {
  void store.tick.value; // the list grows and incidents complete as samples arrive
  const { labels } = store;
  const list = session.incidents();
  const dropped = session.droppedIncidents();
  const save = (doc: Document, incident: Incident) => {
    const name = `call-health-incident-${incident.id}-${fileStamp(incident.at)}.json`;
    saveText(doc, name, JSON.stringify(session.exportIncident(incident)), 'application/json');
  };
  return (
    <div class="ch-incidents">
      <h4>
        {labels.incidents} <span class="ch-count">({list.length})</span>
      </h4>
      {list.length === 0 ? (
        <p class="ch-session-note" data-ch="no-incidents">{labels.noIncidents}</p>
      ) : (
        <ol>
          {list.map((incident) => {
            const time = clockTime(incident.at);
            return (
              <li key={incident.id} data-ch="incident" data-incident={incident.id} data-complete={incident.complete}>
                <time dateTime={new Date(incident.at).toISOString()}>{time}</time>
                <span class="ch-incident-reasons">
                  {incident.reasons.map((r) => metricLabel(r, labels)).join(', ')}
                  {!incident.complete && <span class="ch-incident-open"> ({labels.incidentOpen})</span>}
                </span>
                <button
                  type="button"
                  class="ch-button"
                  data-ch="export-incident"
                  aria-label={fill(labels.incidentExportName, { value: time })}
                  onClick={(e) => save(e.currentTarget.ownerDocument, incident)}
                >
                  {labels.incidentExport}
                </button>
              </li>
            );
          })}
        </ol>
      )}
      {dropped > 0 && <p class="ch-session-note">{fill(labels.incidentsDropped, { value: String(dropped) })}</p>}
    </div>
  );
}
