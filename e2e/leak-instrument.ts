import type { Page } from '@playwright/test';

// Counts what a page has running — pending timeouts, intervals, animation frames, and event listeners on
// targets that outlive the widget (window, document, media queries, connected nodes) — so a test can
// compare before mounting and after destroying. Listeners on nodes that left the document don't count:
// they go with their nodes. Install with page.addInitScript(INSTRUMENT).
export const INSTRUMENT = () => {
  const timeouts = new Set<number>();
  const intervals = new Set<number>();
  const frames = new Set<number>();
  const listeners = new Map<EventTarget, Set<string>>();
  const fnIds = new WeakMap<object, number>();
  let nextFn = 0;
  const w = window;
  const st = w.setTimeout.bind(w);
  const ct = w.clearTimeout.bind(w);
  const si = w.setInterval.bind(w);
  const ci = w.clearInterval.bind(w);
  const raf = w.requestAnimationFrame.bind(w);
  const caf = w.cancelAnimationFrame.bind(w);
  w.setTimeout = ((fn: TimerHandler, ms?: number, ...rest: unknown[]) => {
    const id: number = st((...a: unknown[]) => {
      timeouts.delete(id);
      if (typeof fn === 'function') fn(...a);
    }, ms, ...rest);
    timeouts.add(id);
    return id;
  }) as typeof setTimeout;
  w.clearTimeout = ((id?: number) => {
    if (id !== undefined) timeouts.delete(id);
    ct(id);
  }) as typeof clearTimeout;
  w.setInterval = ((fn: TimerHandler, ms?: number, ...rest: unknown[]) => {
    const id: number = si(fn, ms, ...rest);
    intervals.add(id);
    return id;
  }) as typeof setInterval;
  w.clearInterval = ((id?: number) => {
    if (id !== undefined) intervals.delete(id);
    ci(id);
  }) as typeof clearInterval;
  w.requestAnimationFrame = (fn) => {
    const id = raf((t) => {
      frames.delete(id);
      fn(t);
    });
    frames.add(id);
    return id;
  };
  w.cancelAnimationFrame = (id) => {
    frames.delete(id);
    caf(id);
  };
  const key = (type: string, fn: unknown, opts: unknown) => {
    if (typeof fn !== 'object' && typeof fn !== 'function') return null;
    if (fn === null) return null;
    let id = fnIds.get(fn);
    if (id === undefined) fnIds.set(fn, (id = ++nextFn));
    const capture = typeof opts === 'boolean' ? opts : typeof opts === 'object' && opts !== null && 'capture' in opts ? Boolean(opts.capture) : false;
    return `${type}|${id}|${capture}`;
  };
  const add = EventTarget.prototype.addEventListener;
  const remove = EventTarget.prototype.removeEventListener;
  // Only listeners added by the page's own scripts count: Playwright adds (and later drops) some of its own.
  const fromPage = () => (new Error().stack ?? '').includes(location.origin);
  EventTarget.prototype.addEventListener = function (type, fn, opts) {
    const k = fromPage() ? key(type, fn, opts) : null;
    if (k) {
      const set = listeners.get(this) ?? new Set();
      set.add(k);
      listeners.set(this, set);
    }
    return add.call(this, type, fn, opts);
  };
  EventTarget.prototype.removeEventListener = function (type, fn, opts) {
    const k = key(type, fn, opts);
    if (k) listeners.get(this)?.delete(k);
    return remove.call(this, type, fn, opts);
  };
  Object.assign(window, {
    leakCounts: () => {
      let live = 0;
      for (const [target, set] of listeners) {
        if (target instanceof Node && !target.isConnected && target !== document) continue;
        live += set.size;
      }
      return {
        timeouts: timeouts.size,
        intervals: intervals.size,
        frames: frames.size,
        listeners: live,
        nodes: document.getElementsByTagName('*').length,
      };
    },
  });
};

export type Counts = { timeouts: number; intervals: number; frames: number; listeners: number; nodes: number };
export const counts = (page: Page) => page.evaluate(() => (window as unknown as { leakCounts(): Counts }).leakCounts());

