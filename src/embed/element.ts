import type { StatsSource } from '../core/monitor';
import type { SessionExport } from '../core/export';
import type { SessionSummary } from '../core/summary';
import type { Assessment } from '../core/window';
import type { DailyCallLike } from '../sources/daily';
import type { Mode, Position, Theme } from '../ui/CallHealthView';
import { mountCallHealth, type CallHealthHandle } from './mount';
import type { CallHealthOptions } from './options';

/** `<call-health>`: set `call` (or `source`) as a property; the rest as attributes or the `options` property. */
export interface CallHealthElement extends HTMLElement {
  call: DailyCallLike | null;
  source: StatsSource | null;
  /** Any other option (labels, thresholds, …). Attributes win over the same key here. */
  options: Omit<CallHealthOptions, 'call' | 'source'>;
  /** The verdict right now; null while not monitoring. */
  assessment(): Assessment | null;
  /** The current call's record, or once removed the last one (closed); null if it never mounted. A remount starts a new one. */
  exportSession(): SessionExport | null;
  summary(): SessionSummary | null;
  sessionBytes(): number | null;
}

const ATTRIBUTES = ['mode', 'position', 'theme', 'interval-ms', 'window-ms'] as const;

/**
 * Registers the custom element (once; later calls are no-ops). It renders in light DOM so the page's
 * `call-health.css` styles it, mounts when connected with a call or source, remounts when either or an
 * attribute changes, and tears everything down when removed. State changes are dispatched as a
 * `statechange` CustomEvent with the assessment as `detail`.
 */
export function defineCallHealthElement(tagName = 'call-health'): void {
  if (customElements.get(tagName)) return;

  class Element extends HTMLElement implements CallHealthElement {
    static observedAttributes = ATTRIBUTES;
    private handle: CallHealthHandle | null = null;
    private lastHandle: CallHealthHandle | null = null;
    private _call: DailyCallLike | null = null;
    private _source: StatsSource | null = null;
    private _options: Omit<CallHealthOptions, 'call' | 'source'> = {};

    get call() { return this._call; }
    set call(v) { this._call = v; this.remount(); }
    get source() { return this._source; }
    set source(v) { this._source = v; this.remount(); }
    get options() { return this._options; }
    set options(v) { this._options = v; this.remount(); }

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
    connectedCallback() { this.remount(); }
    disconnectedCallback() { this.unmount(); }
    attributeChangedCallback() { this.remount(); }

    private unmount(): void {
      this.handle?.destroy();
      this.handle = null;
    }

    private remount(): void {
      this.unmount();
      if (!this.isConnected || (!this._call && !this._source)) return;
      const num = (name: string) => {
        const v = Number(this.getAttribute(name));
        return this.hasAttribute(name) && Number.isFinite(v) && v > 0 ? v : undefined;
      };
      const attr = <T extends string>(name: string, allowed: readonly T[]) =>
        allowed.find((a) => a === this.getAttribute(name));
      const o = this._options;
      this.handle = this.lastHandle = mountCallHealth(this, {
        ...o,
        ...(this._call ? { call: this._call } : { source: this._source ?? undefined }),
        mode: attr<Mode>('mode', ['badge', 'panel']) ?? o.mode,
        position: attr<Position>('position', ['inline', 'top-left', 'top-right', 'bottom-left', 'bottom-right']) ?? o.position,
        theme: attr<Theme>('theme', ['auto', 'light', 'dark']) ?? o.theme,
        intervalMs: num('interval-ms') ?? o.intervalMs,
        windowMs: num('window-ms') ?? o.windowMs,
        onStateChange: (a) => {
          o.onStateChange?.(a);
          this.dispatchEvent(new CustomEvent('statechange', { detail: a }));
        },
      });
    }
  }
  customElements.define(tagName, Element);
}

declare global {
  interface HTMLElementTagNameMap {
    'call-health': CallHealthElement;
  }
}
