/** Samples in a row with nothing arriving (or leaving), after media flowed, that make a stall: one may be a blip. */
export const STALL_SAMPLES = 2;

/**
 * Samples in a row with something flowing before a stop counts as a stall: a stream that sent a handful of
 * packets and went quiet (a sender set up and then paused, as Jitsi's bridge connection is while the call
 * runs peer-to-peer) never carried media, so its silence is no outage.
 */
const FLOW_SAMPLES = 2;

/** One direction's flow, tracked across samples rather than over the window: a stall outlasts the window that saw media flow. */
export interface Flow {
  /** Samples in a row in which something flowed. */
  flowing: number;
  /** Media has flowed steadily (FLOW_SAMPLES in a row) since a stream last went away or the window was cleared. */
  flowed: boolean;
  /** Samples in a row with nothing flowing, after it flowed. */
  still: number;
}

export function newFlow(): Flow {
  return { flowing: 0, flowed: false, still: 0 };
}

/** `amount`: packets (or, for Daily, bits/s) since the last sample; null when nothing can be told (no stream continued). */
export function trackFlow(f: Flow, amount: number | null): void {
  if (amount === null) {
    f.flowing = 0;
    f.flowed = false;
    f.still = 0;
  } else if (amount > 0) {
    f.flowing++;
    if (f.flowing >= FLOW_SAMPLES) f.flowed = true;
    f.still = 0;
  } else {
    f.flowing = 0;
    if (f.flowed) f.still++;
  }
}

export function stalled(f: Flow): boolean {
  return f.flowed && f.still >= STALL_SAMPLES;
}
