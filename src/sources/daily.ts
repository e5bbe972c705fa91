import type { ConnectionState, MonitorOptions, PeerQuality } from '../core/live/monitor';
import { Monitor } from '../core/live/monitor';
import { readReported } from '../core/live/monitor';

// The few daily-js shapes the widget touches, written here so the types stay exact without daily-js
// installed (it is an optional peer). A real `DailyCall` is assignable to `DailyCallLike` as it is; where
// Daily may add a value in a later version (a meeting state, a reason, a track state), the union stays open.

/** A string union that still accepts values a newer daily-js adds, without losing the known names. */
type Open<T extends string> = T | (string & {});

/** `DailyMeetingState`. */
export type DailyMeetingStateLike = Open<'new' | 'loading' | 'loaded' | 'joining-meeting' | 'joined-meeting' | 'left-meeting' | 'error'>;
/** Daily's network verdict (`networkState`, a participant's `networkQualityState`). */
export type DailyNetworkStateLike = 'good' | 'warning' | 'bad' | 'unknown';
/** Why Daily's verdict is not `good`. */
export type DailyNetworkStateReasonLike = Open<'sendPacketLoss' | 'recvPacketLoss' | 'roundTripTime' | 'availableOutgoingBitrate'>;

/** `DailyNetworkStatsData['latest']`: the figures of the last poll (null when the browser has none). */
export interface DailyLatestStatsLike {
  timestamp: number;
  recvBitsPerSecond: number | null;
  sendBitsPerSecond: number | null;
  availableOutgoingBitrate: number | null;
  networkRoundTripTime: number | null;
  videoRecvBitsPerSecond: number | null;
  videoSendBitsPerSecond: number | null;
  audioRecvBitsPerSecond: number | null;
  audioSendBitsPerSecond: number | null;
  videoRecvPacketLoss: number | null;
  videoSendPacketLoss: number | null;
  audioRecvPacketLoss: number | null;
  audioSendPacketLoss: number | null;
  totalSendPacketLoss: number | null;
  totalRecvPacketLoss: number | null;
  videoRecvJitter: number | null;
  videoSendJitter: number | null;
  audioRecvJitter: number | null;
  audioSendJitter: number | null;
}

/** `DailyNetworkStats`: what `getNetworkStats()` resolves (`stats` is `{}` before the call is joined). */
export interface DailyNetworkStatsLike {
  networkState: DailyNetworkStateLike;
  networkStateReasons: DailyNetworkStateReasonLike[];
  stats: Record<string, never> | { latest: DailyLatestStatsLike };
}

/** `DailyTrackState`: only the state is read. */
export interface DailyTrackStateLike {
  state: Open<'blocked' | 'off' | 'sendable' | 'loading' | 'interrupted' | 'playable'>;
}

/** The fields of a `DailyParticipant` the widget reads. */
export interface DailyParticipantLike {
  local: boolean;
  session_id: string;
  user_name: string;
  networkQualityState?: DailyNetworkStateLike;
  tracks?: { [track: string]: DailyTrackStateLike | undefined };
}

/** An event object whose fields the widget doesn't read (it only needs to know the event happened). */
export interface DailyEventObjectLike {
  action: string;
}
/** `DailyEventObjectNetworkQualityEvent`: Daily's own verdict, as it changes. */
export interface DailyNetworkQualityEventLike {
  action: 'network-quality-change';
  networkState: DailyNetworkStateLike;
  networkStateReasons: DailyNetworkStateReasonLike[];
}
/** `DailyEventObjectNetworkConnectionEvent`: one link (signaling, SFU, peer-to-peer) interrupted or back. */
export interface DailyNetworkConnectionEventLike {
  action: 'network-connection';
  type: Open<'signaling' | 'peer-to-peer' | 'sfu'>;
  /** `'interrupted'` or `'connected'` (daily-js types it as any string). */
  event: string;
}
/** `DailyEventObjectCpuLoadEvent`. */
export interface DailyCpuLoadEventLike {
  action: 'cpu-load-change';
  cpuLoadState: 'low' | 'high';
  cpuLoadStateReason: Open<'encode' | 'decode' | 'scheduleDuration' | 'none'>;
}
/** The daily-js events the widget listens to whose event object it doesn't read. */
export type DailyPlainEventLike =
  | 'joined-meeting'
  | 'left-meeting'
  | 'call-instance-destroyed'
  | 'participant-joined'
  | 'participant-updated'
  | 'participant-left';

/**
 * The part of daily-js's `DailyCall` we use. A real call object or Prebuilt frame satisfies it as it is
 * (no casts); naming the subset keeps the widget honest about what it touches, and needs no daily-js types.
 * `on`/`off` are overloads, one per event the widget binds, so each handler gets its event's exact object.
 */
export interface DailyCallLike {
  on(event: DailyPlainEventLike, handler: (event: DailyEventObjectLike) => void): unknown;
  on(event: 'network-quality-change', handler: (event: DailyNetworkQualityEventLike) => void): unknown;
  on(event: 'network-connection', handler: (event: DailyNetworkConnectionEventLike) => void): unknown;
  on(event: 'cpu-load-change', handler: (event: DailyCpuLoadEventLike) => void): unknown;
  off(event: DailyPlainEventLike, handler: (event: DailyEventObjectLike) => void): unknown;
  off(event: 'network-quality-change', handler: (event: DailyNetworkQualityEventLike) => void): unknown;
  off(event: 'network-connection', handler: (event: DailyNetworkConnectionEventLike) => void): unknown;
  off(event: 'cpu-load-change', handler: (event: DailyCpuLoadEventLike) => void): unknown;
  meetingState(): DailyMeetingStateLike;
  isDestroyed(): boolean;
  participants(): Record<string, DailyParticipantLike>;
  getNetworkStats(): Promise<DailyNetworkStatsLike>;
}

