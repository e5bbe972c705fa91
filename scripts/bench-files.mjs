// The files `BENCH_ONLY=files` opens: the corpus's refusals at each limit (scripts/hostile-files.mjs), and the
// heaviest files the readers accept — each just under the limits, in the shapes that cost the readers most —
// so the benchmark times the worst a person can hand the demo, refused or replayed.
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hostileFiles, PROBED_LIMITS } from './hostile-files.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const INTERNALS = 'src/sources/fixtures/dumps/webrtc-internals-chromium.json';
/** FILE_LIMITS.maxItemChars (the corpus has no file at it: nothing over it is refused, it is skipped). */
const MAX_ITEM_CHARS = 1024 * 1024;
/** Room left under maxBytes, so rounding in the builders below never tips a file over. */
const TARGET_BYTES = PROBED_LIMITS.maxBytes - 64 * 1024;
/** Room left under maxValues, likewise. */
const TARGET_VALUES = PROBED_LIMITS.maxValues - 1_000;

const REFUSED = ['too-large.json', 'gzip-bomb.json.gz', 'too-deep.json', 'too-many-values.json', 'too-many-connections.json', 'too-many-stats.json', 'too-many-samples.json'];

const utf8 = (s) => new Uint8Array(Buffer.from(s, 'utf8'));
const count = (n) => n.toLocaleString('en-US');
const internals = () => JSON.parse(readFileSync(join(ROOT, INTERNALS), 'utf8'));

/** JSON values in a parsed document, counted as the reader counts them: every container and every scalar. */
function valuesIn(v) {
  if (v === null || typeof v !== 'object') return 1;
  let n = 1;
  for (const item of Object.values(v)) n += valuesIn(item);
  return n;
}

/**
 * A series' values at the longest a series may be, in JSON.parse's slowest shape: `[{},{},…]` (an object to
 * build every three characters; ~100 ms per MB). A series is parsed whole, so this is the longest single step
 * a dump can ask of the reader.
 */
function slowestSeries() {
  const n = Math.floor((MAX_ITEM_CHARS - 16 - 2) / 3);
  return `[${'{},'.repeat(n)}{}]`;
}

/** Adds heaviest-shape series to a connection's stats (on one of its real stats) while the file has room. */
function addSlowSeries(dump, pcId, bytes) {
  const stats = dump.PeerConnections[pcId].stats;
  const like = stats['OT01A1452641937-bytesSent'];
  const values = slowestSeries();
  let total = bytes;
  for (let i = 0; total + values.length + 256 < TARGET_BYTES; i++) {
    stats[`OT01A1452641937-slow${i}`] = { startTime: like.startTime, endTime: like.endTime, statsType: 'outbound-rtp', values };
    total += values.length + 128;
  }
}

