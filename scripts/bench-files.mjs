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

const REFUSED = ['too-large.json', 'gzip-bomb.json.gz', 'too-deep.json', 'too-many-values.json', 'too-many-connections.json', 'too-many-stats.json'];

const utf8 = (s) => new Uint8Array(Buffer.from(s, 'utf8'));
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
  // 2. Bytes and values: ~2M values in a real dump's update log (read through, entry by entry, after parsing).
  {
    const d = internals();
    const log = d.PeerConnections['8-1'].updateLog;
    const entries = Math.floor((TARGET_VALUES - valuesIn(d)) / 2);
    for (let i = 0; i < entries; i++) log.push({ type: 'a' });
    const body = JSON.stringify(d);
    d.padding = 'x'.repeat(Math.max(0, TARGET_BYTES - body.length - 32));
    out.push({ name: 'at-limit-values.json', bytes: utf8(JSON.stringify(d)), what: '16 MB, 2M values: a real dump whose update log has 1M entries' });
  }
  // 3. Every limit at once: 256 connections, 5 000 stats in one report, ~2M values, 1 MB series, 16 MB.
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
    out.push({ name: 'at-every-limit.json', bytes, what: '256 connections, 5 000 stats in a report, 2M values, 1 MB series, 16 MB' });
    out.push({ name: 'at-every-limit.json.gz', bytes: new Uint8Array(gzipSync(bytes)), what: 'the same, gzipped (unzipped as it is read)' });
  }
  return out.map((f) => ({ ...f, expect: { outcome: 'replayed' } }));
}

/** The benchmark's files: the corpus's refusals at each limit, then the accepted ones at the limits. */
export function benchFiles() {
  const corpus = hostileFiles().filter((f) => REFUSED.includes(f.name));
  return [...corpus, ...atTheLimits()];
}
