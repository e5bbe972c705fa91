import type { StatsSource } from '../core/live/monitor';
import type { SessionExport } from '../core/session/export';
import type { SessionSummary } from '../core/session/summary';
import type { Assessment } from '../core/live/window';
import type { DailyCallLike } from '../sources/daily';
import type { Mode, Position, Theme } from '../ui/Widget';
import { sameOptionValue } from './equal';
import { mountCallHealth, updateView, type CallHealthHandle } from './mount';
import type { CallHealthOptions } from './create-widget';
import type { Ref as PreactRef } from 'preact';

/** Every option but the call or source, which the element takes as properties of their own. */
export type CallHealthElementOptions = Omit<CallHealthOptions, 'call' | 'source'>;

/** The `statechange` event: dispatched (not bubbling) when the computed networkState changes. */
export type CallHealthStateChangeEvent = CustomEvent<Assessment>;

/** `<call-health>`: set `call` (or `source`) as a property; the rest as attributes or the `options` property. */
export interface CallHealthElement extends HTMLElement {
  /** Setting the same call object again changes nothing. */
  call: DailyCallLike | null;
  /** Used when `call` is null. Setting the same source object again changes nothing. */
  source: StatsSource | null;
  /**
   * Any other option (labels, thresholds, …). Attributes win over the same key here. Compared by content:
   * an equal object (a fresh literal on every render) changes nothing, and `onStateChange` may be a new
   * function each time — the latest one is called, without remounting.
   */
  options: CallHealthElementOptions;
  /** The verdict right now; null while not monitoring. */
  assessment(): Assessment | null;
  /** The current call's record, or once removed the last one (closed); null if it never mounted. A remount starts a new one. */
  exportSession(): SessionExport | null;
  summary(): SessionSummary | null;
  sessionBytes(): number | null;
}

const ATTRIBUTES = ['mode', 'position', 'theme', 'interval-ms', 'window-ms'] as const;
const MODES: readonly Mode[] = ['badge', 'panel'];
const POSITIONS: readonly Position[] = ['inline', 'top-left', 'top-right', 'bottom-left', 'bottom-right'];
const THEMES: readonly Theme[] = ['auto', 'light', 'dark'];

/** What the widget is mounted with: the call or source (by identity) and the effective options (by content). */
interface Mounted {
  target: DailyCallLike | StatsSource;
  options: CallHealthElementOptions;
}

/**
 * Registers the custom element (once; later calls are no-ops). It renders in light DOM so the page's
 * `call-health.css` styles it, mounts when connected with a call or source, remounts when what it
 * monitors or shows really changes (a different call or source object, options or attributes of different
 * content; a new mode, position or theme alone is applied in place, measuring on), and tears everything
 * down when removed. State changes are dispatched as a `statechange`
 * CustomEvent with the assessment as `detail`.
 *
 * Safe to call anywhere, also at module scope of server-rendered code: where there is no `customElements`
 * or `HTMLElement` (Node, a worker) it does nothing, and the element class is only created where it can be.
 */
export function defineCallHealthElement(tagName = 'call-health'): void {
  if (typeof customElements === 'undefined' || typeof HTMLElement === 'undefined') return;
  if (customElements.get(tagName)) return;
  customElements.define(tagName, createElementClass());
}

