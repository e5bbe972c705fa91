import { useComputed } from '@preact/signals';
import { useRef } from 'preact/hooks';
import type { HealthStore } from './store';
import type { Explanation } from './status';

// The list's shape: which sentences, at which level, with which advice. Values are not part of it.
const sameShape = (a: Explanation[], b: Explanation[]) =>
  a.length === b.length && a.every((e, i) => e.key === b[i]?.key && e.level === b[i]?.level && e.action === b[i]?.action);

/** What the badge means right now, one sentence per reason with its value, and what to do about it. */
export function Reasons({ store }: { store: HealthStore }) {
  const last = useRef<Explanation[]>([]);
  // The list re-renders only on a new shape; a poll that only moves a value rewrites that sentence's text.
  const items = useComputed(() => {
    const next = store.reasons.value;
    return sameShape(last.current, next) ? last.current : (last.current = next);
  }).value;
  return (
    <ul class="ch-reasons">
      {items.map((e) => (
        <li key={e.key} class="ch-reason" data-reason={e.key} data-level={e.level}>
          <ReasonText store={store} reason={e.key} />
          {e.action && <span class="ch-reason-action">{e.action}</span>}
        </li>
      ))}
    </ul>
  );
}

/** One sentence, bound as a text node to its own computed: a new value writes the text, nothing re-renders. */
function ReasonText({ store, reason }: { store: HealthStore; reason: string }) {
  const text = useComputed(() => store.reasons.value.find((e) => e.key === reason)?.text ?? '');
  return <span class="ch-reason-text">{text}</span>;
}
