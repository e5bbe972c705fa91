// The benchmark page. The runner (scripts/bench.mjs) drives it through window.bench and measures memory
// over CDP between phases; timing is taken here, with performance.now(), which the clock shim leaves real.
import WebRTCIssueDetector from 'webrtc-issue-detector';
import { createReplaySource, createWebRTCStatsSource, mountCallHealth, preloadPanel, type CallHealthHandle } from '../src/index';
import { startLoopbackCall, type LoopbackCall } from '../src/testing/loopback-call';
import { accelerate, hold } from './clock';
import { nextStats, restamp } from './stats';
import { openDump } from './dump-open';
import { openFile, openFullSession } from './file-open';

const widgetEl = () => document.getElementById('widget') as HTMLElement;
let handle: CallHealthHandle | null = null;
let polls = 0;

/**
 * Times polls: `start()` when the poll begins; the poll ends when the handle's `onPoll` is told (the widget
 * has taken the poll in), plus two microtask turns so deferred component renders queued by the poll are
 * counted too. Frame rendering is not part of a poll (the browser batches it per frame); pollToPaint covers that.
 */
function pollTimer(onDone: (ms: number) => void) {
  let t0 = -1;
  return {
    start(at = performance.now()) {
      t0 = at;
    },
    /** For `handle.onPoll`. */
    end(): void {
      if (t0 < 0) return;
      const start = t0;
      t0 = -1;
      queueMicrotask(() => queueMicrotask(() => onDone(performance.now() - start)));
    },
  };
}

/** Mounts the panel on an accelerated Daily-shaped source; every poll's main-thread time is recorded. */
function mountTimed(speed: number, record: boolean) {
  accelerate(speed);
  const times: number[] = [];
  const timer = pollTimer((ms) => {
    if (record) times.push(ms);
  });
  const h = mountCallHealth(widgetEl(), {
    mode: 'panel',
    announceDelayMs: 3_000,
    source: {
      getNetworkStats: () => {
        polls++;
        // The poll starts once the source's result is taken: making up the stats is the bench's work.
        const stats = nextStats(2_000, steady);
        timer.start();
        return Promise.resolve(stats);
      },
    },
  });
  // The first poll runs on a timer: subscribed here, it is timed too.
  h.onPoll(timer.end);
  handle = h;
  return times;
}

/** Healthy, constant stats: measurements compare the page in the same state, not two different verdicts. */
let steady = false;

function until(cond: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const check = () => (cond() ? resolve() : requestAnimationFrame(check));
    check();
  });
}

