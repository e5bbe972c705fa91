import { batch, computed, signal, type ReadonlySignal, type Signal } from '@preact/signals';
import type { Monitor, Snapshot } from '../core/live/monitor';
import type { Thresholds } from '../core/thresholds';
import type { Assessment, NetworkState } from '../core/live/window';
import { createAnnouncer } from './announcer';
import type { Labels } from './labels';
import { provenanceOf, type Provenance } from './provenance';
import type { MetricSamples } from './series';
import { badgeKind, badgeState, badgeText, explain, stillRecovering, type BadgeKind, type Explanation } from './status';

export interface StoreOptions {
  labels: Labels;
  /** How long a state must hold before the live region announces it (ms). */
  announceDelayMs: number;
  open: boolean;
  expanded: boolean;
  onStateChange?: (assessment: Assessment) => void;
  /**
   * Where the figures come from, for saying why a metric is n/a: `provenanceOf(source)` for a `source`
   * (a replay is a recording), omitted for a call — live in this browser.
   */
  provenance?: Provenance;
}

/**
 * The widget's state: one monitor subscription turned into what the components show. Components read this
 * model only — signals of the verdict and its words, the window's length and bounds, each row's series —
 * never the monitor or its ring.
 */
export interface HealthStore {
  readonly labels: Labels;
  /** The rolling window's length (ms): the panel's "over the last …" and the sparklines' time axis. */
  readonly windowMs: number;
  /** The bounds each graded metric is judged against: the sparklines' bands. */
  readonly thresholds: Readonly<Thresholds>;
  /** The window's samples, read-only: each row refills its series from them (`seriesOf`). */
  readonly samples: MetricSamples;
  /** A live call in this browser, or a replayed recording (see provenance.ts). */
  readonly provenance: Provenance;
  readonly snapshot: Signal<Snapshot>;
  /** Bumps with every poll; sparklines redraw on it. */
  readonly tick: Signal<number>;
  /** False while the page is hidden: canvases skip drawing and catch up when it returns. */
  readonly visible: Signal<boolean>;
  /** Bumps when the colour scheme changes; canvases repaint on it. */
  readonly themeVersion: Signal<number>;
  /** Between a reconnection and the first fresh sample (the badge keeps saying Reconnecting…). */
  readonly recovering: ReadonlySignal<boolean>;
  readonly kind: ReadonlySignal<BadgeKind>;
  readonly state: ReadonlySignal<NetworkState>;
  readonly text: ReadonlySignal<string>;
  /** The sentences under the badge: worked out once per poll for the list and the live region alike. */
  readonly reasons: ReadonlySignal<Explanation[]>;
  /** The live region's text: changes only after a state has held (see announcer). */
  readonly announcement: Signal<string>;
  readonly open: Signal<boolean>;
  readonly expanded: Signal<boolean>;
  dispose(): void;
}

export function createHealthStore(monitor: Monitor, o: StoreOptions): HealthStore {
  const snapshot = signal(monitor.snapshot());
  const tick = signal(0);
  const announcement = signal('');
  const recovering = signal(stillRecovering(snapshot.value, false));
  const kind = computed(() => badgeKind(snapshot.value, recovering.value));
  const text = computed(() => badgeText(kind.value, o.labels));
  const reasons = computed(() => explain(snapshot.value, o.labels, Date.now(), recovering.value));
  const announcer = createAnnouncer(o.announceDelayMs, (t) => (announcement.value = t));
  let lastState: NetworkState = snapshot.value.assessment.networkState;

  const unsubscribe = monitor.subscribe((snap, event) => {
    batch(() => {
      snapshot.value = snap;
      recovering.value = event === 'reset' ? false : stillRecovering(snap, recovering.value);
      if (event === 'sample' || event === 'reset') tick.value++;
    });
    const k = kind.value;
    const first = reasons.value[0];
    // "Measuring…" is a passing state: announcing it would only be noise before the real verdict.
    announcer.propose(k === 'measuring' ? null : k, `${o.labels.title}: ${text.value}.${first ? ` ${first.text}` : ''}`);
    const state = snap.assessment.networkState;
    if (state !== lastState) {
      lastState = state;
      o.onStateChange?.(snap.assessment);
    }
  });

  const doc = typeof document === 'undefined' ? null : document;
  const visible = signal(doc ? !doc.hidden : true);
  const onVisibility = () => {
    visible.value = !doc?.hidden;
    // Timers are throttled in a hidden tab: re-assess at once so a stale verdict never lingers on return.
    if (visible.value) monitor.refresh();
  };
  doc?.addEventListener('visibilitychange', onVisibility);

  return {
    labels: o.labels,
    windowMs: monitor.window.windowMs,
    thresholds: monitor.window.thresholds,
    samples: monitor.window,
    provenance: o.provenance ?? provenanceOf(undefined),
    visible,
    snapshot,
    tick,
    recovering,
    themeVersion: signal(0),
    kind,
    state: computed(() => badgeState(kind.value)),
    text,
    reasons,
    announcement,
    open: signal(o.open),
    expanded: signal(o.expanded),
    dispose() {
      unsubscribe();
      doc?.removeEventListener('visibilitychange', onVisibility);
      announcer.dispose();
    },
  };
}
