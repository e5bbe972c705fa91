// Accelerated time for the benchmark page: timers run `speed`× faster and Date.now() is a virtual clock
// the bench source advances, so hours of a call pass in seconds while the product code runs unchanged.
// `hold()` parks due timers (the call "pauses") so the runner can measure memory between phases.
type Callback = (...args: unknown[]) => void;

const realSetTimeout = window.setTimeout.bind(window);
const realClearTimeout = window.clearTimeout.bind(window);
const realDateNow = Date.now.bind(Date);

let speed = 1;
let virtual = true;
let virtualNow = realDateNow();
let holding = false;
let nextId = 1;
const live = new Map<number, number>();
const held = new Map<number, () => void>();

/** `factor`× faster timers; with `virtualClock`, Date.now() only moves when the bench source advances it. */
export function accelerate(factor: number, virtualClock = true): void {
  speed = factor;
  virtual = virtualClock;
  Date.now = () => (virtual ? virtualNow : realDateNow());
  window.setTimeout = ((fn: TimerHandler, ms?: number, ...args: unknown[]) => {
    const id = nextId++;
    const run = () => {
      live.delete(id);
      if (holding) {
        held.set(id, run);
        return;
      }
      if (typeof fn === 'function') (fn as Callback)(...args);
    };
    live.set(id, realSetTimeout(run, Math.max(0, (ms ?? 0) / speed)));
    return id;
  }) as typeof window.setTimeout;
  window.clearTimeout = ((id?: number) => {
    if (id === undefined) return;
    const real = live.get(id);
    if (real !== undefined) realClearTimeout(real);
    live.delete(id);
    held.delete(id);
  }) as typeof window.clearTimeout;
}

export function advance(ms: number): number {
  virtualNow += ms;
  return virtualNow;
}

export function now(): number {
  return virtualNow;
}

export function hold(on: boolean): void {
  holding = on;
  if (on) return;
  const due = [...held.values()];
  held.clear();
  for (const run of due) run();
}
