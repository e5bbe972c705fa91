import { redactSecrets } from '../session/redact';
import { POLL_INTERVAL_MS } from '../defaults';

/** A getNetworkStats()-like function. Anything it does — throw, reject, hang, return a non-promise — is a failed poll, never the page's problem. */
export type Fetch = () => unknown;

export interface PollerOptions {
  fetch: Fetch;
  onResult: (value: unknown) => void;
  /** Told after every failed poll, with the running health. */
  onFailure?: (health: PollHealth) => void;
  intervalMs?: number;
  timeoutMs?: number;
  /** Ceiling of the back-off after consecutive timeouts. */
  maxBackoffMs?: number;
}

export interface PollHealth {
  consecutiveFailures: number;
  /** Consecutive polls abandoned because the call never answered. */
  consecutiveTimeouts: number;
  totalFailures: number;
  lastError: string | null;
  lastSuccessAt: number | null;
  /** Calls started and not yet settled, including abandoned ones (they may still settle late). */
  pending: number;
}

export interface Poller {
  start(): void;
  stop(): void;
  readonly running: boolean;
  health(): PollHealth;
}

class TimeoutError extends Error {}

/**
 * A setTimeout chain: the next poll is scheduled only after the previous one settled or was abandoned,
 * so two calls are never in flight at once. Rejections keep the cadence (a fast "no" is cheap); hangs
 * back off exponentially, because each abandoned call may hold resources in the call machine.
 */
export function createPoller(options: PollerOptions): Poller {
  const interval = options.intervalMs ?? POLL_INTERVAL_MS;
  const timeout = options.timeoutMs ?? 5_000;
  const maxBackoff = options.maxBackoffMs ?? 120_000;
  let running = false;
  let generation = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let watchdog: ReturnType<typeof setTimeout> | undefined;
  const h: PollHealth = {
    consecutiveFailures: 0,
    consecutiveTimeouts: 0,
    totalFailures: 0,
    lastError: null,
    lastSuccessAt: null,
    pending: 0,
  };

  function schedule(delay: number): void {
    timer = setTimeout(tick, delay);
  }

  function nextDelay(): number {
    if (h.consecutiveTimeouts === 0) return interval;
    return Math.min(maxBackoff, interval * 2 ** h.consecutiveTimeouts);
  }

  function fail(err: unknown): void {
    h.consecutiveFailures++;
    h.totalFailures++;
    if (err instanceof TimeoutError) h.consecutiveTimeouts++;
    else h.consecutiveTimeouts = 0;
    h.lastError = describe(err);
    try {
      options.onFailure?.({ ...h });
    } catch {
      // A listener's bug must not stop polling.
    }
  }

  function tick(): void {
    timer = undefined;
    if (!running) return;
    const gen = generation;
    let result: PromiseLike<unknown>;
    try {
      const r = options.fetch();
      if (!isThenable(r)) throw new TypeError('getNetworkStats() did not return a promise');
      result = r;
    } catch (err) {
      fail(err);
      schedule(nextDelay());
      return;
    }
    let settled = false;
    h.pending++;
    watchdog = setTimeout(() => {
      watchdog = undefined;
      if (settled || gen !== generation) return;
      settled = true;
      fail(new TimeoutError(`getNetworkStats() did not answer within ${timeout} ms`));
      schedule(nextDelay());
    }, timeout);
    const finish = (ok: boolean, value: unknown) => {
      h.pending--;
      if (settled || gen !== generation) return;
      settled = true;
      clearTimeout(watchdog);
      watchdog = undefined;
      if (ok) {
        h.consecutiveFailures = 0;
        h.consecutiveTimeouts = 0;
        h.lastSuccessAt = Date.now();
        try {
          options.onResult(value);
        } catch (err) {
          fail(err);
        }
      } else {
        fail(value);
      }
      schedule(nextDelay());
    };
    // Promise.resolve adopts foreign thenables, and turns a `then` that throws into a rejection; it can
    // still throw itself (a promise whose `constructor` getter throws), which must not end the chain.
    try {
      Promise.resolve(result).then(
        (v) => finish(true, v),
        (e) => finish(false, e),
      );
    } catch (err) {
      finish(false, err);
    }
  }

  return {
    start() {
      if (running) return;
      running = true;
      generation++;
      schedule(0);
    },
    stop() {
      running = false;
      generation++;
      clearTimeout(timer);
      clearTimeout(watchdog);
      timer = undefined;
      watchdog = undefined;
    },
    get running() {
      return running;
    },
    health: () => ({ ...h }),
  };
}

function isThenable(v: unknown): v is PromiseLike<unknown> {
  return (typeof v === 'object' || typeof v === 'function') && v !== null && typeof (v as { then?: unknown }).then === 'function';
}

function describe(err: unknown): string {
  try {
    const text = err instanceof Error ? err.message || err.name : err;
    if (typeof text === 'string' && text) return redactSecrets(text);
  } catch {
    // An error whose message getter throws is still just a failed poll.
  }
  return 'getNetworkStats() failed';
}
