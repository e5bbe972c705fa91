import { existsSync } from 'node:fs';
import { run, which } from './sh';

const TOOLS = [
  { tool: 'ip', pkg: 'iproute2' },
  { tool: 'tc', pkg: 'iproute2' },
  { tool: 'iptables', pkg: 'iptables' },
  // The round-trip test's cross traffic (fills a deep queue) and its ground truth (ICMP RTT through it).
  { tool: 'iperf3', pkg: 'iperf3' },
  { tool: 'ping', pkg: 'iputils-ping' },
] as const;

/**
 * Root and the network tools, installing the Debian packages above when they are missing and we can.
 * Returns null when everything is there, else why not (the caller skips, or fails under CI).
 */
export function ensureTools(): string | null {
  if (process.platform !== 'linux') return `network namespaces need Linux (this is ${process.platform})`;
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) {
    return 'creating a network namespace needs root (run as root, or in CI as root)';
  }
  const missing = () => TOOLS.filter((t) => which(t.tool) === null);
  if (missing().length > 0 && existsSync('/usr/bin/apt-get')) {
    const pkgs = [...new Set(missing().map((t) => t.pkg))];
    console.log(`[netns] installing ${pkgs.join(', ')} with apt-get`);
    try {
      run('apt-get', ['update', '-qq']);
      // Non-interactive: iperf3's package asks (through debconf) whether to start a daemon at boot.
      run('env', ['DEBIAN_FRONTEND=noninteractive', 'apt-get', 'install', '-y', '-qq', ...pkgs]);
    } catch (err) {
      return `installing ${pkgs.join(', ')} failed: ${err instanceof Error ? err.message : String(err)}`;
    }
  }
  const still = missing();
  if (still.length > 0) {
    return `missing ${still.map((t) => t.tool).join(', ')} (Debian packages: ${[...new Set(still.map((t) => t.pkg))].join(', ')})`;
  }
  return null;
}
