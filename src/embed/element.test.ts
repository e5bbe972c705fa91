import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Assessment } from '../core/live/window';
import type { StatsSource } from '../core/live/monitor';
import type { CallHealthOptions } from './create-widget';

// The element's decisions (mount, remount, nothing) without a DOM: mountCallHealth is replaced by a spy,
// and HTMLElement / customElements by the few members the element uses.
const mounts: { options: CallHealthOptions; destroyed: boolean }[] = [];
const viewUpdates: unknown[] = [];
vi.mock('./mount', () => ({
  updateView: (_handle: unknown, view: unknown) => viewUpdates.push(view),
  mountCallHealth: (_target: unknown, options: CallHealthOptions) => {
    const m = { options, destroyed: false };
    mounts.push(m);
    return {
      destroy: () => { m.destroyed = true; },
      assessment: () => null,
      summary: () => null,
      exportSession: () => null,
      sessionBytes: () => 0,
    };
  },
}));

class FakeHTMLElement {
  static pending: Record<string, unknown> | null = null;
  constructor() {
    // Own data properties, the way they sit on an element before its upgrade (no setter runs).
    for (const [key, value] of Object.entries(FakeHTMLElement.pending ?? {})) {
      Object.defineProperty(this, key, { value, writable: true, configurable: true, enumerable: true });
    }
  }
  isConnected = false;
  private attrs = new Map<string, string>();
  readonly events: Event[] = [];
  getAttribute(name: string) { return this.attrs.get(name) ?? null; }
  hasAttribute(name: string) { return this.attrs.has(name); }
  setAttribute(name: string, value: string) {
    const before = this.getAttribute(name);
    this.attrs.set(name, value);
    (this as unknown as { attributeChangedCallback(n: string, b: string | null, a: string): void }).attributeChangedCallback(name, before, value);
  }
  dispatchEvent(e: Event) { this.events.push(e); return true; }
}

interface TestElement extends FakeHTMLElement {
  call: unknown;
  source: StatsSource | null;
  options: Omit<CallHealthOptions, 'call' | 'source'>;
  connectedCallback(): void;
  disconnectedCallback(): void;
}

const registry = new Map<string, new () => TestElement>();
const source = (): StatsSource => ({ getNetworkStats: () => Promise.resolve({ stats: { latest: {} } }) }) as unknown as StatsSource;

async function connected(): Promise<TestElement> {
  const { defineCallHealthElement } = await import('./element');
  defineCallHealthElement();
  const Ctor = registry.get('call-health');
  if (!Ctor) throw new Error('not defined');
  const el = new Ctor();
  el.isConnected = true;
  el.connectedCallback();
  return el;
}

describe('defineCallHealthElement on a server', () => {
  it('does nothing, and throws nothing, without customElements or HTMLElement', async () => {
    const { defineCallHealthElement } = await import('./element');
    expect(typeof (globalThis as { customElements?: unknown }).customElements).toBe('undefined');
    expect(() => defineCallHealthElement()).not.toThrow();
    vi.stubGlobal('customElements', { get: () => undefined, define: () => { throw new Error('must not define'); } });
    expect(() => defineCallHealthElement()).not.toThrow(); // still no HTMLElement
    vi.unstubAllGlobals();
  });
});

