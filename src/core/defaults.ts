// The product's defaults, each written once: every option that falls back to one reads it from here.

/** How often the call is polled: Daily's own panel refreshes its stats every 2 s. */
export const POLL_INTERVAL_MS = 2_000;
/** How much of the call a verdict covers: a rolling 30 s window. */
export const WINDOW_MS = 30_000;
/** How long without a new sample before the verdict is stale (unknown) rather than carried on. */
export const STALE_AFTER_MS = 10_000;
