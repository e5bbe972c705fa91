import { randomBytes } from 'node:crypto';
import { run, tryRun } from './sh';

const PREFIX = 'chealth-';

export interface Namespace {
  name: string;
  /** The namespace's own (inside) address: the host candidate both peers use. */
  address: string;
  /** Runs a command inside the namespace. */
  exec(cmd: string, args: readonly string[]): string;
  destroy(): void;
}

/**
 * A fresh network namespace with a veth pair (inside and outside ends addressed): Chromium gathers no ICE
 * candidates when a namespace has only `lo`. Both peers live in one page, so their packets between the
 * inside address and itself travel over the namespace's `lo` — that is where impairments go.
 */
export function createNamespace(): Namespace {
  removeStaleNamespaces();
  const tag = randomBytes(3).toString('hex');
  const name = `${PREFIX}${process.pid}-${tag}`;
  const hostIf = `chh${tag}`;
  const nsIf = `chn${tag}`;
  const subnet = freeSubnet();
  const outside = `${subnet}.1`;
  const inside = `${subnet}.2`;
  const exec = (cmd: string, args: readonly string[]) => run('ip', ['netns', 'exec', name, cmd, ...args]);
  run('ip', ['netns', 'add', name]);
  const ns: Namespace = {
    name,
    address: inside,
    exec,
    destroy() {
      // Deleting the namespace deletes its veth end, which takes the outside end and its address along.
      tryRun('ip', ['netns', 'del', name]);
      tryRun('ip', ['link', 'del', hostIf]);
    },
  };
  try {
    run('ip', ['link', 'add', hostIf, 'type', 'veth', 'peer', 'name', nsIf]);
    run('ip', ['link', 'set', nsIf, 'netns', name]);
    run('ip', ['addr', 'add', `${outside}/30`, 'dev', hostIf]);
    run('ip', ['link', 'set', hostIf, 'up']);
    exec('ip', ['addr', 'add', `${inside}/30`, 'dev', nsIf]);
    exec('ip', ['link', 'set', nsIf, 'up']);
    exec('ip', ['link', 'set', 'lo', 'up']);
    // Firefox's ICE fails in a namespace with no default route (Chromium's doesn't mind). Nothing is routed
    // beyond the host's end: media between the two peers never leaves the namespace.
    exec('ip', ['route', 'add', 'default', 'via', outside, 'dev', nsIf]);
    // IPv4 only: the impairments are IPv4 rules, and media must not slip past them over IPv6.
    exec('sh', ['-c', 'echo 1 > /proc/sys/net/ipv6/conf/all/disable_ipv6; echo 1 > /proc/sys/net/ipv6/conf/default/disable_ipv6']);
  } catch (err) {
    ns.destroy();
    throw err;
  }
  return ns;
}

/** Namespaces a previous, killed run of this suite left behind (their creating process is gone). */
function removeStaleNamespaces(): void {
  let list = '';
  try {
    list = run('ip', ['netns', 'list']);
  } catch {
    return;
  }
  for (const line of list.split('\n')) {
    const name = line.split(' ')[0] ?? '';
    const m = /^chealth-(\d+)-[0-9a-f]{6}$/.exec(name);
    if (!m) continue;
    const pid = Number(m[1]);
    if (pid === process.pid || alive(pid)) continue;
    // What still runs inside (a preview server, traffic generators) would outlive the deleted name.
    for (const p of tryOutput('ip', ['netns', 'pids', name]).split('\n').map(Number)) {
      if (Number.isInteger(p) && p > 0) kill(p);
    }
    tryRun('ip', ['netns', 'del', name]);
  }
}

function tryOutput(cmd: string, args: readonly string[]): string {
  try {
    return run(cmd, args);
  } catch {
    return '';
  }
}