/** Accepted files at the limits, each with what it pushes to the limit. */
function atTheLimits() {
  const out = [];
  // 1. Bytes and series length: a real dump plus as many 1 MB `[{},…]` series as fit in 16 MB.
  {
    const d = internals();
    addSlowSeries(d, '8-1', JSON.stringify(d).length);
    out.push({ name: 'at-limit-series.json', bytes: utf8(JSON.stringify(d)), what: '16 MB: ~15 series of 1 MB `[{},{},…]` in a real dump' });
  }
  // 2. Bytes and values: a real dump's update log grown to the value limit (read through, entry by entry, after parsing).
  {
    const d = internals();
    const log = d.PeerConnections['8-1'].updateLog;
    const entries = Math.floor((TARGET_VALUES - valuesIn(d)) / 2);
    for (let i = 0; i < entries; i++) log.push({ type: 'a' });
    const body = JSON.stringify(d);
    d.padding = 'x'.repeat(Math.max(0, TARGET_BYTES - body.length - 32));
    out.push({ name: 'at-limit-values.json', bytes: utf8(JSON.stringify(d)), what: `16 MB, ${count(TARGET_VALUES)} values: a real dump whose update log has ${count(entries)} entries` });
  }
  // 3. Every limit at once: connections, stats in one report, values (one empty object each: the most objects a
  // value count allows, so the collector's worst), 1 MB series, 16 MB.
  {
    const d = internals();
    const first = d.PeerConnections['8-1'];
    const small = { ...first, stats: Object.fromEntries(Object.entries(first.stats).filter(([k]) => k.startsWith('OT01A1452641937-'))) };
    const like = first.stats['OT01A1452641937-bytesSent'];
    const statIds = new Set(Object.keys(first.stats).map((k) => k.slice(0, k.lastIndexOf('-'))));
    for (let i = 0; statIds.size < PROBED_LIMITS.maxStatsPerReport - 10; i++) {
      first.stats[`IT${i}-bytesReceived`] = { startTime: like.startTime, endTime: like.endTime, statsType: 'inbound-rtp', values: '[1,2,3,4,5,6,7,8,9]' };
      statIds.add(`IT${i}`);
    }
    d.PeerConnections = { '8-1': first };
    for (let i = 1; i < PROBED_LIMITS.maxConnections; i++) d.PeerConnections[`1-${i}`] = structuredClone(small);
    const pad = Math.max(0, TARGET_VALUES - valuesIn(d));
    for (let i = 0; i < pad; i++) first.updateLog.push({});
    addSlowSeries(d, '8-1', JSON.stringify(d).length);
    const bytes = utf8(JSON.stringify(d));
    out.push({ name: 'at-every-limit.json', bytes, what: `${PROBED_LIMITS.maxConnections} connections, ${count(PROBED_LIMITS.maxStatsPerReport)} stats in a report, ${count(TARGET_VALUES)} values, 1 MB series, 16 MB` });
    out.push({ name: 'at-every-limit.json.gz', bytes: new Uint8Array(gzipSync(bytes)), what: 'the same, gzipped (unzipped as it is read)' });
  }
  // 4. Our own formats, whose samples are converted one by one after reading: the most samples a recording may
  // hold, as a trace and as a session export, and a Daily /logs response with as many entries as the values allow.
  {
    const start = Date.UTC(2026, 0, 1);
    const n = PROBED_LIMITS.maxSamples - 1;
    const trace = { name: 'at the limit', intervalMs: 2000, samples: Array.from({ length: n }, (_, i) => ({ t: i * 2000, latest: null })) };
    out.push({ name: 'at-limit-samples.trace.json', bytes: utf8(JSON.stringify(trace)), what: `a trace of ${count(n)} samples` });
    const session = { version: 1, startedAt: start, samples: Array.from({ length: n }, (_, i) => ({ timestamp: start + i * 2000, sendBitsPerSecond: 1e6 })) };
    out.push({ name: 'at-limit-samples.session.json', bytes: utf8(JSON.stringify(session)), what: `a session export of ${count(n)} samples` });
    const entry = (i) => ({ clientTime: new Date(start + i * 15_000).toISOString(), userSessionId: 'u1', isSFU: true, sendBitsPerSecond: 1e6, recvBitsPerSecond: 1e6, videoRecvPacketLoss: 0.01 });
    const entries = Math.floor((TARGET_VALUES - 2) / valuesIn(entry(0)));
    out.push({ name: 'at-limit-entries.logs.json', bytes: utf8(JSON.stringify({ metrics: Array.from({ length: entries }, (_, i) => entry(i)) })), what: `a Daily /logs response of ${count(entries)} metrics entries` });
  }
  return out.map((f) => ({ ...f, expect: { outcome: 'replayed' } }));
}

/** The benchmark's files: the corpus's refusals at each limit, then the accepted ones at the limits. */
export function benchFiles() {
  const corpus = hostileFiles().filter((f) => REFUSED.includes(f.name));
  return [...corpus, ...atTheLimits()];
}
