import { formatValue, metricDef, type MetricId, type Unit } from '../core/catalogue';
import type { Snapshot } from '../core/monitor';
import type { Assessment, NetworkState } from '../core/window';
import { fill, type Labels } from './labels';

/**
 * What the badge says. More than NetworkState: "unknown" has three honest faces, and an outage has two —
 * reconnecting (dropped, or media stalled) and lost (the connection failed).
 */
export type BadgeKind = 'good' | 'warning' | 'bad' | 'measuring' | 'no-data' | 'reconnecting' | 'lost';

/**
 * `recovering`: the connection came back but no fresh sample has arrived since — Daily's `connected`
 * event lands before the next poll, and "No data" flashing in between would be a false alarm.
 */
export function badgeKind(s: Snapshot | null, recovering = false): BadgeKind {
  if (!s) return 'measuring';
  // Not polled (not joined yet, left, call destroyed): whatever the window still holds can't be vouched for.
  if (!s.active) return 'no-data';
  // An outage explains everything else (stale samples, loss), so it wins.
  if (s.outage === 'lost') return 'lost';
  if (s.outage !== null) return 'reconnecting';
  if (recovering && s.assessment.unknownReason === 'stale' && !s.statsUnavailable) return 'reconnecting';
  if (s.statsUnavailable) return 'no-data';
  const a = s.assessment;
  if (a.networkState !== 'unknown') return a.networkState;
  if (a.unknownReason === 'measuring') return s.active || a.sampleCount > 0 ? 'measuring' : 'no-data';
  return 'no-data';
}

/** `data-state` of the badge: the verdict for graded kinds, unknown for every other. */
export function badgeState(kind: BadgeKind): NetworkState {
  if (kind === 'lost') return 'bad';
  return kind === 'good' || kind === 'warning' || kind === 'bad' ? kind : 'unknown';
}

const BADGE_LABEL = {
  good: 'good',
  warning: 'warning',
  bad: 'bad',
  measuring: 'measuring',
  'no-data': 'noData',
  reconnecting: 'reconnecting',
  lost: 'connectionLost',
} as const satisfies Record<BadgeKind, keyof Labels>;

export function badgeText(kind: BadgeKind, labels: Labels): string {
  return labels[BADGE_LABEL[kind]];
}

export function stateText(state: NetworkState, labels: Labels): string {
  return badgeText(state === 'unknown' ? 'measuring' : state, labels);
}

export function formatMetric(value: number | null, unit: Unit, labels: Labels): string {
  return value === null || !Number.isFinite(value) ? labels.notAvailable : formatValue(value, unit);
}

export function metricLabel(id: MetricId, labels: Labels): string {
  return labels.metrics[id] ?? metricDef(id).label;
}

/** Whether the widget is between a reconnection and the first fresh sample after it (see badgeKind). */
export function stillRecovering(s: Snapshot, wasRecovering: boolean): boolean {
  if (s.outage === 'reconnecting' || s.outage === 'stalled') return true;
  return wasRecovering && s.assessment.unknownReason === 'stale' && !s.statsUnavailable;
}

export interface Explanation {
  key: string;
  level: 'good' | 'warning' | 'bad' | 'unknown';
  text: string;
  action: string | null;
}

/** The sentences behind the badge: one per reason with its measured value and what to do about it. */
export function explain(s: Snapshot | null, labels: Labels, nowMs: number, recovering = false): Explanation[] {
  const kind = badgeKind(s, recovering);
  if (!s || kind === 'measuring') return [{ key: 'measuring', level: 'unknown', text: labels.measuringWhy, action: null }];
  if (kind === 'lost') return [{ key: 'lost', level: 'bad', text: labels.lostWhy, action: labels.lostAction }];
  if (kind === 'reconnecting' && s.outage === 'stalled') {
    const text = s.assessment.stall === 'send' ? labels.stalledSendWhy : labels.stalledRecvWhy;
    return [{ key: 'stalled', level: 'bad', text, action: labels.reconnectingAction }];
  }
  if (kind === 'reconnecting') {
    return [{ key: 'reconnecting', level: 'unknown', text: labels.reconnectingWhy, action: labels.reconnectingAction }];
  }
  // Before the poll health: a call that was left says so, not why its last poll failed.
  if (!s.active) {
    const left = s.assessment.sampleCount > 0;
    return [{ key: left ? 'left' : 'idle', level: 'unknown', text: left ? labels.leftWhy : labels.idleWhy, action: null }];
  }
  if (s.health.consecutiveTimeouts > 0) {
    return [{ key: 'stats-stopped', level: 'unknown', text: labels.statsStopped, action: labels.statsUnavailableAction }];
  }
  if (s.statsUnavailable) {
    const text = fill(labels.statsUnavailable, { value: s.health.lastError ?? '' }).replace(/:\s*$/, '');
    return [{ key: 'stats-unavailable', level: 'unknown', text, action: labels.statsUnavailableAction }];
  }
  const a = s.assessment;
  if (a.networkState === 'unknown') {
    if (a.unknownReason === 'stale') {
      const age = a.newestTimestamp === null ? 0 : Math.max(0, nowMs - a.newestTimestamp) / 1000;
      return [{ key: 'stale', level: 'unknown', text: fill(labels.staleWhy, { value: `${Math.round(age)} s` }), action: labels.staleAction }];
    }
    if (a.unknownReason === 'no-samples') {
      return [{ key: 'no-samples', level: 'unknown', text: labels.noSamplesWhy, action: labels.staleAction }];
    }
    return [{ key: 'no-media', level: 'unknown', text: labels.noMediaWhy, action: labels.noMediaAction }];
  }
  if (a.networkStateReasons.length === 0) return [{ key: 'good', level: 'good', text: labels.allGood, action: null }];
  return a.networkStateReasons.map((key) => ({
    key,
    level: a.levels[key] ?? 'unknown',
    text: fill(labels.reasons[key], { value: formatMetric(a.metrics[key], metricDef(key).unit, labels) }),
    action: labels.actions[key],
  }));
}

/** The small print under a graded metric's value: why it isn't graded, or where a round trip came from. */
export function metricNote(id: MetricId, a: Assessment, labels: Labels): string | null {
  if (id !== 'sendPacketLoss' && id !== 'recvPacketLoss' && id !== 'roundTripTime' && id !== 'availableOutgoingBitrate') return null;
  const why = a.ungraded[id];
  if (why === 'few-packets') {
    return fill(labels.ungradedFewPackets, { value: String(Math.round(a.packets[id === 'sendPacketLoss' ? 'sendPacketLoss' : 'recvPacketLoss'] ?? 0)) });
  }
  if (why === 'not-limiting') return labels.ungradedNotLimiting;
  if (id === 'roundTripTime' && a.metrics.roundTripTime !== null) {
    return a.rttSource === 'rtcp' ? labels.rttFromRtcp : a.rttSource === 'candidate-pair' ? labels.rttFromPair : null;
  }
  return null;
}

/** Daily's verdict and ours disagree — only meaningful when both have one. */
export function disagrees(s: Snapshot | null): boolean {
  if (!s?.reported) return false;
  const ours = s.assessment.networkState;
  const theirs = s.reported.networkState;
  return ours !== 'unknown' && theirs !== 'unknown' && ours !== theirs;
}
