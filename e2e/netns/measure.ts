/** The test's own loss measurement, straight from inbound-rtp counters — not through the stats source. */
export interface InboundCount {
  id: string;
  kind: string;
  ssrc: number;
  packetsLost: number;
  packetsReceived: number;
}

export interface InboundSnapshot {
  at: number;
  streams: InboundCount[];
}

/** Σ Δlost / Σ (Δlost + Δreceived) between two snapshots, over streams present in both; null if none. */
export function lossBetween(a: InboundSnapshot, b: InboundSnapshot): { loss: number | null; packets: number } {
  let lost = 0;
  let expected = 0;
  for (const s of b.streams) {
    const o = a.streams.find((x) => x.id === s.id && x.ssrc === s.ssrc);
    if (!o || s.packetsReceived < o.packetsReceived) continue;
    const dLost = s.packetsLost - o.packetsLost;
    lost += dLost;
    expected += dLost + (s.packetsReceived - o.packetsReceived);
  }
  return { loss: expected > 0 ? lost / expected : null, packets: expected };
}

/** The snapshot taken closest to `at`. */
export function nearest(list: readonly InboundSnapshot[], at: number): InboundSnapshot | undefined {
  let best: InboundSnapshot | undefined;
  for (const s of list) if (!best || Math.abs(s.at - at) < Math.abs(best.at - at)) best = s;
  return best;
}
