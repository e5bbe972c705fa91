// Realistic, changing Daily-shaped stats for the benchmark: random walks with occasional loss bursts and
// RTT spikes, so the verdict, the reasons and every sparkline keep changing like in a real call.
import { advance } from './clock';

let seed = 42;
function rand(): number {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed / 2 ** 31;
}
const walk = (v: number, lo: number, hi: number, step: number) => Math.min(hi, Math.max(lo, v + (rand() - 0.5) * step));

const s = { up: 1.2e6, down: 1.5e6, rtt: 0.05, loss: 0.005, jitter: 0.01, aob: 2.5e6 };

export function nextStats(spacingMs = 2_000, steady = false) {
  const timestamp = advance(spacingMs);
  if (steady) Object.assign(s, { up: 1.2e6, down: 1.5e6, rtt: 0.05, loss: 0.005, jitter: 0.01, aob: 2.5e6 });
  const burst = !steady && rand() < 0.02 ? 0.15 : 0;
  if (!steady) {
    s.up = walk(s.up, 2e5, 2.5e6, 2e5);
    s.down = walk(s.down, 2e5, 3e6, 2e5);
    s.rtt = walk(s.rtt, 0.02, 0.8, 0.06);
    s.loss = walk(s.loss, 0, 0.12, 0.01);
    s.jitter = walk(s.jitter, 0.002, 0.08, 0.01);
    s.aob = walk(s.aob, 1e5, 4e6, 4e5);
  }
  const loss = Math.min(1, s.loss + burst);
  return {
    networkState: 'good',
    networkStateReasons: [],
    quality: 100,
    threshold: 'good',
    stats: {
      latest: {
        timestamp,
        sendBitsPerSecond: s.up,
        recvBitsPerSecond: s.down,
        videoSendBitsPerSecond: s.up * 0.97,
        videoRecvBitsPerSecond: s.down * 0.97,
        audioSendBitsPerSecond: 32_000,
        audioRecvBitsPerSecond: 30_000,
        totalSendPacketLoss: loss,
        totalRecvPacketLoss: loss * 0.8,
        videoSendPacketLoss: loss,
        videoRecvPacketLoss: loss * 0.8,
        audioSendPacketLoss: loss / 2,
        audioRecvPacketLoss: loss / 2,
        networkRoundTripTime: s.rtt,
        videoSendJitter: s.jitter,
        videoRecvJitter: s.jitter * 1.5,
        audioSendJitter: s.jitter / 2,
        audioRecvJitter: s.jitter,
        availableOutgoingBitrate: s.aob,
      },
      worstAudioRecvPacketLoss: 0, worstAudioSendPacketLoss: 0, worstVideoRecvPacketLoss: 0, worstVideoSendPacketLoss: 0,
      worstAudioRecvJitter: 0, worstAudioSendJitter: 0, worstVideoRecvJitter: 0, worstVideoSendJitter: 0,
      averageNetworkRoundTripTime: s.rtt,
    },
  };
}

/** Moves a result from nextStats() to a new time without allocating (the allocation phase reuses results). */
export function restamp(raw: ReturnType<typeof nextStats>, timestamp: number): void {
  raw.stats.latest.timestamp = timestamp;
}
