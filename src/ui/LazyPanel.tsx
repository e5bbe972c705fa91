import { useEffect, useState } from 'preact/hooks';
import type { Panel as PanelComponent } from './Panel';
import type { WidgetSession } from './widget-session';
import { withValidLanguage } from './locale-guard';
import type { HealthStore } from './store';

// The graphs (uPlot) and the session view load on first use, as their own chunk: a page that only shows the
// badge — what end users see — never downloads them. One import is shared by every widget on the page.
let loading: Promise<typeof PanelComponent> | null = null;
const loadPanel = () =>
  (loading ??= withValidLanguage(() => import('./Panel')).then(
    (m) => m.Panel,
    (err: unknown) => {
      loading = null; // a later opening (or Try again) loads afresh: a flaky network, a redeploy
      throw err;
    },
  ));

/** Loads the panel's code ahead of its first opening (a QA page that wants graphs without the wait). */
export function preloadPanel(): Promise<void> {
  return loadPanel().then(() => undefined);
}

export function LazyPanel({ store, session }: { store: HealthStore; session?: WidgetSession | undefined }) {
  const [Panel, setPanel] = useState<typeof PanelComponent | null>(null);
  const [failed, setFailed] = useState(false);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let mounted = true;
    loadPanel().then(
      (p) => mounted && setPanel(() => p),
      // A chunk that fails to load (offline, blocked) must not take the badge down with it, nor leave
      // "Loading graphs…" up for ever: say so, and offer to try again.
      () => mounted && setFailed(true),
    );
    return () => {
      mounted = false;
    };
  }, [attempt]);
  if (Panel) return <Panel store={store} session={session} />;
  if (failed) {
    return (
      <p class="ch-loading" data-ch="graphs-failed">
        {store.labels.graphsFailed}{' '}
        <button
          type="button"
          class="ch-button"
          data-ch="retry-graphs"
          onClick={() => {
            setFailed(false);
            setAttempt(attempt + 1);
          }}
        >
          {store.labels.retry}
        </button>
      </p>
    );
  }
  return <p class="ch-loading" data-ch="loading-graphs">{store.labels.loadingGraphs}</p>;
}