function createElementClass(): CustomElementConstructor {
  return class Element extends HTMLElement implements CallHealthElement {
    static observedAttributes = ATTRIBUTES;
    private handle: CallHealthHandle | null = null;
    private lastHandle: CallHealthHandle | null = null;
    private mounted: Mounted | null = null;
    private _call: DailyCallLike | null = null;
    private _source: StatsSource | null = null;
    private _options: CallHealthElementOptions = {};

    constructor() {
      super();
      // A property set before the element was defined (a framework rendering it first) shadows the
      // accessor: take the value over. No mount here; connectedCallback follows.
      const own = this as unknown as Record<string, unknown>;
      const take = (key: 'call' | 'source' | 'options'): unknown => {
        if (!Object.prototype.hasOwnProperty.call(this, key)) return undefined;
        const value = own[key];
        delete own[key];
        return value;
      };
      this._call = (take('call') as DailyCallLike | null | undefined) ?? null;
      this._source = (take('source') as StatsSource | null | undefined) ?? null;
      this._options = (take('options') as CallHealthElementOptions | null | undefined) ?? {};
    }

    get call() { return this._call; }
    set call(v) { this._call = v ?? null; this.update(); }
    get source() { return this._source; }
    set source(v) { this._source = v ?? null; this.update(); }
    get options() { return this._options; }
    set options(v) { this._options = v ?? {}; this.update(); }

    assessment(): Assessment | null {
      return this.handle?.assessment() ?? null;
    }
    exportSession(): SessionExport | null {
      return this.lastHandle?.exportSession() ?? null;
    }
    summary(): SessionSummary | null {
      return this.lastHandle?.summary() ?? null;
    }
    sessionBytes(): number | null {
      return this.lastHandle?.sessionBytes() ?? null;
    }
    connectedCallback() { this.update(); }
    disconnectedCallback() { this.unmount(); }
    attributeChangedCallback(_name: string, before: string | null, after: string | null) {
      if (before !== after) this.update();
    }

    private unmount(): void {
      this.handle?.destroy();
      this.handle = null;
      this.mounted = null;
    }

    /** The options the widget runs with: `options` (but onStateChange), overridden by valid attributes. */
    private effectiveOptions(): CallHealthElementOptions {
      const num = (name: string) => {
        const v = Number(this.getAttribute(name));
        return this.hasAttribute(name) && Number.isFinite(v) && v > 0 ? v : undefined;
      };
      const attr = <T extends string>(name: string, allowed: readonly T[]) =>
        allowed.find((a) => a === this.getAttribute(name));
      // onStateChange isn't part of what the widget is: the latest one is always called (see update()).
      const { onStateChange: _latestIsCalled, ...o } = this._options;
      return {
        ...o,
        mode: attr('mode', MODES) ?? o.mode,
        position: attr('position', POSITIONS) ?? o.position,
        theme: attr('theme', THEMES) ?? o.theme,
        intervalMs: num('interval-ms') ?? o.intervalMs,
        windowMs: num('window-ms') ?? o.windowMs,
      };
    }

    /** Mounts, remounts or unmounts as the state requires; does nothing when the widget would be the same. */
    private update(): void {
      const target = this._call ?? this._source;
      if (!this.isConnected || !target) {
        this.unmount();
        return;
      }
      const options = this.effectiveOptions();
      if (this.handle && this.mounted?.target === target) {
        if (sameOptionValue(this.mounted.options, options)) return;
        // Only how it looks changed (mode, position, theme): applied in place, measuring goes on.
        const { mode, position, theme, ...rest } = options;
        const { mode: _m, position: _p, theme: _t, ...mountedRest } = this.mounted.options;
        if (sameOptionValue(mountedRest, rest)) {
          this.mounted = { target, options };
          updateView(this.handle, { mode, position, theme });
          return;
        }
      }
      this.unmount();
      this.mounted = { target, options };
      this.handle = this.lastHandle = mountCallHealth(this, {
        ...options,
        ...(this._call ? { call: this._call } : { source: this._source ?? undefined }),
        onStateChange: (a) => {
          // Always the latest callback: a new function alone doesn't remount.
          this._options.onStateChange?.(a);
          this.dispatchEvent(new CustomEvent('statechange', { detail: a }));
        },
      });
    }
  };
}

/**
 * What `<call-health>` accepts in JSX. The attributes work everywhere; `call`, `source` and `options` are
 * set as properties by Preact and React 19 (React 18 would stringify them: use `call-health/react` there),
 * and `onstatechange` listens to the `statechange` event (Preact, React 19).
 */
export interface CallHealthElementAttributes {
  mode?: Mode;
  position?: Position;
  theme?: Theme;
  'interval-ms'?: number | string;
  'window-ms'?: number | string;
  call?: DailyCallLike | null;
  source?: StatsSource | null;
  options?: CallHealthElementOptions;
  onstatechange?: (event: CallHealthStateChangeEvent) => void;
}

declare global {
  interface HTMLElementTagNameMap {
    'call-health': CallHealthElement;
  }
  interface HTMLElementEventMap {
    statechange: CallHealthStateChangeEvent;
  }
}

// Preact's JSX (10 and 11): `<call-health>` with the attributes of any element. (Typed through
// IntrinsicElements['span'], which both majors have; their HTMLAttributes live in different places.)
declare module 'preact' {
  namespace JSX {
    interface IntrinsicElements {
      'call-health': Omit<IntrinsicElements['span'], keyof CallHealthElementAttributes | 'ref'> &
        CallHealthElementAttributes & { ref?: PreactRef<CallHealthElement> };
    }
  }
}
