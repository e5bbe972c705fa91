import { computed, useComputed, type ReadonlySignal } from '@preact/signals';
import { useMemo, useRef } from 'preact/hooks';
import type { HealthStore } from './store';
import type { Explanation } from './view';

// The list's shape: which sentences, at which level, with which advice. Values are not part of it.
const sameShape = (a: Explanation[], b: Explanation[]) =>
  a.length === b.length && a.every((e, i) => e.key === b[i]?.key && e.level === b[i]?.level && e.action === b[i]?.action);

/** What the badge means right now, one sentence per reason with its value, and what to do about it. */
export function Reasons({ store }: { store: HealthStore }) {
  const last = useRef<Explanation[]>([]);
  // A poll that only changes a value rewrites that sentence's text node; the list re-renders on a new shape.
  const items = useComputed(() => {
    const next = store.reasons.value;
    return sameShape(last.current, next) ? last.current : (last.current = next);
  }).value;
  const texts = useMemo(() => new Map<string, ReadonlySignal<string>>(), [store]);
  const textOf = (key: string) => {
    let t = texts.get(key);
    if (!t) texts.set(key, (t = computed(() => store.reasons.value.find((e) => e.key === key)?.text ?? '')));
    return t;
  };
  return (
    <ul class="ch-reasons">
      {items.map((e) => (
        <li key={e.key} class="ch-reason" data-reason={e.key} data-level={e.level}>
          <span class="ch-reason-text">{textOf(e.key)}</span>
          {e.action && <span class="ch-reason-action">{e.action}</span>}
        </li>
      ))}
    </ul>
  );
}
