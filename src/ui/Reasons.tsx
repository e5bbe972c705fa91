import type { HealthStore } from './store';
import { explain } from './view';

/** What the badge means right now, one sentence per reason with its value, and what to do about it. */
export function Reasons({ store }: { store: HealthStore }) {
  const items = explain(store.snapshot.value, store.labels, Date.now(), store.recovering.value);
  return (
    <ul class="ch-reasons">
      {items.map((e) => (
        <li key={e.key} class="ch-reason" data-reason={e.key} data-level={e.level}>
          <span class="ch-reason-text">{e.text}</span>
          {e.action && <span class="ch-reason-action">{e.action}</span>}
        </li>
      ))}
    </ul>
  );
}
