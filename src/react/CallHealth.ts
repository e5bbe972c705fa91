import {
  createElement,
  forwardRef,
  useCallback,
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
  type CSSProperties,
  type DetailedHTMLProps,
  type ForwardedRef,
  type HTMLAttributes,
} from 'react';
import type { StatsSource } from '../core/live/monitor';
import type { Assessment } from '../core/live/window';
import type { DailyCallLike } from '../sources/daily';
import {
  defineCallHealthElement,
  type CallHealthElement,
  type CallHealthElementAttributes,
  type CallHealthStateChangeEvent,
} from '../embed/element';
import type { CallHealthOptions } from '../embed/create-widget';

/**
 * `<CallHealth>`'s props: every option of the widget, plus the host element's `className`, `style` and `id`.
 * Object props (`labels`, `thresholds`) may be written inline: they are compared by content, and a new
 * `onStateChange` function on every render is fine (the latest one is called).
 */
export interface CallHealthProps extends Omit<CallHealthOptions, 'call' | 'source'> {
  /** A daily-js call object (`useDaily()`, which is null before the call exists, can be passed as is). */
  call?: DailyCallLike | null;
  /** Anything with Daily's `getNetworkStats()`; used when `call` is absent. */
  source?: StatsSource | null;
  /** Class of the `<call-health>` host element. */
  className?: string;
  style?: CSSProperties;
  id?: string;
}

// Layout effect in the browser (the widget is there before the first paint); nothing runs on a server.
const useClientLayoutEffect = typeof document === 'undefined' ? useEffect : useLayoutEffect;

/**
 * The React component: renders the `<call-health>` custom element (registered on first use, only in the
 * browser) and hands it `call`, `source` and the options as properties. A parent re-render with equal
 * props changes nothing — the widget keeps measuring; a different call or source, or options of different
 * content, remount it. The ref is the element: `assessment()`, `summary()`, `exportSession()`.
 */
export const CallHealth = forwardRef(function CallHealth(props: CallHealthProps, forwarded: ForwardedRef<CallHealthElement>) {
  const { call, source, className, style, id, ...options } = props;
  const element = useRef<CallHealthElement | null>(null);
  const ref = useCallback(
    (el: CallHealthElement | null) => {
      element.current = el;
      if (typeof forwarded === 'function') forwarded(el);
      else if (forwarded) forwarded.current = el;
    },
    [forwarded],
  );

  // Every render: the element compares what it is given and remounts only on a real change.
  useClientLayoutEffect(() => {
    defineCallHealthElement();
    const el = element.current;
    if (!el) return;
    const target = call ?? source ?? null;
    if ((el.call ?? el.source) !== target) {
      // Another call or source: unmount first, so the new options and the new target mount once.
      el.source = null;
      el.call = null;
    }
    el.options = options;
    el.call = call ?? null;
    el.source = source ?? null;
  });

  return createElement('call-health', { ref, className, style, id });
});
CallHealth.displayName = 'CallHealth';

export interface UseCallHealth {
  /** Pass it to `<CallHealth ref={ref}>` (or a `<call-health>` element). */
  ref: (element: CallHealthElement | null) => void;
  /** The element once rendered (its `exportSession()`, `summary()`, …); null before. */
  element: CallHealthElement | null;
  /** The latest verdict: read when the element appears, then updated on every `statechange`; null before. */
  assessment: Assessment | null;
}

/**
 * The widget's verdict as React state, for the rest of the UI (a banner, a "switch to audio" hint):
 * `const health = useCallHealth(); … <CallHealth ref={health.ref} call={call} />; health.assessment?.networkState`.
 */
export function useCallHealth(): UseCallHealth {
  const [element, setElement] = useState<CallHealthElement | null>(null);
  const [assessment, setAssessment] = useState<Assessment | null>(null);
  useEffect(() => {
    if (!element) {
      setAssessment(null);
      return;
    }
    // Layout effects (the component's mount) ran before this one: a running widget has a verdict to read.
    setAssessment(typeof element.assessment === 'function' ? element.assessment() : null);
    const onChange = (e: CallHealthStateChangeEvent) => setAssessment(e.detail);
    element.addEventListener('statechange', onChange);
    return () => element.removeEventListener('statechange', onChange);
  }, [element]);
  return { ref: setElement, element, assessment };
}

/** `<call-health>` in React 19's JSX (which sets `call`, `source` and `options` as properties). */
export type CallHealthIntrinsicProps = Omit<
  DetailedHTMLProps<HTMLAttributes<CallHealthElement>, CallHealthElement>,
  keyof CallHealthElementAttributes
> &
  CallHealthElementAttributes;

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'call-health': CallHealthIntrinsicProps;
    }
  }
}