const bench = {
  /** Opens a 5 MB dump as the demo's file picker does; the longest main-thread task while it does. */
  openDump,
  /** Opens one of the runner's files at the limits as the demo's file picker does; the longest task while it does. */
  openFile,
  /** Opens the densest file the widget writes itself, a whole 12-hour session export, the same way. */
  openFullSession,

  /** p50/p95/max of one poll, back to back (1000× time). */
  async pollCost(n: number, warmup = 50): Promise<number[]> {
    await preloadPanel(); // measure polls, not the one-time load of the panel's chunk
    polls = 0;
    const times = mountTimed(1000, true);
    await until(() => polls >= n + warmup);
    handle?.destroy();
    handle = null;
    return times.slice(warmup, warmup + n);
  },

  /**
   * JS allocation of `n` polls on the Daily path (panel mode, real timers, a poll every 20 ms with the
   * default window's 15 samples), measured by the runner's sampling heap profiler. The source hands out 64
   * prebuilt results in turn, restamped in place, so the bytes counted are the widget's, not the bench's.
   */
  async allocPolls(n: number): Promise<number> {
    await preloadPanel();
    const results = Array.from({ length: 64 }, () => nextStats(2_000));
    let done = 0;
    const h = mountCallHealth(widgetEl(), {
      mode: 'panel',
      announceDelayMs: 3_000,
      intervalMs: 20,
      windowMs: 300,
      staleAfterMs: 100,
      source: {
        getNetworkStats: () => {
          const raw = results[done++ % results.length]!;
          restamp(raw, Date.now());
          return Promise.resolve(raw);
        },
      },
    });
    handle = h;
    await until(() => done >= n);
    h.destroy();
    handle = null;
    return done;
  },

  /** From a poll's result to the frame that shows it: the badge must already be updated in that frame. */
  async pollToPaint(n: number): Promise<{ ms: number[]; sameFrame: number }> {
    accelerate(20); // a poll every 100 ms: several frames apart
    const ms: number[] = [];
    let sameFrame = 0;
    let t0 = 0;
    handle = mountCallHealth(widgetEl(), {
      mode: 'panel',
      source: {
        getNetworkStats: () => {
          t0 = performance.now();
          const raw = nextStats(2_000, false);
          const start = t0;
          requestAnimationFrame(() => {
            ms.push(performance.now() - start);
            const shown = widgetEl().querySelector('[role="status"]')?.getAttribute('data-state');
            if (shown === handle?.assessment().networkState) sameFrame++;
          });
          return Promise.resolve(raw);
        },
      },
    });
    await until(() => ms.length >= n);
    handle.destroy();
    handle = null;
    return { ms, sameFrame };
  },

  /** Starts an accelerated call for the 8-hour run; the runner holds it between measurements. */
  startLong(speed: number): void {
    polls = 0;
    mountTimed(speed, false);
  },
  polls: () => polls,
  hold,
  steady: (on: boolean) => {
    steady = on;
  },
  sessionBytes: (): number | null => handle?.sessionBytes() ?? null,
  stopLong(): void {
    handle?.destroy();
    handle = null;
  },

  /** Mount and destroy the widget `n` times (panel mode, replay source, a few polls each). */
  async cycles(n: number): Promise<void> {
    const trace = await (await fetch('/traces/good.json')).json();
    for (let i = 0; i < n; i++) {
      const h = mountCallHealth(widgetEl(), { mode: 'panel', source: createReplaySource(trace, { speed: 20 }), intervalMs: 50 });
      await new Promise((r) => setTimeout(r, 20));
      h.destroy();
    }
  },
  state: () => handle?.assessment().networkState ?? null,

  // --- real WebRTC: ours vs webrtc-issue-detector on the same loopback call ---
  call: null as LoopbackCall | null,
  async startCall(): Promise<string> {
    const call = await startLoopbackCall({ useDevices: true });
    bench.call = call;
    const video = document.getElementById('remote') as HTMLVideoElement;
    video.srcObject = call.remoteStream;
    return call.media;
  },
  ourPollTimes: [] as number[],
  ourPolls: 0,
  /** Our widget on the call. Each pc.getStats() is timed: its synchronous part + from its result to the end of the poll. */
  startOurs(intervalMs: number, mode: 'panel' | 'badge' = 'panel'): void {
    const call = bench.call;
    if (!call) throw new Error('no call');
    accelerate(1, false);
    const timer = pollTimer((ms) => bench.ourPollTimes.push(ms));
    rtcTimer = timer;
    // 15 samples in the window, as with the defaults (2 s polls, 30 s window), whatever the cadence.
    const h = mountCallHealth(widgetEl(), { mode, source: createWebRTCStatsSource(call.pcs[0]), intervalMs, windowMs: intervalMs * 15, staleAfterMs: intervalMs * 5 });
    h.onPoll(timer.end);
    handle = h;
  },
  stopOurs(): void {
    handle?.destroy();
    handle = null;
  },
  detector: null as WebRTCIssueDetector | null,
  detectorPolls: 0,
  startDetector(intervalMs: number): void {
    const call = bench.call;
    if (!call) throw new Error('no call');
    const wid = new WebRTCIssueDetector({
      autoAddPeerConnections: false,
      getStatsInterval: intervalMs,
      onIssues: () => {},
      onNetworkScoresUpdated: () => {},
      onStats: () => {
        bench.detectorPolls++;
      },
    });
    wid.handleNewPeerConnection(call.pcs[0]);
    bench.detector = wid;
  },
  stopDetector(): void {
    bench.detector?.stopWatchingNewPeerConnections();
    bench.detector = null;
  },
  barePolls: 0,
  bareRun: null as object | null,
  /**
   * The floor of any getStats-based tool: the same pc.getStats() at the same cadence, each report walked
   * once (every parser walks it) and nothing else done with it.
   */
  startBare(intervalMs: number): void {
    const pc = bench.call?.pcs[0];
    if (!pc) throw new Error('no call');
    const run = {};
    bench.bareRun = run;
    const poll = async () => {
      if (bench.bareRun !== run) return;
      const report = await pc.getStats();
      report.forEach(() => {});
      bench.barePolls++;
      setTimeout(poll, intervalMs);
    };
    setTimeout(poll, intervalMs);
  },
  stopBare(): void {
    bench.bareRun = null;
  },
};

// Per-poll timing of our WebRTC path: the widget makes one pc.getStats() per poll; a poll costs the call's
// synchronous part plus everything from its result to the end of the poll (the browser gathers the
// report off the main thread in between).
const originalGetStats = RTCPeerConnection.prototype.getStats;
let rtcTimer: ReturnType<typeof pollTimer> | null = null;
RTCPeerConnection.prototype.getStats = function (this: RTCPeerConnection, ...args: []) {
  if (!handle || !rtcTimer) return originalGetStats.apply(this, args);
  const timer = rtcTimer;
  const t0 = performance.now();
  const p = originalGetStats.apply(this, args);
  const sync = performance.now() - t0;
  bench.ourPolls++;
  return p.then((report) => {
    timer.start(performance.now() - sync);
    return report;
  });
} as typeof RTCPeerConnection.prototype.getStats;

Object.assign(window, { bench });
