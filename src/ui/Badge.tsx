import type { HealthStore } from './store';
import { StateIcon } from './Icon';

/**
 * The pill. Its root is the polite live region (`role="status"`), but only the debounced announcement
 * lives in it: the visible word sits in an `aria-live="off"` button, so a flickering state is shown at
 * once yet spoken only once it has held.
 */
export function Badge({ store, detailsId }: { store: HealthStore; detailsId: string }) {
  const { labels } = store;
  return (
    <div class="ch-badge" role="status" aria-atomic="false" data-state={store.state} data-kind={store.kind}>
      <span class="ch-sr-only" data-ch="announcement">
        {store.announcement}
      </span>
      <button
        type="button"
        class="ch-pill"
        aria-live="off"
        aria-expanded={store.open}
        aria-controls={detailsId}
        onClick={() => (store.open.value = !store.open.value)}
      >
        <StateIcon kind={store.kind} />
        <span class="ch-sr-only">{labels.title}: </span>
        <span class="ch-pill-text">{store.text}</span>
      </button>
    </div>
  );
}
