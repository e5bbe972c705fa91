/**
 * The stats dumps' seeds, cut from real recordings to the stats and fields the WebRTC maths reads:
 * webrtc-internals (current and legacy), rtcstats (Jitsi), rtcstats v3 (Chromium) and getStats() snapshots.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Seed } from './mutate';
import { RawLine } from './tree-paths';

/** The repository's root, from this file's place in it (as test/realcalls finds the corpus). */
export const ROOT = resolve(import.meta.dirname, '../../../..');
/** The project's unedited copy of ../shared/realcalls (with its licences). */
export const REALCALLS = join(ROOT, 'src/sources/fixtures/realcalls');
const DUMPS = join(ROOT, 'src/sources/fixtures/dumps');

export function read(path: string): string {
  return readFileSync(path, 'utf8');
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The stats types the WebRTC maths reads, and the legacy ones it must tell apart from them. */
const KEPT_TYPES: ReadonlySet<string> = new Set([
  'inbound-rtp',
  'outbound-rtp',
  'remote-inbound-rtp',
  'candidate-pair',
  'transport',
  'ssrc',
  'googCandidatePair',
  'VideoBwe',
]);

/**
 * The fields the WebRTC maths reads (webrtc-counters.ts and the calculator), and codecId, which it does not.
 * The rest of a real report is most of its bytes and only slows each run down.
 */
const KEPT_FIELDS: ReadonlySet<string> = new Set([
  'id', 'type', 'kind', 'mediaType', 'ssrc', 'timestamp', 'bytesSent', 'packetsSent', 'retransmittedPacketsSent',
  'qualityLimitationReason', 'bytesReceived', 'packetsReceived', 'packetsLost', 'jitter', 'lastPacketReceivedTimestamp',
  'localId', 'fractionLost', 'roundTripTime', 'roundTripTimeMeasurements', 'currentRoundTripTime',
  'availableOutgoingBitrate', 'selectedCandidatePairId', 'state', 'nominated', 'selected', 'codecId',
]);

/** Legacy ids carry their type in a prefix (see legacy-stats-ids.ts); these are the kept types' prefixes. */
const KEPT_LEGACY_PREFIXES = ['RTCInboundRTP', 'RTCOutboundRTP', 'RTCRemoteInboundRtp', 'RTCIceCandidatePair_', 'RTCTransport_'];

/** A report (`{ id: stat }`) with only the kept stats and fields; ids first seen with another type stay out. */
function keptReport(report: Record<string, unknown>, typeOf: Map<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [id, stat] of Object.entries(report)) {
    if (!isObject(stat)) {
      out[id] = stat; // a collapsed timestamp, or null for a removed stat
      continue;
    }
    const type = typeof stat['type'] === 'string' ? stat['type'] : typeOf.get(id);
    if (type === undefined || !KEPT_TYPES.has(type)) continue;
    typeOf.set(id, type);
    out[id] = Object.fromEntries(Object.entries(stat).filter(([field]) => KEPT_FIELDS.has(field)));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// webrtc-internals
// ---------------------------------------------------------------------------------------------------------

/** Polls kept per series: each series' first values, its endTime moved to the last kept one. */
const INTERNALS_POLLS = 4;

function cutInternals(dump: Record<string, unknown>, legacy: boolean): Record<string, unknown> {
  const pcs = dump['PeerConnections'];
  if (!isObject(pcs)) throw new Error('seed: no PeerConnections');
  const out: Record<string, unknown> = {};
  for (const [pcId, pc] of Object.entries(pcs)) {
    if (!isObject(pc) || !isObject(pc['stats'])) continue;
    const stats: Record<string, unknown> = {};
    for (const [key, series] of Object.entries(pc['stats'])) {
      if (!isObject(series) || /-\[.*\]$/.test(key)) continue;
      const type = series['statsType'];
      const field = key.slice(key.lastIndexOf('-') + 1);
      const keep = legacy ? KEPT_LEGACY_PREFIXES.some((p) => key.startsWith(p)) : typeof type === 'string' && KEPT_TYPES.has(type);
      if (!keep || !KEPT_FIELDS.has(field)) continue;
      stats[key] = cutSeries(series);
    }
    // Only the state changes: the SDP entries are most of the bytes and the reader skips them.
    const log = Array.isArray(pc['updateLog'])
      ? pc['updateLog'].filter((e: unknown) => isObject(e) && typeof e['type'] === 'string' && /statechange|close/i.test(e['type']))
      : [];
    out[pcId] = { pid: pc['pid'], updateLog: log, stats };
  }
  return { PeerConnections: out, UserAgent: dump['UserAgent'] };
}

/** A series' first INTERNALS_POLLS values; startTime and endTime stay the times of its first and last value. */
function cutSeries(series: Record<string, unknown>): Record<string, unknown> {
  const raw = series['values'];
  const values: unknown = typeof raw === 'string' ? JSON.parse(raw) : raw;
  if (!Array.isArray(values) || values.length <= INTERNALS_POLLS) return series;
  const start = Date.parse(String(series['startTime']));
  const end = Date.parse(String(series['endTime']));
  const step = (end - start) / (values.length - 1);
  const kept = values.slice(0, INTERNALS_POLLS);
  return { ...series, endTime: new Date(Math.round(start + step * (kept.length - 1))).toISOString(), values: JSON.stringify(kept) };
}

export function internalsSeeds(): Seed[] {
  const current = JSON.parse(read(join(DUMPS, 'webrtc-internals-chromium.json'))) as Record<string, unknown>;
  const legacy = JSON.parse(read(join(DUMPS, 'webrtc-internals-chromium-legacy.json'))) as Record<string, unknown>;
  return [
    { name: 'webrtc-internals-chromium.json', doc: { kind: 'json', value: cutInternals(current, false) } },
    { name: 'webrtc-internals-chromium-legacy.json', doc: { kind: 'json', value: cutInternals(legacy, true) } },
  ];
}

// ---------------------------------------------------------------------------------------------------------
// rtcstats (Jitsi) and rtcstats v3 (Chromium)
// ---------------------------------------------------------------------------------------------------------

/** Lines that say what connection there is and what state it is in: always kept. */
const STRUCTURE_EVENTS = /^(connectionInfo|create|close|on(ice)?connectionstatechange)$/;

/** The connection info, the state changes and the first `polls` getstats lines, in file order. */
export function cutJitsi(text: string, polls: number): unknown[] {
  const out: unknown[] = [];
  const types = new Map<string, string>();
  let stats = 0;
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const event: unknown = JSON.parse(line);
    if (!Array.isArray(event)) continue;
    const name = event[0];
    if (name === 'getstats' || name === 'getStats') {
      if (stats++ < polls) out.push(isObject(event[2]) ? [event[0], event[1], keptReport(event[2], types), ...event.slice(3)] : event);
    } else if (typeof name === 'string' && STRUCTURE_EVENTS.test(name)) out.push(event);
  }
  return out;
}

const JITSI_FILES: ReadonlyArray<readonly [file: string, polls: number]> = [
  ['safari-relay', 4], // Safari 17 over TURN
  ['chrome-relay', 4], // Chrome 117, bandwidth-limited encoder
  ['firefox-relay', 4], // Firefox: no candidate-pair RTT, closed at the end
  ['chrome-standard-pc-failed', 5], // connection goes disconnected / failed
  ['chrome-standard-multiple-p2p', 6], // several connections in one page
  ['google-legacy-stats-sfu', 3], // legacy goog* stats only
];

export function jitsiSeeds(): Seed[] {
  return JITSI_FILES.map(([file, polls]) => ({
    name: `jitsi-rtcstats-server/${file} (${polls} polls)`,
    doc: { kind: 'lines', lines: cutJitsi(read(join(REALCALLS, 'jitsi-rtcstats-server', file)), polls) },
  }));
}

/** v3 method names that matter (see rtcstats.ts); the rest are signalling and skipped by the reader. */
const V3_KEPT = new Set(['getStats', 'create', 'close', 'oniceconnectionstatechange', 'onconnectionstatechange']);

/**
 * The header, the metadata and the structure lines of Chromium's v3 dump with its first `polls` getStats lines,
 * only the kept stats types in each. A v3 line's time is the delta since the line before, so a dropped line's
 * delta moves to the next kept one and every kept line keeps its time.
 */
function cutV3(text: string, polls: number): unknown[] {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  const out: unknown[] = [new RawLine(lines[0] ?? ''), JSON.parse(lines[1] ?? '{}')];
  const types = new Map<string, string>();
  let carried = 0;
  let stats = 0;
  for (const line of lines.slice(2)) {
    const event: unknown = JSON.parse(line);
    if (!Array.isArray(event)) continue;
    const delta = event[event.length - 1];
    carried += typeof delta === 'number' ? delta : 0;
    const name = event[0];
    const keep = typeof name === 'string' && V3_KEPT.has(name) && (name !== 'getStats' || stats++ < polls);
    if (!keep) continue;
    const copy: unknown[] = [...event];
    copy[copy.length - 1] = carried;
    carried = 0;
    if (name === 'getStats' && isObject(copy[2])) copy[2] = keptReport(copy[2], types);
    out.push(copy);
  }
  return out;
}

export function v3Seeds(): Seed[] {
  const text = gunzipSync(readFileSync(join(DUMPS, 'chromium-rtcstats-v3.txt.gz'))).toString('utf8');
  return [{ name: 'chromium-rtcstats-v3.txt.gz (4 reports, 2 per connection)', doc: { kind: 'lines', lines: cutV3(text, 4) } }];
}

// ---------------------------------------------------------------------------------------------------------
// getStats() snapshots
// ---------------------------------------------------------------------------------------------------------

/** A saved `Array.from(report)` with only the kept stats and fields, still in the file's order. */
function snapshotPairs(file: string): Array<[string, unknown]> {
  const pairs = JSON.parse(read(join(REALCALLS, 'skyway-lab-rtcstats-wrapper', file))) as Array<[string, unknown]>;
  const kept = keptReport(Object.fromEntries(pairs), new Map());
  return pairs.filter(([id]) => id in kept).map(([id]) => [id, kept[id]]);
}

export function snapshotSeeds(): Seed[] {
  const files = ['chrome-77.0.3842.0.json', 'firefox-67.0.4.json', 'safari-12.1.1.json'];
  const seeds: Seed[] = files.map((file) => ({ name: `skyway-lab-rtcstats-wrapper/${file}`, doc: { kind: 'json', value: snapshotPairs(file) } }));
  // The other two shapes a snapshot is saved in, made from the same real report.
  const pairs = snapshotPairs('safari-12.1.1.json');
  seeds.push({ name: 'safari-12.1.1 as [{key, value}]', doc: { kind: 'json', value: pairs.map(([key, value]) => ({ key, value })) } });
  seeds.push({ name: 'safari-12.1.1 as [stats]', doc: { kind: 'json', value: pairs.map(([, value]) => value) } });
  return seeds;
}
