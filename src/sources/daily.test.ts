import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DailyEvent, DailyEventObject, DailyMeetingState, DailyNetworkStats } from '@daily-co/daily-js';
import { monitorDailyCall, type DailyCallLike } from './daily';
import { DOCS_SAMPLE, HEALTHY } from '../core/fixtures/samples';

// A stand-in for daily-js's event bus and meeting state. The real daily-js can't join a room here (no
// internet); e2e/daily-source.spec.ts runs the real package unjoined in Chromium.
class FakeCall implements DailyCallLike {
  state: DailyMeetingState = 'new';
  destroyed = false;
  polls = 0;
  private handlers = new Map<string, Set<unknown>>();
  private ts = Date.now();

  on<T extends DailyEvent>(event: T, handler: (event: DailyEventObject<T>) => void): this {
    if (!this.handlers.has(event)) this.handlers.set(event, new Set());
    this.handlers.get(event)?.add(handler);
    return this;
  }
  off<T extends DailyEvent>(event: T, handler: (event: DailyEventObject<T>) => void): this {
    this.handlers.get(event)?.delete(handler);
    return this;
  }
  emit<T extends DailyEvent>(event: T, payload: DailyEventObject<T>): void {
    for (const h of this.handlers.get(event) ?? []) (h as (e: DailyEventObject<T>) => void)(payload);
  }
  listenerCount(): number {
    let n = 0;
    for (const set of this.handlers.values()) n += set.size;
    return n;
  }
  meetingState(): DailyMeetingState {
    return this.state;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  people: ReturnType<DailyCallLike['participants']> = {
    local: { local: true, session_id: 'me', user_name: 'Me', networkQualityState: 'good' },
    peer1: { local: false, session_id: 'peer1', user_name: 'Ada', networkQualityState: 'bad' },
  };
  participants(): ReturnType<DailyCallLike['participants']> {
    return this.people;
  }
  getNetworkStats(): Promise<DailyNetworkStats> {
    this.polls++;
    if (this.state !== 'joined-meeting') {
      return Promise.resolve({ stats: {}, networkState: 'unknown', networkStateReasons: [], threshold: 'good', quality: 100 });
    }
    this.ts += 2_000;
    return Promise.resolve({
      networkState: 'warning',
      networkStateReasons: ['roundTripTime'],
      threshold: 'good',
      quality: 80,
      stats: { ...DOCS_SAMPLE.stats, latest: { ...HEALTHY, timestamp: this.ts } },
    });
  }
  join(): void {
    this.state = 'joined-meeting';
    this.emit('joined-meeting', { action: 'joined-meeting', callClientId: 'c', participants: this.participantsForEvent() });
  }
  leave(): void {
    this.state = 'left-meeting';
    this.emit('left-meeting', { action: 'left-meeting', callClientId: 'c' });
  }
  private participantsForEvent(): DailyEventObject<'joined-meeting'>['participants'] {
    return {} as DailyEventObject<'joined-meeting'>['participants'];
  }
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('Daily source', () => {
  it('does not poll before the meeting is joined', async () => {
    const call = new FakeCall();
    const { monitor, destroy } = monitorDailyCall(call);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(call.polls).toBe(0);
    expect(monitor.snapshot()).toMatchObject({ active: false, assessment: { networkState: 'unknown', unknownReason: 'measuring' } });
    destroy();
  });

  it('starts on joined-meeting, builds a verdict, and keeps Daily\'s own verdict beside it', async () => {
    const call = new FakeCall();
    const { monitor, destroy } = monitorDailyCall(call);
    call.join();
    await vi.advanceTimersByTimeAsync(4_000);
    expect(call.polls).toBe(3);
    const s = monitor.snapshot();
    expect(s.active).toBe(true);
    expect(s.assessment.networkState).toBe('good');
    expect(s.reported).toEqual({ networkState: 'warning', networkStateReasons: ['roundTripTime'] });
    expect(s.peers).toEqual([{ id: 'peer1', name: 'Ada', networkQualityState: 'bad' }]);
    destroy();
  });

  it('starts at once when the call is already joined', async () => {
    const call = new FakeCall();
    call.state = 'joined-meeting';
    const { destroy } = monitorDailyCall(call);
    await vi.advanceTimersByTimeAsync(0);
    expect(call.polls).toBe(1);
    destroy();
  });

  it('stops on left-meeting, and a new join starts a fresh window', async () => {
    const call = new FakeCall();
    const { monitor, destroy } = monitorDailyCall(call);
    call.join();
    await vi.advanceTimersByTimeAsync(6_000);
    expect(monitor.window.count()).toBe(4);
    call.leave();
    const polls = call.polls;
    await vi.advanceTimersByTimeAsync(20_000);
    expect(call.polls).toBe(polls);
    expect(monitor.snapshot().active).toBe(false);
    call.join();
    await vi.advanceTimersByTimeAsync(0);
    expect(monitor.window.count()).toBe(1);
    destroy();
  });

  it('follows network-connection (any link interrupted) and cpu-load-change', async () => {
    const call = new FakeCall();
    const { monitor, destroy } = monitorDailyCall(call);
    call.join();
    call.emit('network-connection', { action: 'network-connection', callClientId: 'c', type: 'sfu', event: 'interrupted' });
    call.emit('network-connection', { action: 'network-connection', callClientId: 'c', type: 'signaling', event: 'connected' });
    expect(monitor.snapshot().connection).toBe('interrupted');
    call.emit('network-connection', { action: 'network-connection', callClientId: 'c', type: 'sfu', event: 'connected' });
    expect(monitor.snapshot().connection).toBe('connected');
    call.emit('cpu-load-change', { action: 'cpu-load-change', callClientId: 'c', cpuLoadState: 'high', cpuLoadStateReason: 'encode' });
    expect(monitor.snapshot().cpuLoad).toEqual({ state: 'high', reason: 'encode' });
    destroy();
  });

  it('tells the monitor whether anyone is sending to us, from remote track states (a receive stall needs a sender)', () => {
    const tracksOf = (state: 'off' | 'playable' | 'sendable') => ({
      audio: { state, subscribed: true }, video: { state: 'off', subscribed: true },
      screenAudio: { state: 'off', subscribed: false }, screenVideo: { state: 'off', subscribed: false },
    } as const);
    const local = { local: true, session_id: 'me', user_name: 'Me', networkQualityState: 'good' } as const;
    const ada = { local: false, session_id: 'ada', user_name: 'Ada', networkQualityState: 'good' } as const;
    const rooms = {
      off: { local, ada: { ...ada, tracks: tracksOf('off') } },
      sendable: { local, ada: { ...ada, tracks: tracksOf('sendable') } },
      playable: { local, ada: { ...ada, tracks: tracksOf('playable') } },
      alone: { local },
      untold: { local, ada },
    };
    const call = new FakeCall();
    const { monitor, destroy } = monitorDailyCall(call);
    call.join();
    const seen: Array<boolean | null> = [];
    for (const r of ['off', 'sendable', 'playable', 'alone', 'untold'] as const) {
      call.people = rooms[r];
      call.emit('participant-updated', { action: 'participant-updated', callClientId: 'c' } as DailyEventObject<'participant-updated'>);
      seen.push(monitor.snapshot().remoteSending);
    }
    // sendable: sent to the SFU but not subscribed by us, so nothing is owed to this page.
    expect(seen).toEqual([false, false, true, false, null]);
    destroy();
  });

  it('takes network-quality-change as Daily\'s verdict, with unknown reasons dropped', () => {
    const call = new FakeCall();
    const { monitor, destroy } = monitorDailyCall(call);
    call.emit('network-quality-change', {
      action: 'network-quality-change', callClientId: 'c', networkState: 'bad',
      networkStateReasons: ['sendPacketLoss'], threshold: 'very-low', quality: 10, stats: {},
    });
    expect(monitor.snapshot().reported).toEqual({ networkState: 'bad', networkStateReasons: ['sendPacketLoss'] });
    destroy();
  });

  it('stops polling without error when the call instance is destroyed, and removes every listener', async () => {
    const call = new FakeCall();
    const { monitor } = monitorDailyCall(call);
    expect(call.listenerCount()).toBeGreaterThan(0);
    call.join();
    await vi.advanceTimersByTimeAsync(2_000);
    call.destroyed = true;
    call.emit('call-instance-destroyed', { action: 'call-instance-destroyed', callClientId: 'c' });
    const polls = call.polls;
    await vi.advanceTimersByTimeAsync(10_000);
    expect(call.polls).toBe(polls);
    expect(call.listenerCount()).toBe(0);
    expect(monitor.snapshot().active).toBe(false);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('destroy() removes every listener it added and leaves no timer', async () => {
    const call = new FakeCall();
    const { destroy } = monitorDailyCall(call);
    call.join();
    await vi.advanceTimersByTimeAsync(1_000);
    destroy();
    expect(call.listenerCount()).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });
});
