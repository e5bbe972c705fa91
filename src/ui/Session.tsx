import { useComputed } from '@preact/signals';
import { useRef, useState } from 'preact/hooks';
import type { SessionSummary } from '../core/session/summary';
import { saveText } from './download';
import { Incidents } from './Incidents';
import { type WidgetSession } from './widget-session';
import { fileStamp } from './session-text';
import { SessionSummaryView } from './SessionSummary';
import type { HealthStore } from './store';

// A summary walks the whole record (≈ 70 ms for 12 h of samples): recompute it at most once per this many
// times its own cost, so a long call's open panel stays under ~2 % of a core. Short calls update every poll.
const COST_FACTOR = 50;

let nextId = 0;

/**
 * The panel's record of the whole call: collapsed by default, so a panel that nobody reads costs nothing
 * beyond the recording itself. Opened, it shows the summary, the incidents and the downloads.
 */
export function Session({ store, session }: { store: HealthStore; session: WidgetSession }) {
  const [open, setOpen] = useState(false);
  const id = useRef(`ch-session-${++nextId}`).current;
  return (
    <section class="ch-session" data-ch="session">
      <h3 class="ch-session-title">
        <button type="button" class="ch-session-toggle" aria-expanded={open} aria-controls={id} data-ch="session-toggle" onClick={() => setOpen(!open)}>
          <span aria-hidden="true" class="ch-chevron">{open ? '▾' : '▸'}</span> {store.labels.session}
        </button>
      </h3>
      {open && <SessionBody id={id} store={store} session={session} />}
    </section>
  );
}

function SessionBody({ id, store, session }: { id: string; store: HealthStore; session: WidgetSession }) {
  const { labels } = store;
  const summary = useThrottledSummary(store, session);
  const download = (doc: Document, kind: 'json' | 'csv') => {
    const stamp = fileStamp(summary.startedAt);
    if (kind === 'json') saveText(doc, `call-health-session-${stamp}.json`, JSON.stringify(session.exportSession()), 'application/json');
    else saveText(doc, `call-health-samples-${stamp}.csv`, session.samplesCsv(), 'text/csv');
  };
  return (
    <div id={id} class="ch-session-body">
      <SessionSummaryView summary={summary} labels={labels} windowMs={store.windowMs} />
      <Incidents store={store} session={session} />
      <div class="ch-actions">
        <button type="button" class="ch-button" data-ch="download-json" onClick={(e) => download(e.currentTarget.ownerDocument, 'json')}>
          {labels.downloadJson}
        </button>
        <button type="button" class="ch-button" data-ch="download-csv" onClick={(e) => download(e.currentTarget.ownerDocument, 'csv')}>
          {labels.downloadCsv}
        </button>
      </div>
    </div>
  );
}

function useThrottledSummary(store: HealthStore, session: WidgetSession): SessionSummary {
  const last = useRef<{ summary: SessionSummary; at: number; cost: number } | null>(null);
  const summary = useComputed(() => {
    void store.tick.value;
    void store.snapshot.value.active; // left-meeting closes the record without a new sample
    const now = performance.now();
    const prev = last.current;
    if (prev && now - prev.at < prev.cost * COST_FACTOR) return prev.summary;
    const next = session.summary();
    last.current = { summary: next, at: now, cost: performance.now() - now };
    return next;
  });
  return summary.value;
}
