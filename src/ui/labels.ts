import type { MetricId, ReasonKey } from '../core/catalogue';

/**
 * Every string the widget shows, in one place so a host can translate it. Sentences take `{value}`
 * (a formatted measurement, or an error message) — placeholders rather than functions so a label set
 * can live in a JSON file.
 */
export interface Labels {
  good: string;
  warning: string;
  bad: string;
  measuring: string;
  noData: string;
  reconnecting: string;
  /** Prefix of the badge's accessible name and of announcements: "Network: Poor". */
  title: string;
  /** Shown in place of a value the browser didn't report. */
  notAvailable: string;
  reasons: Record<ReasonKey, string>;
  actions: Record<ReasonKey, string>;
  allGood: string;
  measuringWhy: string;
  noMediaWhy: string;
  noMediaAction: string;
  staleWhy: string;
  staleAction: string;
  statsUnavailable: string;
  statsUnavailableAction: string;
  reconnectingWhy: string;
  reconnectingAction: string;
  idleWhy: string;
  /** What the widget measures — it can't see CPU-caused freezes, so it says so. */
  scope: string;
  showGraphs: string;
  hideGraphs: string;
  close: string;
  thisDevice: string;
  dailySays: string;
  disagree: string;
  cpuLoad: string;
  cpuHigh: string;
  cpuLow: string;
  others: string;
  windowInfo: string;
  trendRising: string;
  trendFalling: string;
  trendSteady: string;
  /** Text alternative of a sparkline: `{label}`, `{value}`, `{trend}`. */
  sparklineAlt: string;
  /** Overrides of the catalogue's metric labels and of why a metric is missing. */
  metrics: Partial<Record<MetricId, string>>;
  missingWhy: Partial<Record<MetricId, string>>;
}

export type LabelOverrides = Partial<Omit<Labels, 'reasons' | 'actions'>> & {
  reasons?: Partial<Record<ReasonKey, string>>;
  actions?: Partial<Record<ReasonKey, string>>;
};

export const DEFAULT_LABELS: Readonly<Labels> = Object.freeze({
  good: 'Good',
  warning: 'Fair',
  bad: 'Poor',
  measuring: 'Measuring…',
  noData: 'No data',
  reconnecting: 'Reconnecting…',
  title: 'Network',
  notAvailable: 'n/a',
  reasons: {
    sendPacketLoss: 'Your upload is losing {value} of packets',
    recvPacketLoss: 'Your download is losing {value} of packets',
    roundTripTime: 'Round trip is {value}',
    availableOutgoingBitrate: 'Your upload can only carry {value}',
  },
  actions: {
    sendPacketLoss: 'Turn your camera off, or move closer to your Wi-Fi router.',
    recvPacketLoss: 'Pause downloads and other video in this network; others may still see and hear you well.',
    roundTripTime: 'Use a wired connection if you can, or turn off a VPN.',
    availableOutgoingBitrate: "Turn your camera off so your voice gets through; your upload can't keep up with video.",
  },
  allGood: 'Upload, download and round trip are within normal ranges.',
  measuringWhy: 'Collecting the first few seconds of measurements.',
  noMediaWhy: 'Nothing is being sent or received, so there is nothing to measure.',
  noMediaAction: 'Turn on your camera or microphone.',
  staleWhy: 'No new measurements for {value}.',
  staleAction: 'Check that the call is still connected.',
  statsUnavailable: 'Stats unavailable: {value}',
  statsUnavailableAction: 'The call is not answering; reload the page if this lasts.',
  reconnectingWhy: 'The connection to the call dropped; reconnecting.',
  reconnectingAction: 'Check your network connection.',
  idleWhy: 'Not in a call yet.',
  scope: 'Measures the network only; video can still stutter when the computer is overloaded.',
  showGraphs: 'Show details',
  hideGraphs: 'Hide details',
  close: 'Close',
  thisDevice: 'This device',
  dailySays: 'Daily says',
  disagree: 'differs',
  cpuLoad: 'CPU load',
  cpuHigh: 'high',
  cpuLow: 'normal',
  others: 'Others in the call',
  windowInfo: '{value} samples over the last {window}',
  trendRising: 'rising',
  trendFalling: 'falling',
  trendSteady: 'steady',
  sparklineAlt: '{label}: {value} now, {trend}',
  metrics: {},
  missingWhy: {},
});

export function resolveLabels(overrides?: LabelOverrides): Labels {
  if (!overrides) return DEFAULT_LABELS;
  return {
    ...DEFAULT_LABELS,
    ...overrides,
    reasons: { ...DEFAULT_LABELS.reasons, ...overrides.reasons },
    actions: { ...DEFAULT_LABELS.actions, ...overrides.actions },
    metrics: { ...DEFAULT_LABELS.metrics, ...overrides.metrics },
    missingWhy: { ...DEFAULT_LABELS.missingWhy, ...overrides.missingWhy },
  };
}

/** Fills `{name}` placeholders; an unknown placeholder stays visible so a typo in a translation shows. */
export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}
