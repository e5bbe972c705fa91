import { useComputed } from '@preact/signals';
import type { HealthStore } from './store';
import { explain } from './view';

/** What the badge means right now, one sentence per reason with its value, and what to do about it. */
export function Reasons({ store }: { store: HealthStore }) {
  const items = useComputed(() => explain(store.snapshot.value, store.labels, Date.now(), store.recovering.value));
  // Re-render only when a sentence changes, not on every poll that leaves them as they were.
  const key = useComputed(() => items.value.map((e) => `${e.key}\u0000${e.level}\u0000${e.text}\u0000${e.action}`).join('\u0001'));
  void key.value;
  return (
    <ul class="ch-reasons">
      {items.peek().map((e) => (
        <li key={e.key} class="ch-reason" data-reason={e.key} data-level={e.level}>
          <span class="ch-reason-text">{e.text}</span>
          {e.action && <span class="ch-reason-action">{e.action}</span>}
        </li>
      ))}
    </ul>
  );
}
