import { Monitor, type StatsSource } from '../core/live/monitor';
import type { ThresholdOverrides } from '../core/thresholds';
import type { Assessment } from '../core/live/window';
import { dailyStatsSource, watchDailyCall, type DailyCallLike } from '../sources/daily';
import { bindContext } from '../sources/context';
import { resolveLabels, type LabelOverrides } from '../ui/labels';
import type { Mode, Position, Theme } from '../ui/Widget';
import { createHealthStore, type HealthStore } from '../ui/store';
import { labelsForLacks } from '../ui/lacks';
import { type WidgetSession } from '../ui/widget-session';
import { provenanceOf } from '../ui/provenance';
import { startWidgetSession, sourceLacks } from './session';

/** Options shared by every embedding (component, mount function, custom element). */
export interface CallHealthOptions {
  /** A daily-js call object or Prebuilt frame. Polled only while joined. */
  call?: DailyCallLike;
  /** Anything with Daily's `getNetworkStats()` (a WebRTC or replay source). Used when `call` is absent. */
  source?: StatsSource;
  intervalMs?: number;
  windowMs?: number;
  minSamples?: number;
  staleAfterMs?: number;
  thresholds?: ThresholdOverrides;
  /** 'badge' (default): the pill, opening to reasons. 'panel': opened with the graphs. */
  mode?: Mode;
  /** 'inline' (default), or docked in a corner of the nearest positioned ancestor (over the call frame). */
  position?: Position;
  labels?: LabelOverrides;
  /** 'auto' (default) follows prefers-color-scheme. */
  theme?: Theme;
  /** How long a state must hold before the live region announces it (ms, default 3000). */
  announceDelayMs?: number;
  /** Called when the computed networkState changes (not on every poll). */
  onStateChange?: (assessment: Assessment) => void;
  /**
   * The room, for exports. Only scheme, host and path are ever written (no `?t=` token). The widget can't
   * read it from a daily-js call object (its types don't expose the URL), so pass it when you want it.
   */
  roomUrl?: string;
}

export const DEFAULT_ANNOUNCE_DELAY_MS = 3_000;

/**
 * A monitor for the options' call or source, not yet running. `start()` binds it (Daily events or the
 * source's context) and returns the function that undoes exactly that.
 */
export function createMonitorFor(o: CallHealthOptions): { monitor: Monitor; start: () => () => void } {
  const windowOptions = {
    intervalMs: o.intervalMs,
    windowMs: o.windowMs,
    minSamples: o.minSamples,
    staleAfterMs: o.staleAfterMs,
    thresholds: o.thresholds,
  };
  const call = o.call;
  if (call) {
    // monitorDailyCall, split so nothing is bound before the widget is actually mounted.
    const monitor = new Monitor({ ...windowOptions, source: dailyStatsSource(call), readReported: true });
    return { monitor, start: () => watchDailyCall(call, monitor) };
  }
  const source = o.source;
  if (!source) throw new TypeError('call-health: pass `call` (a daily-js call object) or `source`');
  // A source may carry a verdict of its own (a replayed Daily trace does); a plain one simply has none.
  const monitor = new Monitor({ ...windowOptions, source, readReported: source.hasOwnVerdict !== false });
  return {
    monitor,
    start: () => {
      const unbind = bindContext(source, monitor);
      monitor.start();
      return () => {
        unbind();
        monitor.stop();
      };
    },
  };
}

/** The monitor and the widget's store for a set of options; `start()` begins monitoring and returns its undo. */
export function createWidget(o: CallHealthOptions): { store: HealthStore; monitor: Monitor; session: WidgetSession; start: () => () => void } {
  const { monitor, start } = createMonitorFor(o);
  const sessionControl = startWidgetSession(monitor, o);
  const store = createHealthStore(monitor, {
    // A replayed /logs response has no RTT, jitter or send loss: those rows say so rather than blame the browser.
    labels: labelsForLacks(resolveLabels(o.labels), sourceLacks(o.call ? undefined : o.source), o.labels?.missingWhy),
    // Why a metric is n/a: this browser's gap for a call, the recording's for a replay (see ui/provenance.ts).
    provenance: provenanceOf(o.call ? undefined : o.source),
    announceDelayMs: o.announceDelayMs ?? DEFAULT_ANNOUNCE_DELAY_MS,
    open: o.mode === 'panel',
    expanded: o.mode === 'panel',
    onStateChange: o.onStateChange,
  });
  return {
    store,
    monitor,
    session: sessionControl.session,
    start: () => {
      sessionControl.resume();
      const stop = start();
      return () => {
        // Unsubscribe first: stopping emits once more, and nothing should react to a widget going away.
        store.dispose();
        stop();
        // After stop(): the record closes at the moment monitoring ended, and stays exportable.
        sessionControl.stop();
      };
    },
  };
}
