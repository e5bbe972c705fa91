/**
 * One reading implementation, two ways to run it. Readers are generators that `yield` at points where they could
 * hand the thread back (after a line, after a series); `runToEnd` ignores those points, `runInSlices` gives the
 * event loop a turn whenever it has worked for a slice, so a big file never blocks the page for long.
 */

export type Reading<T> = Generator<void, T, undefined>;

/**
 * How long reading works before letting the page run (ms). Well under the 50 ms at which a task counts as long,
 * because the collector's pauses land in the same task: a file near the limits adds up to ~150 ms of them.
 */
export const SLICE_MS = 20;

/** Items (samples, entries) a reader goes through between offers of a turn: ~1 000 take a few ms. */
export const PER_TURN = 1024;

/** Offers a turn after every PER_TURN items: `yield* turnAfter(i)` in a reader's loop over a list. */
export function* turnAfter(i: number): Reading<void> {
  if (i % PER_TURN === PER_TURN - 1) yield;
}

export function runToEnd<T>(reading: Reading<T>): T {
  for (;;) {
    const step = reading.next();
    if (step.done) return step.value;
  }
}

export async function runInSlices<T>(reading: Reading<T>, sliceMs: number): Promise<T> {
  let sliceStart = performance.now();
  for (;;) {
    const step = reading.next();
    if (step.done) return step.value;
    if (performance.now() - sliceStart >= sliceMs) {
      await nextMacrotask();
      sliceStart = performance.now();
    }
  }
}

/**
 * Resolves in a later task, so input and rendering run in between. A MessageChannel message rather than
 * setTimeout(0), which browsers clamp to 4 ms once timers nest.
 */
export function nextMacrotask(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof MessageChannel !== 'function') {
      setTimeout(resolve, 0);
      return;
    }
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}
