import type { ContextSource, StatsSource } from '../index';
import { hasContext } from '../sources/context';

/**
 * One source watched by several widgets (a docked badge and a panel), polled once per interval.
 *
 * Every mounted widget runs its own monitor and poller. On a WebRTC source two pollers would mean two
 * getStats() per connection per interval, and each poll's byte-counter deltas would span only the gap
 * since the other widget's poll. Here a poll that arrives while another is in flight, or within
 * `shareMs` after it started or answered, gets that same answer. The pollers then settle together and
 * stay in step, and each widget's window sees every sample exactly once. A poll still pending after
 * `shareMs` is not shared any more, so one hung getStats() can't answer every later poll.
 */
export function sharePolls(source: StatsSource, shareMs: number): StatsSource {
  let last: { result: Promise<unknown>; since: number } | null = null;
  const shared: StatsSource & Partial<Pick<ContextSource, 'onContext'>> = {
    hasOwnVerdict: source.hasOwnVerdict,
    getNetworkStats() {
      if (last && Date.now() - last.since < shareMs) return last.result;
      let result: Promise<unknown>;
      try {
        result = Promise.resolve(source.getNetworkStats());
      } catch (err) {
        result = Promise.reject(err);
      }
      const entry = { result, since: Date.now() };
      const settle = () => void (entry.since = Date.now());
      result.then(settle, settle);
      last = entry;
      return result;
    },
  };
  // Context events aren't polled: each widget subscribes to them as it would to the source itself.
  if (hasContext(source)) shared.onContext = (listener) => source.onContext(listener);
  return shared;
}