/**
 * Binds a daily-js call object (or Prebuilt frame) to a monitor: polls only while joined, a new join starts
 * a fresh window, and Daily's own verdict, connection and CPU state ride along. Returns the unbind function,
 * which removes every listener it added and stops polling.
 */
export function watchDailyCall(call: DailyCallLike, monitor: Monitor): () => void {
  // Daily reports signaling, SFU and peer-to-peer links separately; any one interrupted means media may stall.
  const links = new Map<string, ConnectionState>();
  let bound = true;

  const refreshPeers = () => monitor.update({ peers: peersOf(call), remoteSending: remoteSending(call) });
  const onJoined = () => {
    links.clear();
    monitor.reset();
    monitor.start();
    refreshPeers();
  };
  const onLeft = () => monitor.stop();
  const onDestroyed = () => unbind();
  const onQuality = (ev: DailyNetworkQualityEventLike) => {
    const reported = readReported(ev);
    if (reported) monitor.update({ reported });
  };
  const onConnection = (ev: DailyNetworkConnectionEventLike) => {
    if (ev.event !== 'interrupted' && ev.event !== 'connected') return;
    links.set(ev.type, ev.event);
    const connection: ConnectionState = [...links.values()].includes('interrupted') ? 'interrupted' : 'connected';
    monitor.update({ connection });
  };
  const onCpu = (ev: DailyCpuLoadEventLike) =>
    monitor.update({ cpuLoad: { state: ev.cpuLoadState, reason: ev.cpuLoadStateReason } });

  call.on('joined-meeting', onJoined);
  call.on('left-meeting', onLeft);
  call.on('call-instance-destroyed', onDestroyed);
  call.on('network-quality-change', onQuality);
  call.on('network-connection', onConnection);
  call.on('cpu-load-change', onCpu);
  call.on('participant-joined', refreshPeers);
  call.on('participant-updated', refreshPeers);
  call.on('participant-left', refreshPeers);

  function unbind(): void {
    if (!bound) return;
    bound = false;
    monitor.stop();
    call.off('joined-meeting', onJoined);
    call.off('left-meeting', onLeft);
    call.off('call-instance-destroyed', onDestroyed);
    call.off('network-quality-change', onQuality);
    call.off('network-connection', onConnection);
    call.off('cpu-load-change', onCpu);
    call.off('participant-joined', refreshPeers);
    call.off('participant-updated', refreshPeers);
    call.off('participant-left', refreshPeers);
  }

  if (isJoined(call)) onJoined();
  return unbind;
}

/** The source a monitor polls: the call itself, refusing politely once the call object is gone. */
export function dailyStatsSource(call: DailyCallLike): { getNetworkStats: () => Promise<unknown> } {
  return {
    getNetworkStats: () =>
      isDestroyed(call) ? Promise.reject(new Error('call object destroyed')) : call.getNetworkStats(),
  };
}

function isDestroyed(call: DailyCallLike): boolean {
  try {
    return call.isDestroyed();
  } catch {
    return true;
  }
}

function isJoined(call: DailyCallLike): boolean {
  try {
    return !call.isDestroyed() && call.meetingState() === 'joined-meeting';
  } catch {
    return false;
  }
}

/** Remote participants' Daily-reported network quality, when Daily provides it. */
function peersOf(call: DailyCallLike): PeerQuality[] {
  const out: PeerQuality[] = [];
  try {
    for (const p of Object.values(call.participants())) {
      if (p.local || !p.networkQualityState) continue;
      out.push({ id: p.session_id, name: p.user_name || 'Guest', networkQualityState: p.networkQualityState });
    }
  } catch {
    // participants() throws on a destroyed call; no peers is the honest answer.
  }
  return out;
}

/** Track states in which media is on its way to us; `sendable` is sent to the SFU but not to us (unsubscribed). */
const ARRIVING = new Set(['playable', 'loading', 'interrupted']);

/**
 * Whether any remote participant's media should be arriving, so that receive bitrate falling to 0 is a
 * stall and not everyone having turned their camera and microphone off. Null when the call gives no track
 * states (the rule then applies as it does to a plain WebRTC call). Nobody else in the room: false.
 */
function remoteSending(call: DailyCallLike): boolean | null {
  try {
    let untold = false;
    for (const p of Object.values(call.participants())) {
      if (p.local) continue;
      if (!p.tracks) untold = true;
      else for (const t of Object.values(p.tracks)) if (t && ARRIVING.has(t.state)) return true;
    }
    // Alone in the room, nothing is owed to us; a participant without track states leaves it open.
    return untold ? null : false;
  } catch {
    return null;
  }
}

export interface DailyMonitorOptions extends Omit<MonitorOptions, 'source' | 'readReported'> {}

/** A monitor polling `call`, bound to its lifecycle. `destroy()` unbinds and stops. */
export function monitorDailyCall(call: DailyCallLike, options: DailyMonitorOptions = {}): { monitor: Monitor; destroy: () => void } {
  const monitor = new Monitor({ ...options, source: dailyStatsSource(call), readReported: true });
  const destroy = watchDailyCall(call, monitor);
  return { monitor, destroy };
}
