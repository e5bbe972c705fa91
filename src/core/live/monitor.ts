import { createPoller, type Fetch, type PollHealth, type Poller } from './poller';
import { NetworkWindow, type Assessment, type NetworkState, type NetworkWindowOptions } from './window';
import { NETWORK_STATES, REASONS, type ReasonKey } from '../catalogue';
import { isRecord, own } from './normalize';
import { POLL_INTERVAL_MS } from '../defaults';

/** Anything with Daily's `getNetworkStats()`: a daily-js call object, a WebRTC or replay source. */
export interface StatsSource {
  getNetworkStats: Fetch;
  /**
   * False when the `networkState` in the source's results is a placeholder (a WebRTC source has no verdict
   * of its own): the widget then shows no "Daily says". Daily calls and replayed Daily recordings have one.
   */
  readonly hasOwnVerdict?: boolean;
}

/** `interrupted`: dropped and trying again (Daily's network-connection, ICE `disconnected`); `failed`: given up (ICE `failed`). */
export type ConnectionState = 'connected' | 'interrupted' | 'failed';
/**
 * Media isn't getting through: `stalled` (connected, but nothing has arrived or left for STALL_SAMPLES
 * samples after media flowed), `reconnecting` (the connection dropped, unless the newest poll, taken wholly
 * after the drop, shows media arriving), `lost` (the connection failed).
 */
export type Outage = 'stalled' | 'reconnecting' | 'lost';
export interface ReportedVerdict {
  networkState: NetworkState;
  networkStateReasons: ReasonKey[];
}
export interface CpuLoad {
  state: 'low' | 'high';
  reason: string;
}
export interface PeerQuality {
  id: string;
  name: string;
  networkQualityState: NetworkState;
}

/** Everything the widget shows, at one moment. Plain data: safe to hand to any listener. */
export interface Snapshot {
  assessment: Assessment;
  health: PollHealth;
  /** Polls have failed three times in a row (or the last poll timed out): the verdict can't be refreshed. */
  statsUnavailable: boolean;
  /** The source is being polled (for Daily: the meeting is joined). */
  active: boolean;
  connection: ConnectionState | null;
  /** The source's own verdict (Daily's networkState), when the source has one. */
  reported: ReportedVerdict | null;
  cpuLoad: CpuLoad | null;
  peers: PeerQuality[];
  /**
   * Whether the others in the call are sending anything to us, where the source can tell (Daily's track
   * states): false turns a receive stall into what it is, nobody sending. Null: can't tell.
   */
  remoteSending: boolean | null;
  /** Set while media isn't getting through; the assessment then reads bad, whatever the window held. */
  outage: Outage | null;
}

export type MonitorEvent = 'sample' | 'failure' | 'context' | 'reset';
export type MonitorListener = (snapshot: Snapshot, event: MonitorEvent) => void;

export interface MonitorOptions extends NetworkWindowOptions {
  source: StatsSource;
  intervalMs?: number;
  timeoutMs?: number;
  /** Take the source's own networkState from each poll result (true for Daily). */
  readReported?: boolean;
  /** Called with every sample the window took (raw, as the source gave it). */
  onSample?: (raw: unknown, takenAt: number) => void;
  now?: () => number;
}

const FAILURES_BEFORE_UNAVAILABLE = 3;

/** Poller + window + the call's context, with one subscription that tells the UI what changed. */
export class Monitor {
  readonly window: NetworkWindow;
  private readonly poller: Poller;
  private readonly listeners = new Set<MonitorListener>();
  private readonly now: () => number;
  private readonly options: MonitorOptions;
  /** Re-emits when the verdict goes stale: with polls hanging or backed off, nothing else would say so. */
  private staleTimer: ReturnType<typeof setTimeout> | undefined;
  /** When the connection state last changed, and the samples since taken wholly after it (see snapshot). */
  private changedAt = 0;
  private afterChange = 0;
  /** When the poll now answering was asked. */
  private askedAt = 0;
  /** When polling (re)started; null while stopped. */
  private startedAt: number | null = null;
  private readonly onStale = () => {
    this.staleTimer = undefined;
    this.emit('context');
  };
  private ctx: Context = {
    active: false,
    connection: null,
    reported: null,
    cpuLoad: null,
    peers: [],
    remoteSending: null,
  };

  constructor(options: MonitorOptions) {
    this.options = options;
    this.now = options.now ?? Date.now;
    this.window = new NetworkWindow({ ...options, intervalMs: options.intervalMs ?? POLL_INTERVAL_MS });
    const source = options.source;
    this.poller = createPoller({
      fetch: () => {
        this.askedAt = this.now();
        return source.getNetworkStats();
      },
      intervalMs: options.intervalMs,
      timeoutMs: options.timeoutMs,
      onResult: (raw) => this.take(raw),
      onFailure: () => {
        // A poll that failed proves nothing arrives; the proof starts again.
        this.afterChange = 0;
        this.emit('failure');
      },
    });
  }

  start(): void {
    if (this.poller.running) return;
    this.startedAt = this.now();
    this.ctx.active = true;
    this.poller.start();
    this.emit('context');
  }

