import { formatValue, metricDef, type MetricId, type Unit } from '../core/catalogue';
import type { Snapshot } from '../core/live/monitor';
import type { Assessment, NetworkState } from '../core/live/window';
import { formatDuration } from './duration';
import { fill, type Labels } from './labels';

/**
 * What the badge says. More than NetworkState: "unknown" has three honest faces, and an outage has two —
 * reconnecting (dropped, or media stalled) and lost (the connection failed).
 */
export type BadgeKind = 'good' | 'warning' | 'bad' | 'measuring' | 'no-data' | 'reconnecting' | 'lost';

/**
 * Where the call stands, as the badge and its sentences both see it: the one decision tree behind
 * `badgeKind` and `explain`, so the two can't disagree.
 */
export type Situation =
  | { is: 'measuring' }
  | { is: 'idle' }
  | { is: 'left' }
  | { is: 'lost' }
  | { is: 'stalled'; direction: 'send' | 'recv' }
  | { is: 'reconnecting' }
  | { is: 'stats-stopped' }
  | { is: 'stats-unavailable'; error: string }
  | { is: 'stale'; newest: number | null }
  | { is: 'no-samples' }
  | { is: 'no-media' }
  | { is: 'graded'; state: 'good' | 'warning' | 'bad' };

/**
 * `recovering`: the connection came back but no fresh sample has arrived since — Daily's `connected`
 * event lands before the next poll, and "No data" flashing in between would be a false alarm.
 */
export function situationOf(s: Snapshot | null, recovering = false): Situation {
  if (!s) return { is: 'measuring' };
  const a = s.assessment;
  // Not polled (not joined yet, left, call destroyed): whatever the window still holds can't be vouched for.
  if (!s.active) return { is: a.sampleCount > 0 ? 'left' : 'idle' };
  // An outage explains everything else (stale samples, loss), so it wins.
  if (s.outage === 'lost') return { is: 'lost' };
  if (s.outage === 'stalled') return { is: 'stalled', direction: a.stall === 'send' ? 'send' : 'recv' };
  if (s.outage !== null) return { is: 'reconnecting' };
  if (s.statsUnavailable) {
    return s.health.consecutiveTimeouts > 0 ? { is: 'stats-stopped' } : { is: 'stats-unavailable', error: s.health.lastError ?? '' };
  }
  if (recovering && a.unknownReason === 'stale') return { is: 'reconnecting' };
  if (a.networkState !== 'unknown') return { is: 'graded', state: a.networkState };
  switch (a.unknownReason) {
    case 'measuring':
      return { is: 'measuring' };
    case 'stale':
      return { is: 'stale', newest: a.newestTimestamp };
    case 'no-samples':
      return { is: 'no-samples' };
    default:
      return { is: 'no-media' };
  }
}

export function badgeKind(s: Snapshot | null, recovering = false): BadgeKind {
  const at = situationOf(s, recovering);
  switch (at.is) {
    case 'graded':
      return at.state;
    case 'measuring':
    case 'lost':
    case 'reconnecting':
      return at.is;
    case 'stalled':
      return 'reconnecting';
    default:
      return 'no-data';
  }
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

/** The line under the panel's metrics: "15 samples over the last 30 s". */
export function windowInfoText(sampleCount: number, windowMs: number, labels: Labels): string {
  return fill(labels.windowInfo, { value: String(sampleCount), window: formatDuration(windowMs) });
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
  const at = situationOf(s, recovering);
  const one = (key: string, level: Explanation['level'], text: string, action: string | null): Explanation[] => [{ key, level, text, action }];
  switch (at.is) {
    case 'measuring':
      return one('measuring', 'unknown', labels.measuringWhy, null);
    case 'lost':
      return one('lost', 'bad', labels.lostWhy, labels.lostAction);
    case 'stalled':
      return one('stalled', 'bad', at.direction === 'send' ? labels.stalledSendWhy : labels.stalledRecvWhy, labels.reconnectingAction);
    case 'reconnecting':
      return one('reconnecting', 'unknown', labels.reconnectingWhy, labels.reconnectingAction);
    // A call that was left says so, not why its last poll failed.
    case 'left':
      return one('left', 'unknown', labels.leftWhy, null);
    case 'idle':
      return one('idle', 'unknown', labels.idleWhy, null);
    case 'stats-stopped':
      return one('stats-stopped', 'unknown', labels.statsStopped, labels.statsUnavailableAction);
    case 'stats-unavailable':
      return one('stats-unavailable', 'unknown', fill(labels.statsUnavailable, { value: at.error }).replace(/:\s*$/, ''), labels.statsUnavailableAction);
    case 'stale': {
      const age = at.newest === null ? 0 : nowMs - at.newest;
      return one('stale', 'unknown', fill(labels.staleWhy, { value: formatDuration(age) }), labels.staleAction);
    }
    case 'no-samples':
      return one('no-samples', 'unknown', labels.noSamplesWhy, labels.staleAction);
    case 'no-media':
      return one('no-media', 'unknown', labels.noMediaWhy, labels.noMediaAction);
    case 'graded': {
      const a = s?.assessment;
      if (!a || a.networkStateReasons.length === 0) return one('good', 'good', labels.allGood, null);
      return a.networkStateReasons.map((key) => ({
        key,
        level: a.levels[key] ?? 'unknown',
        text: fill(labels.reasons[key], { value: formatMetric(a.metrics[key], metricDef(key).unit, labels) }),
        action: labels.actions[key],
      }));
    }
  }
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
