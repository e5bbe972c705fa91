import { useEffect, useMemo, useRef } from 'preact/hooks';
import { Widget } from '../ui/Widget';
import { createWidget, type CallHealthOptions } from './create-widget';
import { apiOf, type CallHealthApi } from './session';

export interface CallHealthProps extends CallHealthOptions {
  /**
   * Called with the widget's API (assessment, summary, exportSession) once it is monitoring, and with a new
   * one when a new call, source or window option rebuilds it. The component has no ref: this is the handle.
   */
  onReady?: (api: CallHealthApi) => void;
}

/**
 * The Preact component: `<CallHealth call={callObject} />` or `<CallHealth source={…} />`. The monitor
 * is built once per call/source and set of window options; it starts on mount and stops on unmount.
 */
export function CallHealth(props: CallHealthProps) {
  const { call, source, intervalMs, windowMs, minSamples, staleAfterMs, announceDelayMs } = props;
  const mode = props.mode ?? 'badge';
  const onState = useRef(props.onStateChange);
  onState.current = props.onStateChange;
  const onReady = useRef(props.onReady);
  onReady.current = props.onReady;
  // Hosts often pass object literals; compare them by content so a re-render doesn't restart monitoring.
  const thresholdsKey = JSON.stringify(props.thresholds ?? null);
  const labelsKey = JSON.stringify(props.labels ?? null);

  const widget = useMemo(
    () => createWidget({ ...props, mode, onStateChange: (a) => onState.current?.(a) }),
    // Only what changes the monitor or the strings rebuilds it; mode/theme/position are applied in place.
    [call, source, intervalMs, windowMs, minSamples, staleAfterMs, thresholdsKey, labelsKey, announceDelayMs, props.roomUrl],
  );
  useEffect(() => {
    const stop = widget.start();
    const { monitor, session } = widget;
    onReady.current?.(apiOf(monitor, session));
    return stop;
  }, [widget]);

  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    widget.store.open.value = mode === 'panel';
    widget.store.expanded.value = mode === 'panel';
  }, [mode, widget]);

  return <Widget store={widget.store} mode={mode} position={props.position ?? 'inline'} theme={props.theme ?? 'auto'} session={widget.session} />;
}
