export interface Announcer {
  /**
   * The state now showing. `key` identifies it (text may change while the state holds, e.g. a value);
   * null means nothing worth announcing (a transient state such as measuring) and drops any pending change.
   */
  propose(key: string | null, text: string): void;
  dispose(): void;
}

/**
 * Debounces announcements for a polite live region: a state is announced only after it has held for
 * `delayMs`, so a badge flickering between two states at a threshold doesn't chatter in a screen reader.
 * Returning to the state last announced cancels the pending change silently.
 */
export function createAnnouncer(delayMs: number, announce: (text: string) => void): Announcer {
  let announced: string | null = null;
  let pending: string | null = null;
  let pendingText = '';
  let timer: ReturnType<typeof setTimeout> | undefined;

  const cancel = () => {
    clearTimeout(timer);
    timer = undefined;
    pending = null;
  };

  return {
    propose(key, text) {
      if (key === null || key === announced) {
        cancel();
        return;
      }
      pendingText = text;
      if (key === pending) return;
      cancel();
      pending = key;
      timer = setTimeout(() => {
        timer = undefined;
        announced = pending;
        pending = null;
        announce(pendingText);
      }, delayMs);
    },
    dispose: cancel,
  };
}
