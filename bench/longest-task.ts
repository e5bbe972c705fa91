/**
 * Runs `work` and measures the longest main-thread task meanwhile: the largest gap between the ticks of a
 * MessageChannel loop running beside it — a gap is a stretch in which the page could not run anything else.
 * (PerformanceObserver's longtask only reports tasks over 50 ms, so it can't tell 20 ms from 49 ms.)
 */
export async function withLongestTask<T>(work: () => Promise<T>): Promise<{ value: T; longestTaskMs: number }> {
  let running = true;
  let last = performance.now();
  let longest = 0;
  const channel = new MessageChannel();
  channel.port1.onmessage = () => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
    if (running) channel.port2.postMessage(null);
  };
  channel.port2.postMessage(null);
  try {
    const value = await work();
    // The task that settles the work ends the gap it is in: one more tick closes it.
    await new Promise((r) => setTimeout(r, 20));
    return { value, longestTaskMs: longest };
  } finally {
    running = false;
    channel.port1.close();
  }
}