describe('<call-health> compares what it is given', () => {
  beforeEach(() => {
    mounts.length = 0;
    viewUpdates.length = 0;
    registry.clear();
    vi.stubGlobal('HTMLElement', FakeHTMLElement);
    vi.stubGlobal('customElements', {
      get: (name: string) => registry.get(name),
      define: (name: string, ctor: new () => TestElement) => registry.set(name, ctor),
    });
  });
  afterEach(() => vi.unstubAllGlobals());

  it('mounts once for equal options written as fresh objects, and for the same source set again', async () => {
    const el = await connected();
    const s = source();
    el.options = { labels: { good: 'Bon' }, thresholds: { roundTripTime: { warning: 200 } } };
    el.source = s;
    expect(mounts).toHaveLength(1);
    for (let i = 0; i < 5; i++) {
      el.options = { labels: { good: 'Bon' }, thresholds: { roundTripTime: { warning: 200 } }, onStateChange: () => {} };
      el.source = s;
    }
    expect(mounts).toHaveLength(1);
    expect(mounts[0]?.destroyed).toBe(false);
  });

  it('remounts when the content really changes, or the source is another object', async () => {
    const el = await connected();
    el.source = source();
    el.options = { labels: { good: 'Bon' } };
    expect(mounts).toHaveLength(2);
    el.options = { labels: { good: 'Bien' } };
    expect(mounts).toHaveLength(3);
    el.source = source();
    expect(mounts).toHaveLength(4);
    expect(mounts.slice(0, 3).every((m) => m.destroyed)).toBe(true);
    expect(mounts[3]?.options.labels).toEqual({ good: 'Bien' });
  });

  it('calls the latest onStateChange without remounting, and dispatches statechange', async () => {
    const el = await connected();
    const first = vi.fn();
    const second = vi.fn();
    el.options = { onStateChange: first };
    el.source = source();
    el.options = { onStateChange: second };
    expect(mounts).toHaveLength(1);
    const a = { networkState: 'good' } as Assessment;
    mounts[0]?.options.onStateChange?.(a);
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledWith(a);
    const event = el.events[0] as CustomEvent<Assessment>;
    expect(event.type).toBe('statechange');
    expect(event.detail).toBe(a);
  });

  it('compares the effective options: an attribute equal to the option it overrides changes nothing', async () => {
    const el = await connected();
    el.options = { intervalMs: 1000 };
    el.source = source();
    el.setAttribute('interval-ms', '1000');
    expect(mounts).toHaveLength(1);
    el.setAttribute('interval-ms', '500');
    expect(mounts).toHaveLength(2);
    expect(mounts[1]?.options.intervalMs).toBe(500);
    el.options = { intervalMs: 1000 }; // the attribute still wins: same widget
    expect(mounts).toHaveLength(2);
  });

  it('applies a new mode, position or theme in place, without remounting', async () => {
    const el = await connected();
    el.options = { mode: 'badge', labels: { good: 'Bon' } };
    el.source = source();
    el.options = { mode: 'panel', theme: 'dark', labels: { good: 'Bon' } };
    el.setAttribute('position', 'top-left');
    expect(mounts).toHaveLength(1);
    expect(viewUpdates).toEqual([
      { mode: 'panel', position: undefined, theme: 'dark' },
      { mode: 'panel', position: 'top-left', theme: 'dark' },
    ]);
    el.options = { mode: 'badge', labels: { good: 'Bien' } }; // and something else: a remount
    expect(mounts).toHaveLength(2);
    expect(viewUpdates).toHaveLength(2);
  });

  it('takes over properties set before it was defined, and unmounts when removed', async () => {
    const { defineCallHealthElement } = await import('./element');
    defineCallHealthElement();
    const Ctor = registry.get('call-health');
    if (!Ctor) throw new Error('not defined');
    // An upgrade: the element already carries what a framework set on it as plain own properties.
    const s = source();
    FakeHTMLElement.pending = { source: s, options: { theme: 'dark' } };
    const el = new Ctor();
    FakeHTMLElement.pending = null;
    expect(Object.keys(el)).not.toContain('source');
    expect(mounts).toHaveLength(0);
    el.isConnected = true;
    el.connectedCallback();
    expect(mounts).toHaveLength(1);
    expect(mounts[0]?.options).toMatchObject({ source: s, theme: 'dark' });
    el.isConnected = false;
    el.disconnectedCallback();
    expect(mounts[0]?.destroyed).toBe(true);
    expect(el.source).toBe(s);
  });
});
