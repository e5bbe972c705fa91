// Writes the demo's recorded traces to public/traces/ (run: node scripts/make-traces.mjs).
// Deterministic (seeded PRNG), so re-running reproduces the committed files byte for byte.
// Values are in Daily's units: bits/s, loss as a 0–1 fraction, RTT and jitter in seconds; one sample per 2 s.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const OUT = resolve(dirname(fileURLToPath(import.meta.url)), '../public/traces');
const INTERVAL = 2000;

function rng(seed) {
  // mulberry32
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const round = (v, digits) => (v === null ? null : Number(v.toFixed(digits)));

/** A healthy Chrome sample, with `over` changing what a scenario impairs. */
function sample(r, over = {}) {
  const around = (v, spread) => v * (1 + (r() * 2 - 1) * spread);
  const m = {
    videoSend: around(1_150_000, 0.08),
    audioSend: around(38_000, 0.05),
    videoRecv: around(1_900_000, 0.1),
    audioRecv: around(40_000, 0.05),
    sendLoss: r() * 0.006,
    recvLoss: r() * 0.006,
    rtt: around(0.048, 0.2),
    available: around(2_800_000, 0.1),
    videoSendJitter: around(0.006, 0.3),
    videoRecvJitter: around(0.012, 0.3),
    audioSendJitter: around(0.004, 0.3),
    audioRecvJitter: around(0.008, 0.3),
    ...over,
  };
  const loss = (v) => (v === null ? null : Math.min(1, Math.max(0, v)));
  return {
    sendBitsPerSecond: Math.round(m.videoSend + m.audioSend),
    recvBitsPerSecond: Math.round(m.videoRecv + m.audioRecv),
    videoSendBitsPerSecond: Math.round(m.videoSend),
    videoRecvBitsPerSecond: Math.round(m.videoRecv),
    audioSendBitsPerSecond: Math.round(m.audioSend),
    audioRecvBitsPerSecond: Math.round(m.audioRecv),
    totalSendPacketLoss: round(loss(m.sendLoss), 4),
    totalRecvPacketLoss: round(loss(m.recvLoss), 4),
    videoSendPacketLoss: round(loss(m.sendLoss * around(1.1, 0.1)), 4),
    videoRecvPacketLoss: round(loss(m.recvLoss * around(1.1, 0.1)), 4),
    audioSendPacketLoss: m.audioSendLoss === null ? null : round(loss(m.sendLoss * around(0.8, 0.1)), 4),
    audioRecvPacketLoss: round(loss(m.recvLoss * around(0.8, 0.1)), 4),
    networkRoundTripTime: round(m.rtt, 4),
    videoSendJitter: round(m.videoSendJitter, 4),
    videoRecvJitter: round(m.videoRecvJitter, 4),
    audioSendJitter: round(m.audioSendJitter, 4),
    audioRecvJitter: round(m.audioRecvJitter, 4),
    availableOutgoingBitrate: m.available === null ? null : Math.round(m.available),
  };
}

const between = (r, lo, hi) => lo + r() * (hi - lo);
const PEERS_OK = [
  { id: 'peer-alex', name: 'Alex', networkQualityState: 'good' },
  { id: 'peer-sam', name: 'Sam', networkQualityState: 'good' },
];

/** Builds a trace from a per-sample function of the time in seconds. */
function trace(name, description, seconds, seed, at) {
  const r = rng(seed);
  const samples = [];
  for (let t = 0; t < seconds; t += INTERVAL / 1000) samples.push({ t: t * 1000, ...at(r, t) });
  return { name, description, intervalMs: INTERVAL, samples };
}

const good = trace('Good', 'A steady call on a good network.', 90, 1, (r, t) => ({
  latest: sample(r),
  networkState: 'good',
  networkStateReasons: [],
  ...(t === 0 ? { context: { connection: 'connected', cpuLoad: { state: 'low', reason: 'none' }, peers: PEERS_OK } } : {}),
}));

const congested = trace(
  'Congested upload',
  'The uplink saturates (someone starts a cloud backup): the bandwidth estimate falls, send loss and round trip climb, then it recovers.',
  100,
  2,
  (r, t) => {
    const ctx =
      t === 0 ? { context: { connection: 'connected', cpuLoad: { state: 'low', reason: 'none' }, peers: PEERS_OK } }
      : t === 50 ? { context: { cpuLoad: { state: 'high', reason: 'encode' } } }
      : t === 84 ? { context: { cpuLoad: { state: 'low', reason: 'none' } } }
      : {};
    if (t < 14 || t >= 84) return { latest: sample(r), networkState: t < 14 ? 'good' : 'warning', networkStateReasons: t < 14 ? [] : ['sendPacketLoss'], ...ctx };
    if (t < 40) {
      return {
        latest: sample(r, { available: between(r, 330_000, 460_000), videoSend: between(r, 300_000, 420_000), sendLoss: between(r, 0.055, 0.085), rtt: between(r, 0.3, 0.42), videoSendJitter: between(r, 0.02, 0.04) }),
        networkState: t < 22 ? 'good' : 'warning',
        networkStateReasons: t < 22 ? [] : ['sendPacketLoss', 'availableOutgoingBitrate'],
        ...ctx,
      };
    }
    return {
      latest: sample(r, { available: between(r, 80_000, 140_000), videoSend: between(r, 90_000, 140_000), sendLoss: between(r, 0.11, 0.17), rtt: between(r, 0.55, 0.85), videoSendJitter: between(r, 0.04, 0.07), audioSendJitter: between(r, 0.02, 0.04) }),
      networkState: t < 46 ? 'warning' : 'bad',
      networkStateReasons: ['sendPacketLoss', 'roundTripTime', 'availableOutgoingBitrate'],
      ...ctx,
    };
  },
);

const lossy = trace(
  'Lossy download',
  'Inbound packets are lost (a weak Wi-Fi link on this side, or a peer’s bad uplink): upload stays clean.',
  90,
  3,
  (r, t) => {
    const ctx = t === 0 ? { context: { connection: 'connected', peers: [PEERS_OK[0], { ...PEERS_OK[1], networkQualityState: 'bad' }] } } : {};
    if (t < 10) return { latest: sample(r), networkState: 'good', networkStateReasons: [], ...ctx };
    return {
      latest: sample(r, { recvLoss: between(r, 0.1, 0.16), videoRecv: between(r, 700_000, 1_000_000), videoRecvJitter: between(r, 0.03, 0.06), audioRecvJitter: between(r, 0.02, 0.035), rtt: between(r, 0.07, 0.1) }),
      // Daily's own grading is not published; it was recorded a level milder than ours here.
      networkState: t < 20 ? 'good' : 'warning',
      networkStateReasons: t < 20 ? [] : ['recvPacketLoss'],
      ...ctx,
    };
  },
);

const firefox = trace(
  'Firefox',
  'A Firefox caller: no round-trip time, no bandwidth estimate and no send-side audio loss or jitter (null, not 0).',
  90,
  4,
  (r, t) => ({
    latest: sample(r, { rtt: null, available: null, audioSendJitter: null, audioSendLoss: null, sendLoss: between(r, 0.005, 0.02) }),
    networkState: 'good',
    networkStateReasons: [],
    ...(t === 0 ? { context: { connection: 'connected', peers: PEERS_OK } } : {}),
  }),
);

const reconnect = trace(
  'Reconnect',
  'The connection drops: Daily reports network-connection interrupted and no new stats for 12 s, then it comes back.',
  80,
  5,
  (r, t) => {
    if (t === 0) return { latest: sample(r), networkState: 'good', networkStateReasons: [], context: { connection: 'connected', peers: PEERS_OK } };
    if (t >= 26 && t < 38) return { latest: null, ...(t === 26 ? { context: { connection: 'interrupted' } } : {}) };
    const after = t >= 38 && t < 46;
    return {
      latest: after ? sample(r, { sendLoss: between(r, 0.01, 0.03), rtt: between(r, 0.08, 0.14) }) : sample(r),
      networkState: 'good',
      networkStateReasons: [],
      // Daily's stats come back a poll before its network-connection event says so.
      ...(t === 40 ? { context: { connection: 'connected' } } : {}),
    };
  },
);

const traces = { good, 'congested-upload': congested, 'lossy-download': lossy, firefox, reconnect };
mkdirSync(OUT, { recursive: true });
for (const [file, t] of Object.entries(traces)) writeFileSync(resolve(OUT, `${file}.json`), `${JSON.stringify(t)}\n`);
const index = Object.entries(traces).map(([file, t]) => ({ file: `${file}.json`, name: t.name, description: t.description }));
writeFileSync(resolve(OUT, 'index.json'), `${JSON.stringify(index, null, 2)}\n`);
console.log(`wrote ${Object.keys(traces).length} traces to ${OUT}`);
