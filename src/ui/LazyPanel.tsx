import { useEffect, useState } from 'preact/hooks';
import type { Panel as PanelComponent } from './Panel';
import type { WidgetSession } from './session-view';
import type { HealthStore } from './store';

// The graphs (uPlot) and the session view load on first use, as their own chunk: a page that only shows the
// badge — what end users see — never downloads them. One import is shared by every widget on the page.
let loading: Promise<typeof PanelComponent> | null = null;
const loadPanel = () => (loading ??= import('./Panel').then((m) => m.Panel));

/** Loads the panel's code ahead of its first opening (a QA page that wants graphs without the wait). */
export function preloadPanel(): Promise<void> {
  return loadPanel().then(() => undefined);
}

export function LazyPanel({ store, session }: { store: HealthStore; session?: WidgetSession | undefined }) {
  const [Panel, setPanel] = useState<typeof PanelComponent | null>(null);
  useEffect(() => {
    let mounted = true;
    loadPanel().then(
      (p) => mounted && setPanel(() => p),
      // A chunk that fails to load (offline, blocked) must not take the badge down with it.
      () => mounted && setPanel(null),
    );
    return () => {
      mounted = false;
    };
  }, []);
  if (!Panel) return <p class="ch-loading" data-ch="loading-graphs">{store.labels.loadingGraphs}</p>;
  return <Panel store={store} session={session} />;
}
