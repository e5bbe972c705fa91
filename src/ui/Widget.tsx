// The stylesheet rides with the view (the package marks only CSS as side-effectful, so a barrel import
// would be dropped); library builds extract it to dist/call-health.css.
import './call-health.css';
import { useEffect, useRef, useState } from 'preact/hooks';
import { Badge } from './Badge';
import { LazyPanel } from './LazyPanel';
import { Reasons } from './Reasons';
import type { WidgetSession } from './widget-session';
import type { HealthStore } from './store';
import { systemPrefersDark, watchColorScheme } from './theme';

export type Mode = 'badge' | 'panel';
export type Position = 'inline' | 'top-left' | 'top-right' | 'bottom-left' | 'bottom-right';
export type Theme = 'auto' | 'light' | 'dark';

export interface ViewProps {
  store: HealthStore;
  mode: Mode;
  position: Position;
  theme: Theme;
  /** The call's record; the expanded panel shows its summary, incidents and downloads. */
  session?: WidgetSession;
}

let nextId = 0;

/** The widget: the badge, and when open its reasons and (expanded or in panel mode) the graphs. */
export function Widget({ store, mode, position, theme, session }: ViewProps) {
  const idRef = useRef(`call-health-${++nextId}`);
  const rootRef = useRef<HTMLDivElement>(null);
  const detailsId = `${idRef.current}-details`;
  const { labels } = store;

  // 'auto' is resolved here rather than in a CSS media query, so the stylesheet holds one dark palette.
  const [systemDark, setSystemDark] = useState(systemPrefersDark);
  useEffect(() => watchColorScheme(setSystemDark), []);
  const scheme = theme === 'auto' ? (systemDark ? 'dark' : 'light') : theme;
  // A new scheme swaps the variables under the canvases: repaint them after the attribute lands.
  useEffect(() => {
    store.themeVersion.value++;
  }, [scheme, store]);

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'Escape' || !store.open.value) return;
    store.open.value = false;
    rootRef.current?.querySelector<HTMLButtonElement>('.ch-pill')?.focus();
  };

  const open = store.open.value;
  const expanded = store.expanded.value;
  return (
    <div
      ref={rootRef}
      class="call-health"
      data-mode={mode}
      data-position={position}
      data-theme={theme === 'auto' ? undefined : theme}
      data-scheme={scheme}
      data-open={open}
      data-expanded={open && expanded}
      onKeyDown={onKeyDown}
    >
      <Badge store={store} detailsId={detailsId} />
      <div class="ch-details" id={detailsId} aria-live="off" hidden={!open}>
        {open && (
          <>
            <Reasons store={store} />
            <p class="ch-scope">{labels.scope}</p>
            <div class="ch-actions">
              <button
                type="button"
                class="ch-button"
                aria-expanded={expanded}
                data-ch="toggle-graphs"
                onClick={() => (store.expanded.value = !expanded)}
              >
                {expanded ? labels.hideGraphs : labels.showGraphs}
              </button>
              <button type="button" class="ch-button ch-close" data-ch="close" onClick={() => closeAndFocus(store, rootRef.current)}>
                {labels.close}
              </button>
            </div>
            {expanded && <LazyPanel store={store} session={session} />}
          </>
        )}
      </div>
    </div>
  );
}

function closeAndFocus(store: HealthStore, root: HTMLElement | null): void {
  store.open.value = false;
  root?.querySelector<HTMLButtonElement>('.ch-pill')?.focus();
}
