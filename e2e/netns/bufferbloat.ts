import { spawn, type ChildProcess } from 'node:child_process';
import type { Namespace } from './namespace';
import { killGroupNow, run, stopGroup, tryRun } from './sh';

// These machines' kernels have no netem, so delay is made the way real networks make it: a slow bottleneck
// (tbf) whose queue cross traffic keeps full. Everything sent over the namespace's lo waits behind it.

export interface BufferbloatOptions {
  /** The bottleneck's rate, tc syntax ('2mbit'). */
  rate: string;
  /**
   * tbf's `latency`: how long a packet may wait before tbf drops it, which bounds the queue in bytes. Set
   * above the delay the streams make, it only caps the queue, so nothing (the call's media included) is lost.
   */
  latency: string;
  /** iperf3's UDP rate per stream, iperf3 syntax ('3M'): together above `rate`, so the queue never drains. */
  crossRate: string;
  /**
   * Parallel iperf3 streams. A sender outrunning the bottleneck doesn't fill tbf's queue to its limit: its
   * socket blocks once its send buffer's worth sits in the queue (≈ 57 KB of 1200-byte datagrams here). So
   * the depth — and the delay — is set by the number of streams, and nothing is dropped.
   */
  streams: number;
  /**
   * iperf3's datagram size. iperf3 otherwise sizes UDP datagrams from lo's 64 KiB MTU, and tbf drops
   * every packet larger than its 4 KiB burst: the queue would stay empty.
   */
  datagramBytes: number;
  /** iperf3's -t: longer than the test needs, but bounded, so a stream a killed run leaves behind ends by itself. */
  maxSeconds: number;
}

export interface Bufferbloat {
  /** `tc -s qdisc show dev lo` inside the namespace: queue backlog and drops, for the log. */
  stats(): string;
  /** Ends iperf3 (client and server) and removes the queue. */
  stop(): Promise<void>;
  /** Synchronous SIGKILL of iperf3, for process 'exit' handlers; the queue goes with the namespace. */
  killNow(): void;
}

/** Private to the namespace's port space, so no other iperf3 on the host can collide. */
const IPERF_PORT = 5201;

/**
 * A `tbf` bottleneck on the namespace's lo and an iperf3 UDP stream between the namespace's own address
 * and itself (server and client inside the namespace) that keeps its queue full.
 */
export async function addBufferbloat(ns: Namespace, o: BufferbloatOptions): Promise<Bufferbloat> {
  ns.exec('tc', ['qdisc', 'add', 'dev', 'lo', 'root', 'tbf', 'rate', o.rate, 'burst', '32kbit', 'latency', o.latency]);
  const procs: ChildProcess[] = [];
  const killNow = () => procs.forEach(killGroupNow);
  const stop = async () => {
    // Client first: a server stopped first would leave the client's datagrams filling the queue anyway.
    for (const p of [...procs].reverse()) await stopGroup(p);
    tryRun('ip', ['netns', 'exec', ns.name, 'tc', 'qdisc', 'del', 'dev', 'lo', 'root']);
    const left = ns.exec('tc', ['qdisc', 'show', 'dev', 'lo']);
    if (left.includes('tbf')) throw new Error(`the tbf queue is still on lo:\n${left}`);
  };
  try {
    // -1: the server ends with its one client, even if we never get to stop it. --forceflush: into a pipe,
    // iperf3's output is otherwise block-buffered, and the readiness lines below would never arrive.
    const server = spawnInNamespace(ns, 'iperf3', ['--forceflush', '-s', '-1', '-B', ns.address, '-p', String(IPERF_PORT)]);
    procs.push(server.child);
    await server.waitFor('Server listening', 5_000);
    const client = spawnInNamespace(ns, 'iperf3', [
      '--forceflush', '-c', ns.address, '-p', String(IPERF_PORT), '-u', '-b', o.crossRate, '-P', String(o.streams),
      '-l', String(o.datagramBytes), '-t', String(o.maxSeconds),
    ]);
    procs.push(client.child);
    // The first interval report: datagrams are flowing (the control connection alone says nothing).
    await client.waitFor('Total Datagrams', 5_000);
  } catch (err) {
    await stop().catch(() => undefined);
    throw err;
  }
  return { stats: () => ns.exec('tc', ['-s', 'qdisc', 'show', 'dev', 'lo']), stop, killNow };
}

