/**
 * One reading implementation, two ways to run it. Readers are generators that `yield` at points where they could
 * hand the thread back (after a line, after a series); `runToEnd` ignores those points, `runInSlices` gives the
 * event loop a turn whenever it has worked for a slice, so a big file never blocks the page for long.
 */

export type Reading<T> = Generator<void, T, undefined>;

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
