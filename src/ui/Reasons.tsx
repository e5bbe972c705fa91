import { useComputed } from '@preact/signals';
import { useRef } from 'preact/hooks';
import type { HealthStore } from './store';
import { explain, type Explanation } from './view';

const same = (a: Explanation[], b: Explanation[]) =>
  a.length === b.length && a.every((e, i) => e.key === b[i]?.key && e.level === b[i]?.level && e.text === b[i]?.text && e.action === b[i]?.action);

/** What the badge means right now, one sentence per reason with its value, and what to do about it. */
export function Reasons({ store }: { store: HealthStore }) {
  const last = useRef<Explanation[]>([]);
  // The previous list is kept while every sentence is unchanged, so a poll that changes none re-renders nothing.
  const items = useComputed(() => {
    const next = explain(store.snapshot.value, store.labels, Date.now(), store.recovering.value);
    return same(last.current, next) ? last.current : (last.current = next);
  }).value;
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
