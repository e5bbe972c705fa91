import type {
  DailyEvent,
  DailyEventObject,
  DailyMeetingState,
  DailyNetworkStats,
  DailyParticipant,
  DailyEventObjectCpuLoadEvent,
  DailyEventObjectNetworkConnectionEvent,
  DailyEventObjectNetworkQualityEvent,
} from '@daily-co/daily-js';
import type { ConnectionState, MonitorOptions, PeerQuality } from '../core/monitor';
import { Monitor } from '../core/monitor';
import { readReported } from '../core/monitor';

/**
 * The part of daily-js's `DailyCall` we use. A real call object or Prebuilt frame satisfies it as it is
 * (no casts); naming the subset keeps the widget honest about what it touches.
 */
export interface DailyCallLike {
  on<T extends DailyEvent>(event: T, handler: (event: DailyEventObject<T>) => void): unknown;
  off<T extends DailyEvent>(event: T, handler: (event: DailyEventObject<T>) => void): unknown;
  meetingState(): DailyMeetingState;
  isDestroyed(): boolean;
  participants(): Record<
    string,
    Pick<DailyParticipant, 'local' | 'session_id' | 'user_name' | 'networkQualityState'> & { tracks?: DailyParticipant['tracks'] }
  >;
  getNetworkStats(): Promise<DailyNetworkStats>;
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
  const onQuality = (ev: DailyEventObjectNetworkQualityEvent) => {
    const reported = readReported(ev);
    if (reported) monitor.update({ reported });
  };
  const onConnection = (ev: DailyEventObjectNetworkConnectionEvent) => {
    if (ev.event !== 'interrupted' && ev.event !== 'connected') return;
    links.set(ev.type, ev.event);
    const connection: ConnectionState = [...links.values()].includes('interrupted') ? 'interrupted' : 'connected';
    monitor.update({ connection });
  };
  const onCpu = (ev: DailyEventObjectCpuLoadEvent) =>
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
