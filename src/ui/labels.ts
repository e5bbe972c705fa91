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
  /** The connection failed (ICE `failed`): the badge's word. */
  connectionLost: string;
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
  loadingGraphs: string;
  /** The graphs' code didn't load (offline, blocked): shown with a Try again button. */
  graphsFailed: string;
  retry: string;
  noSamplesWhy: string;
  staleAction: string;
  statsUnavailable: string;
  /** The call stopped answering getNetworkStats() (polls time out), as opposed to refusing it. */
  statsStopped: string;
  statsUnavailableAction: string;
  reconnectingWhy: string;
  reconnectingAction: string;
  /** Connected, but nothing has arrived (or left) for a few samples after media flowed. */
  stalledRecvWhy: string;
  stalledSendWhy: string;
  lostWhy: string;
  lostAction: string;
  /** A loss ratio from too few packets to grade: `{value}` packets. */
  ungradedFewPackets: string;
  /** An upload estimate that isn't a network limit (the encoder isn't bandwidth-limited, or it's the start-up guess). */
  ungradedNotLimiting: string;
  /** Where the round trip came from. */
  rttFromPair: string;
  rttFromRtcp: string;
  idleWhy: string;
  /** Polling stopped after samples were taken: left the meeting, or the call object was destroyed. */
  leftWhy: string;
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
  /** The panel's Session section: the record of the whole call, its summary, incidents and downloads. */
  session: string;
  sessionRecorded: string;
  /** `{value}` duration, `{samples}` count. */
  sessionRecordedValue: string;
  sessionTimeInState: string;
  /** The summary's `unknown` state (measuring, no data, stale). */
  sessionUnknown: string;
  sessionTransitions: string;
  /** Times media stopped getting through: `{value}` of them, `{duration}` in all. */
  sessionOutages: string;
  sessionOutagesValue: string;
  /** `{window}`: the widget's window, e.g. "30 s". */
  sessionWorst: string;
  /** `{from}`–`{to}` offsets into the call, `{metric}` and its mean `{value}`. */
  sessionWorstValue: string;
  sessionAvg: string;
  sessionMax: string;
  /** Metrics with no value in any sample: `{value}` lists them. */
  sessionNotReported: string;
  /** The cap dropped the oldest samples: `{value}` of them. */
  sessionTruncated: string;
  incidents: string;
  noIncidents: string;
  incidentExport: string;
  /** Accessible name of an incident's Export button: `{value}` is its time. */
  incidentExportName: string;
  /** An incident whose 30 s after the turn are still being recorded. */
  incidentOpen: string;
  incidentsDropped: string;
  downloadJson: string;
  downloadCsv: string;
  /** Why a metric is n/a when replaying a Daily /logs response, which has no field for it. */
  notInDailyLogs: string;
  /**
   * Why a metric is n/a in any other replayed recording: `{value}` says which recording, e.g. "rtcstats dump
   * from Firefox 118" (never the browser it is replayed in).
   */
  notInRecording: string;
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
  connectionLost: 'Connection lost',
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
  loadingGraphs: 'Loading graphs…',
  graphsFailed: 'The graphs couldn’t load.',
  retry: 'Try again',
  noSamplesWhy: 'The call answers, but with no usable measurements.',
  staleAction: 'Check that the call is still connected.',
  statsUnavailable: 'Stats unavailable: {value}',
  statsStopped: 'Stats stopped answering: the call has not replied to the last request.',
  statsUnavailableAction: 'The call is not answering; reload the page if this lasts.',
  reconnectingWhy: 'The connection to the call dropped; reconnecting.',
  reconnectingAction: 'Check your network connection.',
  stalledRecvWhy: 'Nothing has arrived from the call for the last few seconds; the connection may be switching networks.',
  stalledSendWhy: 'Nothing has left for the call for the last few seconds; the connection may be switching networks.',
  lostWhy: 'The connection to the call failed.',
  lostAction: 'Check your network connection, then rejoin the call.',
  ungradedFewPackets: 'Not graded: only {value} packets in the window',
  ungradedNotLimiting: "Not graded: the encoder isn't limited by bandwidth, so this is not the network's limit",
  rttFromPair: 'Measured by ICE connectivity checks',
  rttFromRtcp: 'From RTCP receiver reports (this browser gives no candidate-pair round trip)',
  idleWhy: 'Not in a call yet.',
  leftWhy: 'Not in the call any more.',
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
  session: 'Session',
  sessionRecorded: 'Recorded',
  sessionRecordedValue: '{value}, {samples} samples',
  sessionTimeInState: 'Time in each state',
  sessionUnknown: 'Unknown',
  sessionTransitions: 'Changes of state',
  sessionOutages: 'Outages',
  sessionOutagesValue: '{value}, {duration} in all',
  sessionWorst: 'Worst {window}',
  sessionWorstValue: '{from}–{to}: {metric} {value}',
  sessionAvg: 'avg',
  sessionMax: 'max',
  sessionNotReported: 'Never reported: {value}',
  sessionTruncated: 'The oldest {value} samples were dropped (record cap reached).',
  incidents: 'Incidents',
  noIncidents: 'No turn to Poor so far.',
  incidentExport: 'Export',
  incidentExportName: 'Export the incident at {value}',
  incidentOpen: 'recording',
  incidentsDropped: '{value} older incidents dropped',
  downloadJson: 'Download JSON',
  downloadCsv: 'Download CSV',
  notInDailyLogs: "Not in Daily's /logs",
  notInRecording: 'Not in this recording ({value})',
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

// Templates split once into [text, name, text, …]: fill runs every poll for each chart's text alternative
// and each reason, and a regex replace with a callback allocated its matches every time.
const splitTemplates = new Map<string, string[]>();

/** Fills `{name}` placeholders; an unknown placeholder stays visible so a typo in a translation shows. */
export function fill(template: string, values: Record<string, string>): string {
  let parts = splitTemplates.get(template);
  if (!parts) {
    if (splitTemplates.size >= 200) splitTemplates.clear(); // labels are a bounded set; this only guards misuse
    parts = template.split(/\{(\w+)\}/);
    splitTemplates.set(template, parts);
  }
  let out = parts[0] ?? '';
  for (let i = 1; i < parts.length; i += 2) {
    const name = parts[i] ?? '';
    out += (values[name] ?? `{${name}}`) + (parts[i + 1] ?? '');
  }
  return out;
}