function kill(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A 10.213.x.0/30 no interface on this host uses yet. */
function freeSubnet(): string {
  const used = run('ip', ['-4', '-o', 'addr', 'show']);
  for (let i = 0; i < 50; i++) {
    const candidate = `10.213.${Math.floor(Math.random() * 256)}`;
    if (!used.includes(`${candidate}.`)) return candidate;
  }
  throw new Error('no free 10.213.x.0/30 subnet');
}

/**
 * Random drop of UDP arriving over the namespace's lo. Only UDP: the page's HTTP (TCP) stays fast, and
 * each media packet crosses INPUT once, so the loss per direction is the rule's probability.
 */
export function addUdpLoss(ns: Namespace, probability: number): void {
  ns.exec('iptables', ['-w', '-A', 'INPUT', '-p', 'udp', '-m', 'statistic', '--mode', 'random', '--probability', String(probability), '-j', 'DROP']);
}

export function removeUdpDrops(ns: Namespace): void {
  // The namespace is ours alone: flushing its INPUT chain removes exactly what addUdpLoss or addStunDrop added.
  ns.exec('iptables', ['-w', '-F', 'INPUT']);
}

/**
 * Drops every STUN packet arriving over lo (u32 on the magic cookie, the 4 bytes after the UDP header's 8
 * and the STUN type and length) and nothing else: ICE's consent checks go unanswered while RTP and RTCP
 * flow untouched, so a browser may call the connection disconnected while media keeps arriving.
 */
export function addStunDrop(ns: Namespace): void {
  ns.exec('iptables', ['-w', '-A', 'INPUT', '-p', 'udp', '-m', 'u32', '--u32', '0>>22&0x3C@12=0x2112A442', '-j', 'DROP']);
}

/**
 * A tbf rate cap on UDP leaving over lo. tbf is classless, so an htb root sorts UDP (u32 on the IP
 * protocol byte) into a class whose child is the tbf; everything else goes to an unshaped default class.
 * (prio and netem are not available on these machines; htb, tbf and u32 are.)
 */
export function addUdpRateCap(ns: Namespace, rate: string): void {
  const tc = (...args: string[]) => ns.exec('tc', args);
  tc('qdisc', 'add', 'dev', 'lo', 'root', 'handle', '1:', 'htb', 'default', '10');
  tc('class', 'add', 'dev', 'lo', 'parent', '1:', 'classid', '1:10', 'htb', 'rate', '10gbit', 'quantum', '60000');
  tc('class', 'add', 'dev', 'lo', 'parent', '1:', 'classid', '1:20', 'htb', 'rate', '10gbit', 'quantum', '60000');
  tc('qdisc', 'add', 'dev', 'lo', 'parent', '1:20', 'handle', '20:', 'tbf', 'rate', rate, 'burst', '10kb', 'latency', '300ms');
  tc('filter', 'add', 'dev', 'lo', 'parent', '1:', 'protocol', 'ip', 'prio', '1', 'u32', 'match', 'ip', 'protocol', '17', '0xff', 'flowid', '1:20');
}

export function removeUdpRateCap(ns: Namespace): void {
  ns.exec('tc', ['qdisc', 'del', 'dev', 'lo', 'root']);
}

/** Tries each impairment once on a fresh namespace; null when all work, else what doesn't. */
export function probeImpairments(ns: Namespace): string | null {
  try {
    addUdpLoss(ns, 0.15);
    removeUdpDrops(ns);
  } catch (err) {
    return `iptables -m statistic is not usable: ${err instanceof Error ? err.message : String(err)}`;
  }
  try {
    addStunDrop(ns);
    removeUdpDrops(ns);
  } catch (err) {
    return `iptables -m u32 is not usable: ${err instanceof Error ? err.message : String(err)}`;
  }
  try {
    addUdpRateCap(ns, '300kbit');
    removeUdpRateCap(ns);
  } catch (err) {
    tryRun('ip', ['netns', 'exec', ns.name, 'tc', 'qdisc', 'del', 'dev', 'lo', 'root']);
    return `tc htb/tbf/u32 is not usable: ${err instanceof Error ? err.message : String(err)}`;
  }
  return null;
}

/**
 * Probes namespaces and impairments once, on a throwaway namespace; null when all work. `extra` probes
 * what one spec needs beyond the shared impairments, on the same namespace.
 */
export function probeNamespace(extra?: (probe: Namespace) => string | null): string | null {
  let probe: Namespace;
  try {
    probe = createNamespace();
  } catch (err) {
    return `can't create a network namespace with a veth pair: ${err instanceof Error ? err.message : String(err)}`;
  }
  try {
    return probeImpairments(probe) ?? extra?.(probe) ?? null;
  } finally {
    probe.destroy();
  }
}

export function requireNs(ns: Namespace | null): Namespace {
  if (!ns) throw new Error('no namespace');
  return ns;
}
