// A stand-in for a daily-js call object, implementing DailyCallLike. The real daily-js can't join a room
// here (no internet), so joining, leaving, destroying and the network events are driven by the tests.
import type { DailyEvent, DailyEventObject, DailyMeetingState, DailyNetworkStats } from '@daily-co/daily-js';
import type { DailyCallLike } from '../../src/index';

type Handlers = { [K in DailyEvent]?: Set<(e: DailyEventObject<K>) => void> };

export class FakeCall implements DailyCallLike {
  state: DailyMeetingState = 'new';
  destroyed = false;
  /** The room this call joined; the widget must never repeat its query (the meeting token). */
  readonly url: string;
  // Every event the widget binds, up front: a generic key can read a mapped type but not write it.
  private handlers: Handlers = {
    'joined-meeting': new Set(), 'left-meeting': new Set(), 'call-instance-destroyed': new Set(),
    'network-quality-change': new Set(), 'network-connection': new Set(), 'cpu-load-change': new Set(),
    'participant-joined': new Set(), 'participant-updated': new Set(), 'participant-left': new Set(),
  };
  /** Events bound that the fake doesn't know: the widget started listening to something new. */
  readonly unexpected: string[] = [];
  private readonly stats: () => Promise<DailyNetworkStats>;

  constructor(url: string, stats: () => Promise<DailyNetworkStats>) {
    this.url = url;
    this.stats = stats;
  }

  on<T extends DailyEvent>(event: T, handler: (e: DailyEventObject<T>) => void): this {
    const set = this.handlers[event];
    if (set) set.add(handler);
    else this.unexpected.push(event);
    return this;
  }
  off<T extends DailyEvent>(event: T, handler: (e: DailyEventObject<T>) => void): this {
    this.handlers[event]?.delete(handler);
    return this;
  }
  emit<T extends DailyEvent>(event: T, payload: DailyEventObject<T>): void {
    for (const h of this.handlers[event] ?? []) h(payload);
  }
  listenerCount(): number {
    return Object.values(this.handlers).reduce((n, set) => n + set.size, 0);
  }
  meetingState(): DailyMeetingState {
    return this.state;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  participants() {
    return { local: { local: true, session_id: 'me', user_name: 'Me', networkQualityState: 'good' as const } };
  }
  getNetworkStats(): Promise<DailyNetworkStats> {
    if (this.destroyed) return Promise.reject(new Error(`call destroyed (${this.url})`));
    return this.stats();
  }

  join(): void {
    this.state = 'joined-meeting';
    this.emit('joined-meeting', { action: 'joined-meeting', callClientId: 'c', participants: { local: this.localParticipant() } });
  }
  leave(): void {
    this.state = 'left-meeting';
    this.emit('left-meeting', { action: 'left-meeting', callClientId: 'c' });
  }
  destroy(): void {
    this.destroyed = true;
    this.emit('call-instance-destroyed', { action: 'call-instance-destroyed', callClientId: 'c' });
  }
  connection(type: 'signaling' | 'sfu' | 'peer-to-peer', event: 'interrupted' | 'connected'): void {
    this.emit('network-connection', { action: 'network-connection', callClientId: 'c', type, event });
  }

  private localParticipant(): DailyEventObject<'joined-meeting'>['participants']['local'] {
    return {
      local: true, owner: false, session_id: 'me', user_id: 'me', user_name: 'Me', joined_at: new Date(),
      networkThreshold: 'good', networkQualityState: 'good', will_eject_at: new Date(0), participantType: 'unknown',
      permissions: { hasPresence: true, canSend: true, canReceive: { base: true }, canAdmin: false },
      tracks: { audio: { state: 'off', subscribed: false }, video: { state: 'off', subscribed: false }, screenAudio: { state: 'off', subscribed: false }, screenVideo: { state: 'off', subscribed: false } },
      record: false, audio: false, video: false, screen: false, cam_info: {}, screen_info: {},
    };
  }
}
