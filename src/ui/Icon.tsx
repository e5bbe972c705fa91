import { useComputed, type ReadonlySignal } from '@preact/signals';
import type { BadgeKind } from './status';

/** Shape per state, so the badge never relies on colour alone. Drawn with currentColor. */
const PATHS: Record<BadgeKind, readonly string[]> = {
  good: ['M8 1.5a6.5 6.5 0 1 1 0 13a6.5 6.5 0 1 1 0-13', 'M4.8 8.3l2.2 2.2 4.2-4.6'],
  warning: ['M8 1.8l6.6 11.7H1.4z', 'M8 6.2v3.4', 'M8 11.4v.4'],
  bad: ['M8 1.5a6.5 6.5 0 1 1 0 13a6.5 6.5 0 1 1 0-13', 'M5.6 5.6l4.8 4.8', 'M10.4 5.6l-4.8 4.8'],
  measuring: ['M8 1.5a6.5 6.5 0 1 1-6.5 6.5'],
  'no-data': ['M8 1.5a6.5 6.5 0 1 1 0 13a6.5 6.5 0 1 1 0-13', 'M5 8h6'],
  reconnecting: ['M13.5 8a5.5 5.5 0 1 1-1.6-3.9', 'M12.2 1.6v2.8H9.4'],
  // A broken link: two chain halves apart.
  lost: ['M6.5 9.5L4.2 11.8a2.2 2.2 0 0 1-3.1-3.1L3.4 6.4', 'M9.5 6.5l2.3-2.3a2.2 2.2 0 0 1 3.1 3.1l-2.3 2.3', 'M6 2v2M2 6h2M10 14v-2M14 10h-2'],
};

const STROKE = { fill: 'none', stroke: 'currentColor', 'stroke-width': '1.8', 'stroke-linecap': 'round', 'stroke-linejoin': 'round' } as const;

/**
 * Bound to the kind signal: a change of state rewrites the class and the three paths' attributes in place
 * instead of re-rendering the badge. A kind with fewer paths leaves the rest without a `d` (drawn as nothing).
 */
export function StateIcon({ kind }: { kind: ReadonlySignal<BadgeKind> }) {
  const cls = useComputed(() => `ch-icon ch-icon-${kind.value}`);
  const d0 = useComputed(() => PATHS[kind.value][0]);
  const d1 = useComputed(() => PATHS[kind.value][1]);
  const d2 = useComputed(() => PATHS[kind.value][2]);
  return (
    <svg class={cls} viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
      <path d={d0} {...STROKE} />
      <path d={d1} {...STROKE} />
      <path d={d2} {...STROKE} />
    </svg>
  );
}
