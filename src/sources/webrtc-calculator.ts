/**
 * getStats() counters → Daily's getNetworkStats() numbers. Pure (no RTCPeerConnection, no clock): it is fed
 * reports and the wall-clock time of each poll, so recorded reports replay exactly in unit tests.
 *
 * Each step reads every connection's report (webrtc-counters.ts), measures its streams since the last poll
 * (webrtc-streams.ts) and its path (webrtc-path.ts), and aggregates the connections as Daily does
 * (webrtc-aggregate.ts). What is kept here is what outlives one poll: each connection's counters, and the
 * worst-of and average figures over the source's life.
 */
import type { Field, ReasonKey } from '../core/catalogue';
import type { Evidence } from '../core/live/evidence';
import { aggregate, evidenceOf, type LatestStats } from './webrtc-aggregate';
import { readCounters, type StatsReportLike } from './webrtc-counters';
import { measureConnection, type ConnectionMemory, type ConnectionSample } from './webrtc-streams';

export interface WebRTCNetworkStats {
  /** The source makes no verdict of its own: the monitor computes it. */
  networkState: 'unknown';
  networkStateReasons: ReasonKey[];
  stats: {
    latest: LatestStats;
    worstAudioRecvPacketLoss: number | null;
    worstAudioSendPacketLoss: number | null;
    worstVideoRecvPacketLoss: number | null;
    worstVideoSendPacketLoss: number | null;
    worstAudioRecvJitter: number | null;
    worstAudioSendJitter: number | null;
    worstVideoRecvJitter: number | null;
    worstVideoSendJitter: number | null;
    /** Mean of every RTT reading over the source's life; null when the browser reports none. */
    averageNetworkRoundTripTime: number | null;
    /** Not Daily's: the counts and readings behind `latest` (see core/evidence.ts). */
    evidence: Evidence;
  };
}

const WORST = {
  worstAudioRecvPacketLoss: 'audioRecvPacketLoss',
  worstAudioSendPacketLoss: 'audioSendPacketLoss',
  worstVideoRecvPacketLoss: 'videoRecvPacketLoss',
  worstVideoSendPacketLoss: 'videoSendPacketLoss',
  worstAudioRecvJitter: 'audioRecvJitter',
  worstAudioSendJitter: 'audioSendJitter',
  worstVideoRecvJitter: 'videoRecvJitter',
  worstVideoSendJitter: 'videoSendJitter',
} as const satisfies Record<string, Field>;

/**
 * The whole computation with its memory: one instance per source. `step` takes one report per connection
 * (null when that connection's getStats() failed this time: it keeps its memory and is skipped).
 */
export class NetworkStatsCalculator<K = unknown> {
  private readonly memory = new Map<K, ConnectionMemory>();
  private readonly worst = Object.fromEntries(Object.keys(WORST).map((k) => [k, null])) as Record<keyof typeof WORST, number | null>;
  private rttSum = 0;
  private rttCount = 0;
  private lastTimestamp = 0;

  step(reports: ReadonlyArray<{ key: K; report: StatsReportLike | null }>, takenAt: number): WebRTCNetworkStats {
    const samples: ConnectionSample[] = [];
    for (const { key, report } of reports) {
      if (!report) continue;
      const { sample, memory } = measureConnection(this.memory.get(key) ?? null, readCounters(report), takenAt);
      this.memory.set(key, memory);
      samples.push(sample);
    }
    // Consumers drop a sample whose timestamp isn't newer than the last; two polls in one ms are still two.
    const timestamp = Math.max(takenAt, this.lastTimestamp + 1);
    this.lastTimestamp = timestamp;
    const latest = aggregate(samples, timestamp);
    const evidence = evidenceOf(samples);
    for (const [k, field] of Object.entries(WORST) as Array<[keyof typeof WORST, Field]>) {
      const v = latest[field];
      const w = this.worst[k];
      if (v !== null && (w === null || v > w)) this.worst[k] = v;
    }
    if (latest.networkRoundTripTime !== null) {
      this.rttSum += latest.networkRoundTripTime;
      this.rttCount++;
    }
    return {
      networkState: 'unknown',
      networkStateReasons: [],
      stats: {
        latest,
        ...this.worst,
        averageNetworkRoundTripTime: this.rttCount > 0 ? this.rttSum / this.rttCount : null,
        evidence,
      },
    };
  }
}