/** Tries the bottleneck queue once (tbf at lo's root) and that iperf3 runs; null when both work. */
export function probeBufferbloat(ns: Namespace): string | null {
  try {
    ns.exec('tc', ['qdisc', 'add', 'dev', 'lo', 'root', 'tbf', 'rate', '2mbit', 'burst', '32kbit', 'latency', '400ms']);
    ns.exec('tc', ['qdisc', 'del', 'dev', 'lo', 'root']);
  } catch (err) {
    return `tc tbf at lo's root is not usable: ${err instanceof Error ? err.message : String(err)}`;
  }
  try {
    run('iperf3', ['--version']);
  } catch (err) {
    return `iperf3 doesn't run: ${err instanceof Error ? err.message : String(err)}`;
  }
  return null;
}

export interface PingSample {
  /** When the reply arrived (ping -D), ms since the epoch. */
  at: number;
  seq: number;
  rttMs: number;
}

export interface Ping {
  /** The replies so far, oldest first. */
  readonly samples: readonly PingSample[];
  /** ping's own summary line (rtt min/avg/max/mdev), once it has ended by itself; else null. */
  summary(): string | null;
  /** Resolves when ping has exited. */
  readonly done: Promise<void>;
  stop(): Promise<void>;
  killNow(): void;
}

/**
 * `ping -D -n -c count -i intervalS target` inside the namespace, its per-packet round trips collected as
 * they arrive — the ground truth for round trips through whatever queue lo has at the time.
 */
export function startPing(ns: Namespace, target: string, count: number, intervalS: number): Ping {
  const proc = spawnInNamespace(ns, 'ping', ['-D', '-n', '-c', String(count), '-i', String(intervalS), target]);
  const samples: PingSample[] = [];
  let summary: string | null = null;
  let pending = '';
  proc.child.stdout?.on('data', (b: Buffer) => {
    pending += b.toString();
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      const reply = /^\[(\d+\.\d+)\] .*icmp_seq=(\d+) .*time=([\d.]+) ms/.exec(line);
      if (reply) samples.push({ at: Number(reply[1]) * 1000, seq: Number(reply[2]), rttMs: Number(reply[3]) });
      else if (line.startsWith('rtt ')) summary = line.trim();
    }
  });
  const done = new Promise<void>((ok) => {
    if (proc.child.exitCode !== null) ok();
    else proc.child.once('exit', () => ok());
  });
  return { samples, summary: () => summary, done, stop: () => stopGroup(proc.child), killNow: () => killGroupNow(proc.child) };
}

export interface RttSummary {
  count: number;
  meanMs: number;
  medianMs: number;
  minMs: number;
  maxMs: number;
  /** Arrival times of the first and last reply counted. */
  firstAt: number;
  lastAt: number;
}

/** Mean, median and range of the ping replies that arrived in (from, to]; null when none did. */
export function rttBetween(samples: readonly PingSample[], from: number, to: number): RttSummary | null {
  const inside = samples.filter((s) => s.at > from && s.at <= to);
  if (inside.length === 0) return null;
  const sorted = inside.map((s) => s.rttMs).sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
  return {
    count: inside.length,
    meanMs: sorted.reduce((a, b) => a + b, 0) / sorted.length,
    medianMs: median,
    minMs: sorted[0] ?? 0,
    maxMs: sorted[sorted.length - 1] ?? 0,
    firstAt: inside[0]?.at ?? 0,
    lastAt: inside[inside.length - 1]?.at ?? 0,
  };
}

/**
 * A command inside the namespace in its own process group (so stopping it ends exactly it), its output
 * kept (the last 8 KB) for error messages. Reading the pipes also keeps a chatty child from blocking.
 */
function spawnInNamespace(ns: Namespace, cmd: string, args: readonly string[]) {
  const child = spawn('ip', ['netns', 'exec', ns.name, cmd, ...args], { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  const onData = (b: Buffer) => {
    log = (log + b.toString()).slice(-8_192);
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const waitFor = (text: string, timeoutMs: number) =>
    new Promise<void>((ok, fail) => {
      const check = () => {
        if (!log.includes(text)) return;
        cleanup();
        ok();
      };
      const onExit = (code: number | null) => {
        cleanup();
        fail(new Error(`${cmd} ${args.join(' ')} exited (${code}) before "${text}":\n${log}`));
      };
      const timer = setTimeout(() => {
        cleanup();
        fail(new Error(`${cmd} ${args.join(' ')}: no "${text}" within ${timeoutMs} ms:\n${log}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        child.stdout.off('data', check);
        child.stderr.off('data', check);
        child.off('exit', onExit);
      };
      child.stdout.on('data', check);
      child.stderr.on('data', check);
      child.once('exit', onExit);
      check();
    });
  return { child, waitFor, log: () => log };
}