  stop(): void {
    this.poller.stop();
    this.startedAt = null;
    clearTimeout(this.staleTimer);
    this.staleTimer = undefined;
    if (this.ctx.active) {
      this.ctx.active = false;
      this.emit('context');
    }
  }

  /** A fresh window and context (a new join is a new call). */
  reset(): void {
    this.window.clear();
    if (this.startedAt !== null) this.startedAt = this.now();
    this.ctx = { active: this.ctx.active, connection: null, reported: null, cpuLoad: null, peers: [], remoteSending: null };
    this.emit('reset');
  }

  update(patch: Partial<Omit<Context, 'active'>>): void {
    const was = this.ctx.connection;
    this.ctx = { ...this.ctx, ...patch };
    if (this.ctx.connection !== was) {
      this.changedAt = this.now();
      this.afterChange = 0;
    }
    this.emit('context');
  }

  /** Re-assesses now and tells subscribers (e.g. when a hidden tab becomes visible again). */
  refresh(): void {
    this.emit('context');
  }

  subscribe(listener: MonitorListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  snapshot(): Snapshot {
    const health = this.poller.health();
    const now = this.now();
    const assessment = this.window.assess(now);
    // Polls that answer with nothing usable would otherwise read "measuring" for ever.
    if (assessment.sampleCount === 0 && this.startedAt !== null && now - this.startedAt > this.window.staleAfterMs) {
      assessment.unknownReason = 'no-samples';
    }
    // Firefox calls a connection disconnected when ICE consent checks go unanswered, and media may flow on
    // for 20 s: a drop that media outlives froze nothing. The first sample after it counts packets from
    // before it, so the proof is the second one on, with nothing failing in between.
    const arriving = this.afterChange > 1 && this.window.arriving;
    const outage = this.ctx.active ? outageOf(this.ctx, assessment, arriving) : null;
    if (outage) {
      // An outage is never Good, nor Measuring: the user's video froze. The graded reasons stay listed.
      assessment.networkState = 'bad';
      assessment.unknownReason = null;
    }
    return {
      assessment,
      health,
      statsUnavailable:
        health.consecutiveTimeouts > 0 || health.consecutiveFailures >= FAILURES_BEFORE_UNAVAILABLE,
      ...this.ctx,
      outage,
    };
  }

  private take(raw: unknown): void {
    const takenAt = this.now();
    const taken = this.window.push(raw, takenAt);
    if (this.options.readReported) {
      const reported = readReported(raw);
      if (reported) this.ctx.reported = reported;
    }
    if (taken) {
      // A sample is after the change only if its poll was asked, and its figures computed, after it: a poll in
      // flight read its counters before, and Daily hands out figures it computed earlier.
      if (Math.min(this.askedAt, this.window.newestTimestamp() ?? 0) >= this.changedAt) this.afterChange++;
      this.options.onSample?.(raw, takenAt);
    }
    this.emit('sample');
  }

  private emit(event: MonitorEvent): void {
    if (this.listeners.size === 0) return;
    const snap = this.snapshot();
    this.armStaleTimer(snap);
    for (const l of this.listeners) {
      try {
        l(snap, event);
      } catch (err) {
        // A host's listener must not stop the widget; report it where developers look.
        console.error('[call-health] listener failed', err);
      }
    }
  }

  private armStaleTimer(snap: Snapshot): void {
    clearTimeout(this.staleTimer);
    this.staleTimer = undefined;
    const a = snap.assessment;
    // The moment the verdict would change by time alone: the newest sample going stale, or no sample yet.
    const from = a.newestTimestamp ?? this.startedAt;
    if (!this.poller.running || from === null || a.unknownReason === 'stale' || a.unknownReason === 'no-samples') return;
    const due = from + this.window.staleAfterMs + 1 - this.now();
    this.staleTimer = setTimeout(this.onStale, Math.max(0, due));
  }
}

type Context = Pick<Snapshot, 'active' | 'connection' | 'reported' | 'cpuLoad' | 'peers' | 'remoteSending'>;

function outageOf(ctx: Context, a: Assessment, arriving: boolean): Outage | null {
  if (ctx.connection === 'failed') return 'lost';
  if (ctx.connection === 'interrupted' && !arriving) return 'reconnecting';
  // A stall only counts while the verdict is fresh: a stale window is the stale state's to explain.
  if (a.stall === null || a.unknownReason === 'stale') return null;
  if (a.stall === 'recv' && ctx.remoteSending === false) return null;
  return 'stalled';
}

/** Daily's events page spells the states `good | low | bad`; `low` is its middle grade, our warning. */
function dailySpelling(state: unknown): NetworkState | undefined {
  return state === 'low' ? 'warning' : undefined;
}

/** Daily's own verdict from a poll result or `network-quality-change` event, validated. */
export function readReported(raw: unknown): ReportedVerdict | null {
  if (!isRecord(raw)) return null;
  const state = own(raw, 'networkState');
  const reasons = own(raw, 'networkStateReasons');
  const networkState = NETWORK_STATES.find((s) => s === state) ?? dailySpelling(state);
  if (!networkState) return null;
  const list = Array.isArray(reasons) ? reasons : [];
  return { networkState, networkStateReasons: REASONS.filter((r) => list.includes(r)) };
}
